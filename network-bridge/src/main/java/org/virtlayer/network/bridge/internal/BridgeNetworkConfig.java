package org.virtlayer.network.bridge.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The backend's settings, PID {@code org.virtlayer.network.bridge}. */
@ObjectClassDefinition(name = "virtlayer network-bridge", description = "Virtual networks: bridges, dnsmasq, nftables")
public @interface BridgeNetworkConfig {
    @AttributeDefinition(description = "Name of a network namespace (ip netns) in which every bridge, dnsmasq and"
            + " nftables table of the virtual networks is made, e.g. to keep them apart from the host's own network;"
            + " empty: the host's own namespace")
    String networkNamespace() default "";

    @AttributeDefinition(description = "The dnsmasq program")
    String dnsmasq() default "dnsmasq";
}
