package org.virtlayer.spi;

import java.util.Objects;
import java.util.UUID;

/**
 * A guest NIC's place on a network, libvirt's network port: what a hypervisor driver needs to connect the guest's
 * side (a tap device for QEMU, a veth pair for LXC) and to release it again with
 * {@link NetworkService#deletePort(NetworkRef, UUID)} when the guest stops.
 *
 * @param uuid the port's identity, unique on the node
 * @param network the network it belongs to
 * @param ownerName the domain's name
 * @param ownerUuid the domain's UUID
 * @param mac the guest's MAC address, lower case, as the request gave it or as the network generated it
 * @param plugType how to connect: {@link #PLUG_NETWORK} (a bridge the network created and manages) or
 *     {@link #PLUG_BRIDGE} (an existing host bridge the network only names)
 * @param bridge the bridge device to enslave the host side of the guest's NIC to
 * @param mtu the MTU to give the host side device, or 0 to take the bridge's
 * @param namespace the name of the network namespace ({@code ip netns}) the bridge lives in, or null for the host's
 *     own; the host side device must be created there
 */
public record NetworkPort(UUID uuid, NetworkRef network, String ownerName, UUID ownerUuid, String mac,
        String plugType, String bridge, int mtu, String namespace) {
    /** The network made the bridge itself (forward modes nat, route, open and none). */
    public static final String PLUG_NETWORK = "network";

    /** The bridge is the host's own, which the network only names (forward mode bridge). */
    public static final String PLUG_BRIDGE = "bridge";

    public NetworkPort {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(plugType, "plugType");
        Objects.requireNonNull(bridge, "bridge");
    }
}
