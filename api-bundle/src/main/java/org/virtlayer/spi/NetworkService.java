package org.virtlayer.spi;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.osgi.annotation.versioning.ConsumerType;
import org.virtlayer.api.ModificationImpact;
import org.virtlayer.api.NetworkDhcpLease;
import org.virtlayer.api.NetworkListFlag;
import org.virtlayer.api.NetworkUpdateCommand;
import org.virtlayer.api.NetworkUpdateSection;
import org.virtlayer.api.VirtException;

/** Virtual networks, libvirt's {@code virNetworkDriver}: served by a hypervisor driver itself or a network backend. */
@ConsumerType
public interface NetworkService extends AutoCloseable {
    List<NetworkSummary> listNetworks(Set<NetworkListFlag> flags);

    NetworkRef lookupNetworkByName(String name);

    NetworkRef lookupNetworkByUuid(UUID uuid);

    NetworkSummary networkSummary(NetworkRef network);

    default NetworkRef defineNetwork(String xml) {
        throw VirtException.noSupport("virNetworkDefineXML");
    }

    default NetworkRef createNetwork(String xml) {
        throw VirtException.noSupport("virNetworkCreateXML");
    }

    default void startNetwork(NetworkRef network) {
        throw VirtException.noSupport("virNetworkCreate");
    }

    default void destroyNetwork(NetworkRef network) {
        throw VirtException.noSupport("virNetworkDestroy");
    }

    default void undefineNetwork(NetworkRef network) {
        throw VirtException.noSupport("virNetworkUndefine");
    }

    default String networkXml(NetworkRef network, boolean inactive) {
        throw VirtException.noSupport("virNetworkGetXMLDesc");
    }

    default String networkBridgeName(NetworkRef network) {
        throw VirtException.noSupport("virNetworkGetBridgeName");
    }

    default void setNetworkAutostart(NetworkRef network, boolean autostart) {
        throw VirtException.noSupport("virNetworkSetAutostart");
    }

    default List<NetworkDhcpLease> networkDhcpLeases(NetworkRef network, String mac) {
        throw VirtException.noSupport("virNetworkGetDHCPLeases");
    }

    default void updateNetwork(NetworkRef network, NetworkUpdateCommand command, NetworkUpdateSection section,
            int parentIndex, String xml, Set<ModificationImpact> impact) {
        throw VirtException.noSupport("virNetworkUpdate");
    }

    // ---- network ports: a guest NIC's place on a network, for hypervisor drivers (libvirt's virNetworkPort*)

    /**
     * Reserves a port on an active network for a guest NIC and says where to plug it (which bridge, which MTU). The
     * driver then creates the host side device itself (a tap for QEMU, a veth pair for LXC) and enslaves it to
     * {@link NetworkPort#bridge()}; see {@code docs/networks.md}. Ports last until {@link #deletePort} or until the
     * network stops.
     *
     * @throws VirtException OPERATION_INVALID if the network is not active; INVALID_MAC for a bad address
     */
    default NetworkPort createPort(NetworkRef network, NetworkPortRequest request) {
        throw VirtException.noSupport("virNetworkPortCreateXML");
    }

    /**
     * Releases a port when its guest NIC goes away (the guest stopped or the NIC was unplugged).
     *
     * @throws VirtException NO_NETWORK_PORT if the network has no such port
     */
    default void deletePort(NetworkRef network, UUID port) {
        throw VirtException.noSupport("virNetworkPortDelete");
    }

    /** The ports of a network now, e.g. for a driver that finds its running guests again after a restart. */
    default List<NetworkPort> listPorts(NetworkRef network) {
        throw VirtException.noSupport("virNetworkListAllPorts");
    }

    @Override
    default void close() {
    }
}
