package org.virtlayer.core.internal.connection;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.ModificationImpact;
import org.virtlayer.api.NetworkDhcpLease;
import org.virtlayer.api.NetworkListFlag;
import org.virtlayer.api.NetworkUpdateCommand;
import org.virtlayer.api.NetworkUpdateSection;
import org.virtlayer.api.VirtException;
import org.virtlayer.core.internal.calls.Operation;
import org.virtlayer.core.internal.calls.ProviderCalls;
import org.virtlayer.core.internal.registry.ProviderEntry;
import org.virtlayer.spi.HypervisorConnection;
import org.virtlayer.spi.NetworkBackend;
import org.virtlayer.spi.NetworkPort;
import org.virtlayer.spi.NetworkPortRequest;
import org.virtlayer.spi.NetworkRef;
import org.virtlayer.spi.NetworkService;
import org.virtlayer.spi.NetworkSummary;

/**
 * A connection's networks, or the node's ({@link NodeContext}): the hypervisor driver's own if it serves them (the
 * test driver), otherwise those of the network backend installed now, opened for this user on first use and dropped
 * when the backend leaves.
 */
final class NetworkRouter implements NetworkService {
    private final BackendUser user;
    private volatile ServiceBinding<NetworkService> own;
    private volatile ServiceBinding<NetworkService> backend;

    NetworkRouter(BackendUser user) {
        this.user = user;
    }

    /** The hypervisor driver's own networks, if it serves them, called through the driver's guard. */
    void adoptOwn(HypervisorConnection hc, ProviderCalls driverCalls) {
        NetworkService s = hc.networks();
        if (s != null) {
            own = new ServiceBinding<>(s, driverCalls, null);
        }
    }

    private ServiceBinding<NetworkService> binding() {
        user.checkUsable();
        ServiceBinding<NetworkService> b = own;
        if (b != null) {
            return b;
        }
        b = backend;
        if (b != null && !b.calls().isGone()) {
            return b;
        }
        synchronized (this) {
            b = backend;
            if (b != null && !b.calls().isGone()) {
                return b;
            }
            ProviderEntry<NetworkBackend> e = user.registry().networkBackend()
                    .orElseThrow(() -> new VirtException(ErrorCode.DRIVER_UNAVAILABLE, "no network backend is"
                            + " installed: networks of " + user.describe() + " need one (Karaf feature"
                            + " virtlayer-network-bridge)"));
            NetworkService s = e.calls().call(Operation.CONNECT_OPEN,
                    () -> e.service().open(user.openRequest(), user.backendContext()));
            backend = b = new ServiceBinding<>(s, e.calls(), e);
            return b;
        }
    }

    void providerRemoved(ProviderEntry<?> entry) {
        ServiceBinding<NetworkService> b = backend;
        if (b != null && b.provider() == entry) {
            backend = null;
        }
    }

    @Override
    public void close() {
        ServiceBinding<NetworkService> b = backend;
        backend = null;
        own = null;
        if (b != null && !b.calls().isGone()) {
            try {
                b.run(Operation.CONNECT_CLOSE, NetworkService::close);
            } catch (VirtException e) {
                // closing is best effort: the backend keeps no state for a connection that must survive it
            }
        }
    }

    @Override
    public List<NetworkSummary> listNetworks(Set<NetworkListFlag> flags) {
        return binding().call(Operation.CONNECT_LIST_ALL_NETWORKS, s -> s.listNetworks(flags));
    }

    @Override
    public NetworkRef lookupNetworkByName(String name) {
        if (name == null) {
            throw VirtException.invalidArg("network name must not be null");
        }
        return binding().call(Operation.NETWORK_LOOKUP_BY_NAME, s -> s.lookupNetworkByName(name));
    }

    @Override
    public NetworkRef lookupNetworkByUuid(UUID uuid) {
        if (uuid == null) {
            throw VirtException.invalidArg("network UUID must not be null");
        }
        return binding().call(Operation.NETWORK_LOOKUP_BY_UUID, s -> s.lookupNetworkByUuid(uuid));
    }

    @Override
    public NetworkSummary networkSummary(NetworkRef network) {
        return binding().call(Operation.NETWORK_IS_ACTIVE, s -> s.networkSummary(network));
    }

    @Override
    public NetworkRef defineNetwork(String xml) {
        return binding().call(Operation.NETWORK_DEFINE_XML, s -> s.defineNetwork(xml));
    }

    @Override
    public NetworkRef createNetwork(String xml) {
        return binding().call(Operation.NETWORK_CREATE_XML, s -> s.createNetwork(xml));
    }

    @Override
    public void startNetwork(NetworkRef network) {
        binding().run(Operation.NETWORK_CREATE, s -> s.startNetwork(network));
    }

    @Override
    public void destroyNetwork(NetworkRef network) {
        binding().run(Operation.NETWORK_DESTROY, s -> s.destroyNetwork(network));
    }

    @Override
    public void undefineNetwork(NetworkRef network) {
        binding().run(Operation.NETWORK_UNDEFINE, s -> s.undefineNetwork(network));
    }

    @Override
    public String networkXml(NetworkRef network, boolean inactive) {
        return binding().call(Operation.NETWORK_GET_XML_DESC, s -> s.networkXml(network, inactive));
    }

    @Override
    public String networkBridgeName(NetworkRef network) {
        return binding().call(Operation.NETWORK_GET_BRIDGE_NAME, s -> s.networkBridgeName(network));
    }

    @Override
    public void setNetworkAutostart(NetworkRef network, boolean autostart) {
        binding().run(Operation.NETWORK_SET_AUTOSTART, s -> s.setNetworkAutostart(network, autostart));
    }

    @Override
    public List<NetworkDhcpLease> networkDhcpLeases(NetworkRef network, String mac) {
        return binding().call(Operation.NETWORK_GET_DHCP_LEASES, s -> s.networkDhcpLeases(network, mac));
    }

    @Override
    public void updateNetwork(NetworkRef network, NetworkUpdateCommand command, NetworkUpdateSection section,
            int parentIndex, String xml, Set<ModificationImpact> impact) {
        binding().run(Operation.NETWORK_UPDATE,
                s -> s.updateNetwork(network, command, section, parentIndex, xml, impact));
    }

    @Override
    public NetworkPort createPort(NetworkRef network, NetworkPortRequest request) {
        return binding().call(Operation.NETWORK_PORT_CREATE, s -> s.createPort(network, request));
    }

    @Override
    public void deletePort(NetworkRef network, UUID port) {
        binding().run(Operation.NETWORK_PORT_DELETE, s -> s.deletePort(network, port));
    }

    @Override
    public List<NetworkPort> listPorts(NetworkRef network) {
        return binding().call(Operation.NETWORK_LIST_ALL_PORTS, s -> s.listPorts(network));
    }
}
