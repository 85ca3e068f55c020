package org.virtlayer.driver.lxc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The LXC driver's settings, PID {@code org.virtlayer.driver.lxc}. */
@ObjectClassDefinition(name = "virtlayer LXC driver", description = "How the LXC driver runs its containers")
public @interface LxcDriverConfig {
    @AttributeDefinition(description = "Parent cgroup of the containers' cgroups, relative to each hierarchy's root")
    String cgroupRoot() default "virtlayer";

    @AttributeDefinition(description = "busybox (static) that sets containers up and keeps their consoles; empty:"
            + " found in /usr/bin or /bin")
    String busybox() default "";

    @AttributeDefinition(description = "Seconds a container's setup may take before its start fails")
    long startTimeoutSeconds() default 30;

    @AttributeDefinition(description = "Name of a network namespace (ip netns) in which the host ends of containers'"
            + " bridge and ethernet interfaces are made, and where their bridges must be, e.g. to keep them apart from"
            + " the host's own network; empty: the host's own namespace. A virtual network's port says its own.")
    String networkNamespace() default "";
}
