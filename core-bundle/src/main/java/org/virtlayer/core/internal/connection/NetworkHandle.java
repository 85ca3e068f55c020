package org.virtlayer.core.internal.connection;

import java.util.List;
import java.util.UUID;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ModificationImpact;
import org.virtlayer.api.Network;
import org.virtlayer.api.NetworkDhcpLease;
import org.virtlayer.api.NetworkUpdateCommand;
import org.virtlayer.api.NetworkUpdateSection;
import org.virtlayer.core.internal.calls.Operation;
import org.virtlayer.spi.NetworkRef;

/** A network handle; calls go through the connection's network router. */
final class NetworkHandle implements Network {
    private final ConnectionImpl conn;
    private final NetworkRef ref;

    NetworkHandle(ConnectionImpl conn, NetworkRef ref) {
        this.conn = conn;
        this.ref = ref;
    }

    private NetworkRouter r(Operation op) {
        conn.checkAccess(op);
        return conn.networkRouter();
    }

    @Override
    public Connection connection() {
        return conn;
    }

    @Override
    public String name() {
        return ref.name();
    }

    @Override
    public UUID uuid() {
        return ref.uuid();
    }

    @Override
    public boolean isActive() {
        return r(Operation.NETWORK_IS_ACTIVE).networkSummary(ref).active();
    }

    @Override
    public boolean isPersistent() {
        return r(Operation.NETWORK_IS_PERSISTENT).networkSummary(ref).persistent();
    }

    @Override
    public boolean autostart() {
        return r(Operation.NETWORK_GET_AUTOSTART).networkSummary(ref).autostart();
    }

    @Override
    public String bridgeName() {
        return r(Operation.NETWORK_GET_BRIDGE_NAME).networkBridgeName(ref);
    }

    @Override
    public String xml(boolean inactive) {
        return r(Operation.NETWORK_GET_XML_DESC).networkXml(ref, inactive);
    }

    @Override
    public void start() {
        r(Operation.NETWORK_CREATE).startNetwork(ref);
    }

    @Override
    public void destroy() {
        r(Operation.NETWORK_DESTROY).destroyNetwork(ref);
    }

    @Override
    public void undefine() {
        r(Operation.NETWORK_UNDEFINE).undefineNetwork(ref);
    }

    @Override
    public void setAutostart(boolean autostart) {
        r(Operation.NETWORK_SET_AUTOSTART).setNetworkAutostart(ref, autostart);
    }

    @Override
    public List<NetworkDhcpLease> dhcpLeases(String mac) {
        return r(Operation.NETWORK_GET_DHCP_LEASES).networkDhcpLeases(ref, mac);
    }

    @Override
    public void update(NetworkUpdateCommand command, NetworkUpdateSection section, int parentIndex, String xml,
            ModificationImpact... impact) {
        r(Operation.NETWORK_UPDATE).updateNetwork(ref, command, section, parentIndex, xml,
                DomainHandle.impacts(impact));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkHandle && ((NetworkHandle) o).conn == conn
                && ((NetworkHandle) o).ref.uuid().equals(ref.uuid());
    }

    @Override
    public int hashCode() {
        return ref.uuid().hashCode();
    }

    @Override
    public String toString() {
        return "Network[" + ref.name() + "]";
    }
}
