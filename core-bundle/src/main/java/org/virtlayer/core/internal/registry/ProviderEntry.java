package org.virtlayer.core.internal.registry;

import java.util.List;
import org.virtlayer.api.DriverInfo;
import org.virtlayer.core.internal.calls.ProviderCalls;

/**
 * One registered driver or backend service: the service object, what its properties say it serves, and the guard
 * every call into it goes through.
 *
 * @param service the {@code HypervisorDriver}, {@code NetworkBackend} or {@code StorageBackend}
 * @param serves URI driver names (hypervisor drivers) or pool types (storage backends); empty for networks
 * @param transports URI transports a hypervisor driver serves (empty: local URIs only)
 * @param ranking the service ranking, the higher preferred
 * @param serviceId the service ID, for a stable order among equal rankings
 */
public record ProviderEntry<S>(S service, DriverInfo.Kind kind, String name, List<String> serves,
        List<String> transports, String bundle, int ranking, long serviceId, ProviderCalls calls) {

    public DriverInfo info() {
        return new DriverInfo(kind, name, serves, bundle);
    }

    /** Orders entries best first: higher ranking, then older service. */
    public static int preferred(ProviderEntry<?> a, ProviderEntry<?> b) {
        int r = Integer.compare(b.ranking, a.ranking);
        return r != 0 ? r : Long.compare(a.serviceId, b.serviceId);
    }
}
