package org.virtlayer.driver.qemu.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The QEMU driver's settings, PID {@code org.virtlayer.driver.qemu}. */
@ObjectClassDefinition(name = "virtlayer QEMU driver", description = "How the QEMU driver runs its domains")
public @interface QemuDriverConfig {
    @AttributeDefinition(description = "Seconds destroy waits after SIGTERM before SIGKILL")
    long destroyGraceSeconds() default 10;

    @AttributeDefinition(description = "Parent cgroup of the domains' cgroups, relative to each hierarchy's root")
    String cgroupRoot() default "virtlayer";

    @AttributeDefinition(description = "Seconds a QMP command may take before the call fails")
    long monitorTimeoutSeconds() default 30;
}
