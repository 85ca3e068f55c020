package org.virtlayer.driver.remote.internal;

import static org.virtlayer.driver.remote.internal.NodeLink.args;
import static org.virtlayer.remote.protocol.RemoteMethod.*;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.virtlayer.api.ModificationImpact;
import org.virtlayer.api.NetworkDhcpLease;
import org.virtlayer.api.NetworkListFlag;
import org.virtlayer.api.NetworkUpdateCommand;
import org.virtlayer.api.NetworkUpdateSection;
import org.virtlayer.spi.NetworkRef;
import org.virtlayer.spi.NetworkService;
import org.virtlayer.spi.NetworkSummary;

/** The remote node's networks. */
final class RemoteNetworks implements NetworkService {
    private final NodeLink link;

    RemoteNetworks(NodeLink link) {
        this.link = link;
    }

    @Override
    public List<NetworkSummary> listNetworks(Set<NetworkListFlag> flags) {
        return link.call(NETWORK_LIST, args("flags", flags), Types.listOf(NetworkSummary.class));
    }

    @Override
    public NetworkRef lookupNetworkByName(String name) {
        return link.call(NETWORK_LOOKUP_BY_NAME, args("name", name), NetworkRef.class);
    }

    @Override
    public NetworkRef lookupNetworkByUuid(UUID uuid) {
        return link.call(NETWORK_LOOKUP_BY_UUID, args("uuid", uuid), NetworkRef.class);
    }

    @Override
    public NetworkSummary networkSummary(NetworkRef n) {
        return link.call(NETWORK_SUMMARY, args("network", n), NetworkSummary.class);
    }

    @Override
    public NetworkRef defineNetwork(String xml) {
        return link.call(NETWORK_DEFINE, args("xml", xml), NetworkRef.class);
    }

    @Override
    public NetworkRef createNetwork(String xml) {
        return link.call(NETWORK_CREATE, args("xml", xml), NetworkRef.class);
    }

    @Override
    public void startNetwork(NetworkRef n) {
        link.call(NETWORK_START, args("network", n), (Class<?>) null);
    }

    @Override
    public void destroyNetwork(NetworkRef n) {
        link.call(NETWORK_DESTROY, args("network", n), (Class<?>) null);
    }

    @Override
    public void undefineNetwork(NetworkRef n) {
        link.call(NETWORK_UNDEFINE, args("network", n), (Class<?>) null);
    }

    @Override
    public String networkXml(NetworkRef n, boolean inactive) {
        return link.call(NETWORK_XML, args("network", n, "inactive", inactive), String.class);
    }

    @Override
    public String networkBridgeName(NetworkRef n) {
        return link.call(NETWORK_BRIDGE_NAME, args("network", n), String.class);
    }

    @Override
    public void setNetworkAutostart(NetworkRef n, boolean autostart) {
        link.call(NETWORK_SET_AUTOSTART, args("network", n, "autostart", autostart), (Class<?>) null);
    }

    @Override
    public List<NetworkDhcpLease> networkDhcpLeases(NetworkRef n, String mac) {
        return link.call(NETWORK_DHCP_LEASES, args("network", n, "mac", mac), Types.listOf(NetworkDhcpLease.class));
    }

    @Override
    public void updateNetwork(NetworkRef n, NetworkUpdateCommand command, NetworkUpdateSection section,
            int parentIndex, String xml, Set<ModificationImpact> impact) {
        link.call(NETWORK_UPDATE, args("network", n, "command", command, "section", section, "parentIndex",
                parentIndex, "xml", xml, "impact", impact), (Class<?>) null);
    }
}
