package org.virtlayer.driver.lxc;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.NetworkListFlag;
import org.virtlayer.api.VirtException;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.MacAddresses;
import org.virtlayer.spi.NetworkBackend;
import org.virtlayer.spi.NetworkPort;
import org.virtlayer.spi.NetworkPortRequest;
import org.virtlayer.spi.NetworkRef;
import org.virtlayer.spi.NetworkService;
import org.virtlayer.spi.NetworkSummary;
import org.virtlayer.spi.OpenRequest;

/**
 * A network backend with one active network on a given bridge in a network namespace, handing out ports. A gated one
 * holds every {@code createPort} (a container's start) until {@link #go} is opened, having opened {@link #asked}.
 */
record OneNetwork(String name, String bridge, String namespace, Map<UUID, Port> ports, CountDownLatch asked,
        CountDownLatch go) implements NetworkBackend {
    record Port(UUID uuid, NetworkPortRequest request) {
    }

    OneNetwork(String name, String bridge, String namespace) {
        this(name, bridge, namespace, new ConcurrentHashMap<>(), new CountDownLatch(1), new CountDownLatch(0));
    }

    /** The same network, its ports held until {@link #go} is opened (30 s at most). */
    OneNetwork gated() {
        return new OneNetwork(name, bridge, namespace, ports, asked, new CountDownLatch(1));
    }

    @Override
    public NetworkService open(OpenRequest request, DriverContext context) {
        NetworkRef ref = new NetworkRef(name, UUID.nameUUIDFromBytes(name.getBytes()));
        return new NetworkService() {
            @Override
            public List<NetworkSummary> listNetworks(Set<NetworkListFlag> flags) {
                return List.of(new NetworkSummary(ref, true, true, false));
            }

            @Override
            public NetworkRef lookupNetworkByName(String n) {
                if (!n.equals(name)) {
                    throw VirtException.noNetwork("no network with matching name '" + n + "'");
                }
                return ref;
            }

            @Override
            public NetworkRef lookupNetworkByUuid(UUID uuid) {
                return ref;
            }

            @Override
            public NetworkSummary networkSummary(NetworkRef network) {
                return listNetworks(Set.of()).get(0);
            }

            @Override
            public String networkBridgeName(NetworkRef network) {
                return bridge;
            }

            @Override
            public NetworkPort createPort(NetworkRef network, NetworkPortRequest r) {
                asked.countDown();
                try {
                    go.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new VirtException(ErrorCode.OPERATION_ABORTED, "interrupted");
                }
                Port p = new Port(UUID.randomUUID(), r);
                ports.put(p.uuid(), p);
                return new NetworkPort(p.uuid(), network, r.ownerName(), r.ownerUuid(),
                        r.mac() == null ? MacAddresses.generate() : r.mac(), NetworkPort.PLUG_BRIDGE, bridge, 0,
                        namespace);
            }

            @Override
            public void deletePort(NetworkRef network, UUID port) {
                if (ports.remove(port) == null) {
                    throw new VirtException(ErrorCode.NO_NETWORK_PORT, "no port " + port);
                }
            }
        };
    }
}
