package org.virtlayer.core.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.NetworkListFlag;
import org.virtlayer.api.StoragePoolListFlag;
import org.virtlayer.api.VirtException;
import org.virtlayer.core.internal.ConnectionFactoryImpl;
import org.virtlayer.core.internal.host.LinuxHost;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.NetworkBackend;
import org.virtlayer.spi.NetworkPort;
import org.virtlayer.spi.NetworkPortRequest;
import org.virtlayer.spi.NetworkRef;
import org.virtlayer.spi.NetworkService;
import org.virtlayer.spi.NetworkSummary;
import org.virtlayer.spi.OpenRequest;
import org.virtlayer.spi.PoolRef;
import org.virtlayer.spi.PoolSummary;
import org.virtlayer.spi.StorageBackend;
import org.virtlayer.spi.StorageService;

/**
 * The node's own context, which drivers use with no connection open: it reaches the backends installed now, follows
 * them as they come and go, and stops with the core.
 */
class NodeContextTest {
    private final ConnectionFactoryImpl factory = new ConnectionFactoryImpl(new LinuxHost(), 1000);

    @AfterEach
    void stop() {
        factory.deactivate();
    }

    @Test
    void withoutBackendsTheNodesNetworksAndStorageAreUnavailableNamingTheFeature() {
        DriverContext node = factory.nodeContext();
        assertThatThrownBy(() -> node.networks().lookupNetworkByName("default"))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DRIVER_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("the node", "virtlayer-network-bridge");
                });
        assertThatThrownBy(() -> node.storage().lookupPoolByName("p"))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DRIVER_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("virtlayer-storage-dir");
                });
    }

    @Test
    void portsAreMadeThroughTheBackendInstalledNowWhicheverItIs() {
        DriverContext node = factory.nodeContext();
        PortBackend first = new PortBackend("first");
        factory.addNetworkBackend(first, Map.of(NetworkBackend.NAME, "first"), "test");
        NetworkPort p = node.networks().createPort(node.networks().lookupNetworkByName("net"),
                new NetworkPortRequest("vm", UUID.randomUUID(), "52:54:00:00:00:01"));
        assertThat(p.bridge()).isEqualTo("first-br");
        assertThat(first.opened).hasSize(1);
        assertThat(first.opened.get(0).uri().toString()).isEqualTo(NodeContext.URI);

        // the backend is replaced (a bundle update): the node's next call reaches the new one
        factory.removeNetworkBackend(first);
        PortBackend second = new PortBackend("second");
        factory.addNetworkBackend(second, Map.of(NetworkBackend.NAME, "second"), "test");
        assertThat(node.networks().listPorts(node.networks().lookupNetworkByName("net"))).isEmpty();
        assertThat(second.opened).hasSize(1);
    }

    @Test
    void volumesAreResolvedThroughTheStorageBackendOfThePoolsType() {
        DriverContext node = factory.nodeContext();
        factory.addStorageBackend(new OnePool(), Map.of(StorageBackend.NAME, "dir", StorageBackend.POOL_TYPES,
                "dir"), "test");
        assertThat(node.storage().lookupPoolByName("pool").type()).isEqualTo("dir");
    }

    @Test
    void theNodeContextStopsWithTheCore() {
        DriverContext node = factory.nodeContext();
        factory.addNetworkBackend(new PortBackend("x"), Map.of(NetworkBackend.NAME, "x"), "test");
        node.networks().lookupNetworkByName("net");
        factory.deactivate();
        assertThatThrownBy(() -> node.networks().lookupNetworkByName("net"))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.DRIVER_UNAVAILABLE));
    }

    /** A network backend with one active network, "net", whose ports are plugged into PREFIX-br. */
    private static final class PortBackend implements NetworkBackend {
        final String prefix;
        final List<OpenRequest> opened = new CopyOnWriteArrayList<>();
        final List<NetworkPort> ports = new CopyOnWriteArrayList<>();
        final NetworkRef net = new NetworkRef("net", UUID.randomUUID());

        PortBackend(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public NetworkService open(OpenRequest request, DriverContext context) {
            opened.add(request);
            return new NetworkService() {
                @Override
                public List<NetworkSummary> listNetworks(Set<NetworkListFlag> flags) {
                    return List.of(new NetworkSummary(net, true, true, false));
                }

                @Override
                public NetworkRef lookupNetworkByName(String name) {
                    return net;
                }

                @Override
                public NetworkRef lookupNetworkByUuid(UUID uuid) {
                    return net;
                }

                @Override
                public NetworkSummary networkSummary(NetworkRef network) {
                    return listNetworks(Set.of()).get(0);
                }

                @Override
                public NetworkPort createPort(NetworkRef network, NetworkPortRequest r) {
                    NetworkPort p = new NetworkPort(UUID.randomUUID(), network, r.ownerName(), r.ownerUuid(), r.mac(),
                            NetworkPort.PLUG_NETWORK, prefix + "-br", 0, null);
                    ports.add(p);
                    return p;
                }

                @Override
                public List<NetworkPort> listPorts(NetworkRef network) {
                    return List.copyOf(ports);
                }
            };
        }
    }

    /** A storage backend with one pool, "pool" of type dir. */
    private static final class OnePool implements StorageBackend {
        @Override
        public StorageService open(OpenRequest request, DriverContext context) {
            PoolRef pool = new PoolRef("pool", UUID.randomUUID(), "dir");
            return new StorageService() {
                @Override
                public List<PoolSummary> listPools(Set<StoragePoolListFlag> flags) {
                    return List.of();
                }

                @Override
                public PoolRef lookupPoolByName(String name) {
                    return pool;
                }

                @Override
                public PoolRef lookupPoolByUuid(UUID uuid) {
                    return pool;
                }

                @Override
                public PoolSummary poolSummary(PoolRef p) {
                    throw VirtException.noStoragePool(p.name());
                }
            };
        }
    }
}
