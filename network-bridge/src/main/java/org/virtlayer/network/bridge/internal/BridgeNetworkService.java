package org.virtlayer.network.bridge.internal;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.virtlayer.api.ModificationImpact;
import org.virtlayer.api.NetworkDhcpLease;
import org.virtlayer.api.NetworkListFlag;
import org.virtlayer.api.NetworkUpdateCommand;
import org.virtlayer.api.NetworkUpdateSection;
import org.virtlayer.spi.EventSink;
import org.virtlayer.spi.NetworkPort;
import org.virtlayer.spi.NetworkPortRequest;
import org.virtlayer.spi.NetworkRef;
import org.virtlayer.spi.NetworkService;
import org.virtlayer.spi.NetworkSummary;

/** One connection's view of the node's networks: every call goes to the shared networks; events go to its sink too. */
final class BridgeNetworkService implements NetworkService {
    private final VirtualNetworks networks;
    private final EventSink sink;

    BridgeNetworkService(VirtualNetworks networks, EventSink sink) {
        this.networks = networks;
        this.sink = sink;
        networks.events.add(sink);
    }

    @Override
    public void close() {
        networks.events.remove(sink);
    }

    @Override
    public List<NetworkSummary> listNetworks(Set<NetworkListFlag> flags) {
        return networks.list(flags);
    }

    @Override
    public NetworkRef lookupNetworkByName(String name) {
        return networks.lookupByName(name);
    }

    @Override
    public NetworkRef lookupNetworkByUuid(UUID uuid) {
        return networks.lookupByUuid(uuid);
    }

    @Override
    public NetworkSummary networkSummary(NetworkRef network) {
        return networks.summary(network);
    }

    @Override
    public NetworkRef defineNetwork(String xml) {
        return networks.define(xml);
    }

    @Override
    public NetworkRef createNetwork(String xml) {
        return networks.create(xml);
    }

    @Override
    public void startNetwork(NetworkRef network) {
        networks.start(network);
    }

    @Override
    public void destroyNetwork(NetworkRef network) {
        networks.destroy(network);
    }

    @Override
    public void undefineNetwork(NetworkRef network) {
        networks.undefine(network);
    }

    @Override
    public String networkXml(NetworkRef network, boolean inactive) {
        return networks.xml(network, inactive);
    }

    @Override
    public String networkBridgeName(NetworkRef network) {
        return networks.bridgeName(network);
    }

    @Override
    public void setNetworkAutostart(NetworkRef network, boolean autostart) {
        networks.setAutostart(network, autostart);
    }

    @Override
    public List<NetworkDhcpLease> networkDhcpLeases(NetworkRef network, String mac) {
        return networks.leases(network, mac);
    }

    @Override
    public void updateNetwork(NetworkRef network, NetworkUpdateCommand command, NetworkUpdateSection section,
            int parentIndex, String xml, Set<ModificationImpact> impact) {
        networks.update(network, command, section, parentIndex, xml, impact);
    }

    @Override
    public NetworkPort createPort(NetworkRef network, NetworkPortRequest request) {
        return networks.createPort(network, request);
    }

    @Override
    public void deletePort(NetworkRef network, UUID port) {
        networks.deletePort(network, port);
    }

    @Override
    public List<NetworkPort> listPorts(NetworkRef network) {
        return networks.ports(network);
    }
}
