package org.virtlayer.core.internal.connection;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import org.virtlayer.core.internal.calls.CallTimeouts;
import org.virtlayer.core.internal.calls.JobLocks;
import org.virtlayer.core.internal.registry.DriverRegistry;
import org.virtlayer.spi.HostIntrospection;
import org.virtlayer.spi.NodeDeviceService;

/**
 * What every connection shares: the registry of providers, the worker and event pools, timeouts, job locks, this
 * machine's introspection and its devices.
 */
public record CoreServices(DriverRegistry registry, ExecutorService workers, Executor eventPool,
        java.util.function.Supplier<CallTimeouts> timeouts, JobLocks jobLocks, HostIntrospection host,
        NodeDeviceService hostDevices, java.util.function.LongSupplier libraryVersion) {
}
