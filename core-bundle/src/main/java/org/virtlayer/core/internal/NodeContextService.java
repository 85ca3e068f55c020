package org.virtlayer.core.internal;

import java.util.concurrent.ExecutorService;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.virtlayer.api.CloseReason;
import org.virtlayer.core.internal.calls.CallTimeouts;
import org.virtlayer.core.internal.connection.NodeContext;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.EventSink;
import org.virtlayer.spi.HostIntrospection;
import org.virtlayer.spi.NetworkBackend;
import org.virtlayer.spi.NetworkService;
import org.virtlayer.spi.StorageBackend;
import org.virtlayer.spi.StorageService;

/**
 * The node's own {@link DriverContext} as a service ({@value #PROPERTY}{@code =}{@value #NODE}), for hypervisor
 * drivers: what they do outside any connection (autostart at activation, a guest's network ports released when it
 * stops while no connection is open) reaches the network and storage backends installed now through it.
 *
 * <p>It tracks the backends on a whiteboard of its own rather than sharing the connection factory's: the factory
 * activates the drivers (it binds them), a driver needs this context to activate, so this context must not need the
 * factory, or SCR would meet a cycle while activating the factory and leave the drivers out.
 */
@Component(service = DriverContext.class, configurationPid = "org.virtlayer.core",
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = NodeContextService.PROPERTY + "=" + NodeContextService.NODE)
public final class NodeContextService implements DriverContext {
    /** Service property naming what a {@link DriverContext} service is for. */
    public static final String PROPERTY = "virtlayer.context";
    /** Its value for the node's own context. */
    public static final String NODE = "node";

    private final ExecutorService workers = ConnectionFactoryImpl.pool("virtlayer-node-call", 64);
    private volatile CallTimeouts timeouts = CallTimeouts.DEFAULT;
    private final Whiteboard whiteboard = new Whiteboard(workers, () -> timeouts);
    private final NodeContext node;

    @Activate
    public NodeContextService(CoreConfig config, @Reference HostIntrospection host) {
        node = new NodeContext(whiteboard.registry(), host);
        modified(config);
    }

    @Modified
    void modified(CoreConfig config) {
        timeouts = ConnectionFactoryImpl.timeouts(config);
    }

    @Deactivate
    void deactivate() {
        node.close();
        workers.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addNetworkBackend(NetworkBackend backend, ServiceReference<NetworkBackend> ref) {
        whiteboard.addNetworkBackend(backend, ServiceProps.of(ref), ServiceProps.bundle(ref));
    }

    void removeNetworkBackend(NetworkBackend backend) {
        whiteboard.remove(backend);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addStorageBackend(StorageBackend backend, ServiceReference<StorageBackend> ref) {
        whiteboard.addStorageBackend(backend, ServiceProps.of(ref), ServiceProps.bundle(ref));
    }

    void removeStorageBackend(StorageBackend backend) {
        whiteboard.remove(backend);
    }

    @Override
    public EventSink events() {
        return node.events();
    }

    @Override
    public HostIntrospection host() {
        return node.host();
    }

    @Override
    public NetworkService networks() {
        return node.networks();
    }

    @Override
    public StorageService storage() {
        return node.storage();
    }

    @Override
    public void connectionLost(CloseReason reason, String message) {
        node.connectionLost(reason, message);
    }
}
