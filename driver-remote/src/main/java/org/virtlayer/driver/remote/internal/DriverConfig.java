package org.virtlayer.driver.remote.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.virtlayer.driver.remote} ({@code etc/org.virtlayer.driver.remote.cfg} in Karaf). */
@ObjectClassDefinition(name = "virtlayer remote driver", description = "Reaching other nodes over TLS 1.3")
public @interface DriverConfig {
    @AttributeDefinition(description = "Folder with cacert.pem, clientcert.pem and clientkey.pem (libvirt's names);"
            + " a URI's 'pkipath' parameter overrides it. Empty: ~/.pki/virtlayer")
    String pkiPath() default "";

    @AttributeDefinition(description = "Seconds to connect and finish the TLS handshake")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(description = "Seconds to wait for a node's answer to one call")
    int callTimeoutSeconds() default 600;
}
