package org.virtlayer.core.internal.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.virtlayer.api.ConnectUri;
import org.virtlayer.api.DriverInfo;
import org.virtlayer.spi.HypervisorDriver;
import org.virtlayer.spi.NetworkBackend;
import org.virtlayer.spi.StorageBackend;

/**
 * The drivers and backends registered now, and what each of them serves (openHAB's factory-to-owned-things map): when
 * one leaves, the core learns from here which connections and services to dispose of.
 */
public final class DriverRegistry {
    /** Told when a provider arrives or leaves, so it can adopt or drop what it has from it. */
    public interface Listener {
        void providerRemoved(ProviderEntry<?> entry);

        void providerAdded(ProviderEntry<?> entry);
    }

    private final List<ProviderEntry<HypervisorDriver>> drivers = new CopyOnWriteArrayList<>();
    private final List<ProviderEntry<NetworkBackend>> networkBackends = new CopyOnWriteArrayList<>();
    private final List<ProviderEntry<StorageBackend>> storageBackends = new CopyOnWriteArrayList<>();
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    public void addDriver(ProviderEntry<HypervisorDriver> e) {
        drivers.add(e);
        listeners.forEach(l -> l.providerAdded(e));
    }

    public void addNetworkBackend(ProviderEntry<NetworkBackend> e) {
        networkBackends.add(e);
        listeners.forEach(l -> l.providerAdded(e));
    }

    public void addStorageBackend(ProviderEntry<StorageBackend> e) {
        storageBackends.add(e);
        listeners.forEach(l -> l.providerAdded(e));
    }

    /** Removes the entry of this service object (if any), marks it gone and tells the listeners. */
    public void remove(Object service) {
        for (List<? extends ProviderEntry<?>> list : List.of(drivers, networkBackends, storageBackends)) {
            for (ProviderEntry<?> e : list) {
                if (e.service() == service) {
                    list.remove(e);
                    e.calls().markGone();
                    listeners.forEach(l -> l.providerRemoved(e));
                }
            }
        }
    }

    /** The best driver serving this URI now. */
    public Optional<ProviderEntry<HypervisorDriver>> driverFor(ConnectUri uri) {
        ProviderEntry<HypervisorDriver> best = null;
        for (ProviderEntry<HypervisorDriver> e : drivers) {
            boolean transportOk = uri.transport().map(t -> e.transports().contains(t))
                    .orElse(uri.isRemote() ? e.transports().contains("local") : servesLocal(e));
            boolean schemeOk = e.serves().contains(uri.driver()) || e.serves().contains("*");
            if (schemeOk && transportOk
                    && (best == null || ProviderEntry.preferred(e, best) < 0)) {
                best = e;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * A driver that names no transport serves local URIs only; one that names some (a remote driver: tls) serves
     * those, and local URIs only if it names {@code local} too, so that {@code qemu:///system} never goes to the
     * remote driver that serves every driver name.
     */
    private static boolean servesLocal(ProviderEntry<?> e) {
        return e.transports().isEmpty() || e.transports().contains("local");
    }

    /** The best network backend now. */
    public Optional<ProviderEntry<NetworkBackend>> networkBackend() {
        return networkBackends.stream().sorted(ProviderEntry::preferred).findFirst();
    }

    /** The best storage backend for each pool type, best first for types served twice. */
    public List<ProviderEntry<StorageBackend>> storageBackends() {
        List<ProviderEntry<StorageBackend>> out = new ArrayList<>(storageBackends);
        out.sort(ProviderEntry::preferred);
        return out;
    }

    public Optional<ProviderEntry<StorageBackend>> storageBackendFor(String poolType) {
        return storageBackends().stream().filter(e -> e.serves().contains(poolType)).findFirst();
    }

    /** The URI driver names served now, sorted, for error messages. */
    public List<String> schemes() {
        return drivers.stream().flatMap(e -> e.serves().stream()).distinct().sorted().toList();
    }

    public List<String> poolTypes() {
        return storageBackends.stream().flatMap(e -> e.serves().stream()).distinct().sorted().toList();
    }

    public List<DriverInfo> infos() {
        List<DriverInfo> out = new ArrayList<>();
        drivers.stream().sorted(ProviderEntry::preferred).forEach(e -> out.add(e.info()));
        networkBackends.stream().sorted(ProviderEntry::preferred).forEach(e -> out.add(e.info()));
        storageBackends.stream().sorted(ProviderEntry::preferred).forEach(e -> out.add(e.info()));
        return out;
    }

    /** A snapshot for tests and diagnostics: provider name to how many listeners track them. */
    Map<String, Integer> sizes() {
        return Map.of("drivers", drivers.size(), "network", networkBackends.size(), "storage",
                storageBackends.size());
    }
}
