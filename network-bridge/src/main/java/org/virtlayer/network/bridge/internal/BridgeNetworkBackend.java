package org.virtlayer.network.bridge.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.NetworkBackend;
import org.virtlayer.spi.NetworkService;
import org.virtlayer.spi.OpenRequest;
import org.virtlayer.spi.StateStore;
import org.virtlayer.spi.StateStores;

/**
 * libvirt's virtual networks as a backend bundle. The networks are the node's and outlive the bundle: a network keeps
 * running (bridge, rules, dnsmasq) when the bundle stops, and the bundle finds it again when it comes back, from the
 * core's state store (area {@code network}). Only {@code destroy} takes a network down.
 */
@Component(service = NetworkBackend.class, configurationPid = "org.virtlayer.network.bridge",
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = NetworkBackend.NAME + "=network-bridge")
@Designate(ocd = BridgeNetworkConfig.class)
public final class BridgeNetworkBackend implements NetworkBackend {
    /** The state store area of this backend. */
    public static final String AREA = "network";

    private final VirtualNetworks networks;

    @Activate
    public BridgeNetworkBackend(@Reference StateStores stores, BridgeNetworkConfig config) {
        this(stores.open(AREA), config.networkNamespace(), config.dnsmasq());
    }

    /**
     * For tests and embedders: networks kept in this store, made in this network namespace ({@code ip netns} name,
     * or null for the host's own).
     */
    public BridgeNetworkBackend(StateStore store, String namespace, String dnsmasqProgram) {
        HostCommands commands = new HostCommands(namespace);
        networks = new VirtualNetworks(new NetworkStateFiles(store), new NetworkSetup(commands, store,
                dnsmasqProgram), commands.namespace());
        networks.load();
    }

    @Override
    public NetworkService open(OpenRequest request, DriverContext context) {
        return new BridgeNetworkService(networks, context.events());
    }
}
