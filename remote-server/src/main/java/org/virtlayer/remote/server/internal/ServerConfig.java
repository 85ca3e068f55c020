package org.virtlayer.remote.server.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.virtlayer.remote.server} ({@code etc/org.virtlayer.remote.server.cfg} in Karaf). */
@ObjectClassDefinition(name = "virtlayer remote server", description = "HTTPS + JSON access to this node, TLS 1.3"
        + " with client certificates")
public @interface ServerConfig {
    @AttributeDefinition(description = "Address to listen on; 127.0.0.1 by default so that nothing is exposed until"
            + " an administrator chooses an address (0.0.0.0: every address)")
    String bindAddress() default "127.0.0.1";

    @AttributeDefinition(description = "TCP port (libvirt's TLS port)")
    int port() default 16514;

    @AttributeDefinition(description = "Folder of the node's CA, server certificate and trusted clients; empty:"
            + " <core stateDirectory>/remote/pki")
    String pkiDirectory() default "";

    @AttributeDefinition(description = "Extra host names or addresses the server certificate covers, comma separated")
    String hostNames() default "";

    @AttributeDefinition(description = "Largest JSON request body, bytes")
    int maxRequestBytes() default 4 * 1024 * 1024;

    @AttributeDefinition(description = "Open connections at once, all clients together")
    int maxConnections() default 256;

    @AttributeDefinition(description = "Open connections of one client certificate")
    int maxConnectionsPerClient() default 128;

    @AttributeDefinition(description = "Calls of one client running at once; more get RESOURCE_BUSY (HTTP 429)")
    int maxCallsPerClient() default 64;

    @AttributeDefinition(description = "Seconds a connection may stay without a request")
    int idleTimeoutSeconds() default 120;

    @AttributeDefinition(description = "Seconds a TLS handshake may take")
    int handshakeTimeoutSeconds() default 10;

    @AttributeDefinition(description = "Events kept per session for a slow or reconnecting client")
    int eventBufferSize() default 1024;

    @AttributeDefinition(description = "Seconds between heartbeats on a quiet event stream")
    int heartbeatSeconds() default 15;

    @AttributeDefinition(description = "Seconds a session without calls or event reader is kept")
    int sessionIdleSeconds() default 300;

    @AttributeDefinition(description = "Sessions of one client")
    int maxSessionsPerClient() default 64;
}
