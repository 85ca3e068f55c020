package org.virtlayer.core.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.osgi.framework.Constants;
import org.virtlayer.api.DriverInfo;
import org.virtlayer.core.internal.calls.CallTimeouts;
import org.virtlayer.core.internal.calls.ProviderCalls;
import org.virtlayer.core.internal.registry.DriverRegistry;
import org.virtlayer.core.internal.registry.ProviderEntry;
import org.virtlayer.spi.HypervisorDriver;
import org.virtlayer.spi.NetworkBackend;
import org.virtlayer.spi.StorageBackend;

/**
 * Drivers and backends as they register and leave, made into {@link ProviderEntry}s of a {@link DriverRegistry}: name,
 * what they serve, ranking and identity read from their service properties, each with the guard its calls go through.
 * The connection factory keeps one, and the node's own context ({@link NodeContextService}) another: the drivers need
 * the node context to activate, and the factory activates them, so the node context must not need the factory.
 */
final class Whiteboard {
    private final DriverRegistry registry = new DriverRegistry();
    private final ExecutorService workers;
    private final Supplier<CallTimeouts> timeouts;
    private final AtomicLong standaloneIds = new AtomicLong(Long.MAX_VALUE / 2);

    Whiteboard(ExecutorService workers, Supplier<CallTimeouts> timeouts) {
        this.workers = workers;
        this.timeouts = timeouts;
    }

    DriverRegistry registry() {
        return registry;
    }

    void addDriver(HypervisorDriver driver, Map<String, Object> p, String bundle) {
        String name = ServiceProps.string(p, HypervisorDriver.NAME, ServiceProps.first(p, HypervisorDriver.SCHEMES));
        registry.addDriver(new ProviderEntry<>(driver, DriverInfo.Kind.HYPERVISOR, name,
                ServiceProps.strings(p, HypervisorDriver.SCHEMES), ServiceProps.strings(p, HypervisorDriver.TRANSPORTS),
                bundle, ServiceProps.ranking(p), serviceId(p),
                calls(name, Boolean.TRUE.equals(p.get(HypervisorDriver.NONBLOCKING))
                        || "true".equals(p.get(HypervisorDriver.NONBLOCKING)))));
    }

    void addNetworkBackend(NetworkBackend backend, Map<String, Object> p, String bundle) {
        String name = ServiceProps.string(p, NetworkBackend.NAME, "network");
        registry.addNetworkBackend(new ProviderEntry<>(backend, DriverInfo.Kind.NETWORK, name, List.of(), List.of(),
                bundle, ServiceProps.ranking(p), serviceId(p), calls(name, false)));
    }

    void addStorageBackend(StorageBackend backend, Map<String, Object> p, String bundle) {
        String name = ServiceProps.string(p, StorageBackend.NAME, "storage");
        registry.addStorageBackend(new ProviderEntry<>(backend, DriverInfo.Kind.STORAGE, name,
                ServiceProps.strings(p, StorageBackend.POOL_TYPES), List.of(), bundle, ServiceProps.ranking(p),
                serviceId(p), calls(name, false)));
    }

    /** The provider with this service object leaves. */
    void remove(Object service) {
        registry.remove(service);
    }

    private long serviceId(Map<String, Object> p) {
        Object id = p.get(Constants.SERVICE_ID);
        return id instanceof Long ? (Long) id : standaloneIds.incrementAndGet();
    }

    private ProviderCalls calls(String name, boolean nonBlocking) {
        return new ProviderCalls(name, nonBlocking, workers, timeouts);
    }
}
