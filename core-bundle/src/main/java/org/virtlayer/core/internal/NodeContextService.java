package org.virtlayer.core.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.virtlayer.api.CloseReason;
import org.virtlayer.api.ConnectionFactory;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.EventSink;
import org.virtlayer.spi.HostIntrospection;
import org.virtlayer.spi.NetworkService;
import org.virtlayer.spi.StorageService;

/**
 * The node's own {@link DriverContext} as a service ({@value #PROPERTY}{@code =}{@value #NODE}), for hypervisor
 * drivers: what they do outside any connection (autostart at activation, a guest's network ports released when it
 * stops while no connection is open) reaches the network and storage backends through it. A separate component from
 * the factory so that the factory's optional, dynamic references to drivers break the cycle driver → context →
 * factory → drivers, and SCR activates the factory first.
 */
@Component(service = DriverContext.class, property = NodeContextService.PROPERTY + "=" + NodeContextService.NODE)
public final class NodeContextService implements DriverContext {
    /** Service property naming what a {@link DriverContext} service is for. */
    public static final String PROPERTY = "virtlayer.context";
    /** Its value for the node's own context. */
    public static final String NODE = "node";

    private final DriverContext node;

    /** The factory is this bundle's own {@link ConnectionFactoryImpl}, which owns the registry of backends. */
    @Activate
    public NodeContextService(@Reference(target = "(component.name=org.virtlayer.core.internal.ConnectionFactoryImpl)")
            ConnectionFactory factory) {
        this.node = ((ConnectionFactoryImpl) factory).nodeContext();
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
