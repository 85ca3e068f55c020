package org.virtlayer.core.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ConnectionFactory;
import org.virtlayer.api.DriverInfo;
import org.virtlayer.core.internal.calls.CallTimeouts;
import org.virtlayer.core.internal.calls.JobLocks;
import org.virtlayer.core.internal.connection.ConnectionOpener;
import org.virtlayer.core.internal.connection.CoreServices;
import org.virtlayer.core.internal.connection.NodeContext;
import org.virtlayer.core.internal.nodedev.HostNodeDevices;
import org.virtlayer.core.internal.registry.DriverRegistry;
import org.virtlayer.spi.HostIntrospection;
import org.virtlayer.spi.HypervisorDriver;
import org.virtlayer.spi.NetworkBackend;
import org.virtlayer.spi.StorageBackend;

/**
 * The {@link ConnectionFactory} service. Drivers and backends are tracked on a whiteboard
 * ({@code cardinality = MULTIPLE, policy = DYNAMIC}): a connection is opened on whichever driver serves its URI now,
 * and when a driver leaves, the connections it served fail with DRIVER_UNAVAILABLE instead of hanging.
 */
@Component(service = ConnectionFactory.class, configurationPid = "org.virtlayer.core",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CoreConfig.class)
public final class ConnectionFactoryImpl implements ConnectionFactory {
    private final ExecutorService workers = pool("virtlayer-call", 256);
    private final ExecutorService events = pool("virtlayer-event", Integer.MAX_VALUE);
    private volatile CallTimeouts timeouts = CallTimeouts.DEFAULT;
    private volatile long version;
    private final Whiteboard whiteboard = new Whiteboard(workers, () -> timeouts);
    private final DriverRegistry registry = whiteboard.registry();

    private final ConnectionOpener opener;
    private final NodeContext nodeContext;

    /** This machine is read by the core's {@link org.virtlayer.core.internal.host.LinuxHost} service. */
    @Activate
    public ConnectionFactoryImpl(BundleContext context, CoreConfig config, @Reference HostIntrospection host) {
        this(host, libraryVersion(context.getBundle().getVersion()));
        modified(config);
    }

    /**
     * A factory outside OSGi, for unit tests and benchmarks: drivers are added with
     * {@link #addDriver(HypervisorDriver, Map, String)} instead of a service registry.
     */
    public ConnectionFactoryImpl(HostIntrospection host, long version) {
        this.version = version;
        CoreServices core = new CoreServices(registry, workers, events, () -> timeouts, new JobLocks(), host,
                new HostNodeDevices(host), () -> this.version);
        opener = new ConnectionOpener(core);
        nodeContext = new NodeContext(registry, host);
    }

    /**
     * The node's own context over this factory's backends, for hypervisor drivers outside OSGi (tests, embedders):
     * their work outside any connection (autostart, a guest's end noticed while no connection is open). In OSGi,
     * {@link NodeContextService} offers one.
     */
    public NodeContext nodeContext() {
        return nodeContext;
    }

    /** Sets the call timeouts (outside OSGi; in OSGi they come from the configuration). */
    public void setTimeouts(CallTimeouts t) {
        timeouts = t;
    }

    @Modified
    void modified(CoreConfig config) {
        timeouts = timeouts(config);
    }

    static CallTimeouts timeouts(CoreConfig config) {
        return new CallTimeouts(config.quickCallTimeoutSeconds() * 1000, config.lifecycleCallTimeoutSeconds() * 1000,
                config.longCallTimeoutSeconds() * 1000, config.jobLockTimeoutSeconds() * 1000);
    }

    @Deactivate
    public void deactivate() {
        nodeContext.close();
        workers.shutdownNow();
        events.shutdownNow();
    }

    @Override
    public Connection open(String uri) {
        return opener.open(uri, false);
    }

    @Override
    public Connection openReadOnly(String uri) {
        return opener.open(uri, true);
    }

    @Override
    public List<DriverInfo> drivers() {
        return registry.infos();
    }

    // ---- the whiteboard

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDriver(HypervisorDriver driver, ServiceReference<HypervisorDriver> ref) {
        addDriver(driver, ServiceProps.of(ref), ServiceProps.bundle(ref));
    }

    /** Adds a driver with the properties it would have as a service. */
    public void addDriver(HypervisorDriver driver, Map<String, Object> p, String bundle) {
        whiteboard.addDriver(driver, p, bundle);
    }

    public void removeDriver(HypervisorDriver driver) {
        whiteboard.remove(driver);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addNetworkBackend(NetworkBackend backend, ServiceReference<NetworkBackend> ref) {
        addNetworkBackend(backend, ServiceProps.of(ref), ServiceProps.bundle(ref));
    }

    public void addNetworkBackend(NetworkBackend backend, Map<String, Object> p, String bundle) {
        whiteboard.addNetworkBackend(backend, p, bundle);
    }

    public void removeNetworkBackend(NetworkBackend backend) {
        whiteboard.remove(backend);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addStorageBackend(StorageBackend backend, ServiceReference<StorageBackend> ref) {
        addStorageBackend(backend, ServiceProps.of(ref), ServiceProps.bundle(ref));
    }

    public void addStorageBackend(StorageBackend backend, Map<String, Object> p, String bundle) {
        whiteboard.addStorageBackend(backend, p, bundle);
    }

    public void removeStorageBackend(StorageBackend backend) {
        whiteboard.remove(backend);
    }

    // ---- helpers

    static long libraryVersion(Version v) {
        return v.getMajor() * 1_000_000L + v.getMinor() * 1_000L + v.getMicro();
    }

    static ExecutorService pool(String prefix, int max) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(0, max, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
