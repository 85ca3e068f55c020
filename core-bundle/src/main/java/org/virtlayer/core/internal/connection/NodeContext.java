package org.virtlayer.core.internal.connection;

import org.virtlayer.api.CloseReason;
import org.virtlayer.api.ConnectUri;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.api.event.NetworkEventType;
import org.virtlayer.api.event.StoragePoolEventType;
import org.virtlayer.core.internal.registry.DriverRegistry;
import org.virtlayer.core.internal.registry.ProviderEntry;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.EventSink;
import org.virtlayer.spi.HostIntrospection;
import org.virtlayer.spi.NetworkRef;
import org.virtlayer.spi.NetworkService;
import org.virtlayer.spi.OpenRequest;
import org.virtlayer.spi.PoolRef;
import org.virtlayer.spi.StorageService;

/**
 * The node's own {@link DriverContext}, for what a hypervisor driver does when no connection asks for it: autostart
 * at activation, releasing a network port when a guest stops or crashes while no connection is open, finding guests
 * again after a restart. A guest's network ports and volumes belong to the node and outlive the connection that
 * started it, so drivers do all their port and volume work through this one context.
 *
 * <p>It routes to the backends installed now, as a connection's context does (and opens them with the URI
 * {@value #URI}); it has no listeners, so what backends report to it goes nowhere, and there is no connection to
 * lose. It stops working when the core stops.
 */
public final class NodeContext implements DriverContext, EventSink {
    /** What backends are told this context is opened for. */
    public static final String URI = "node:///system";

    private final DriverRegistry registry;
    private final HostIntrospection host;
    private final NetworkRouter networks;
    private final StorageRouter storage;
    private volatile boolean closed;

    private final DriverRegistry.Listener listener = new DriverRegistry.Listener() {
        @Override
        public void providerRemoved(ProviderEntry<?> entry) {
            networks.providerRemoved(entry);
            storage.providerRemoved(entry);
        }

        @Override
        public void providerAdded(ProviderEntry<?> entry) {
            // the routers look backends up on each call
        }
    };

    /** A node context over the backends of {@code registry}. */
    public NodeContext(DriverRegistry registry, HostIntrospection host) {
        this.registry = registry;
        this.host = host;
        BackendUser user = new BackendUser() {
            @Override
            public void checkUsable() {
                if (closed) {
                    throw new VirtException(ErrorCode.DRIVER_UNAVAILABLE, "the core stopped: the node's networks"
                            + " and storage are not available to drivers");
                }
            }

            @Override
            public DriverRegistry registry() {
                return registry;
            }

            @Override
            public OpenRequest openRequest() {
                return new OpenRequest(ConnectUri.parse(URI), false);
            }

            @Override
            public DriverContext backendContext() {
                return NodeContext.this;
            }

            @Override
            public String describe() {
                return "the node";
            }
        };
        this.networks = new NetworkRouter(user);
        this.storage = new StorageRouter(user);
        registry.addListener(listener);
    }

    @Override
    public EventSink events() {
        return this;
    }

    @Override
    public HostIntrospection host() {
        return host;
    }

    @Override
    public NetworkService networks() {
        return networks;
    }

    @Override
    public StorageService storage() {
        return storage;
    }

    /** There is no connection to lose. */
    @Override
    public void connectionLost(CloseReason reason, String message) {
    }

    /** The core stops: the backends opened for the node are closed, later calls fail with DRIVER_UNAVAILABLE. */
    public void close() {
        closed = true;
        registry.removeListener(listener);
        networks.close();
        storage.close();
    }

    // ---- events: the node context has no listeners; connections hear their own

    @Override
    public void domainEvent(DomainRef domain, DomainEventDetail detail) {
    }

    @Override
    public void networkEvent(NetworkRef network, NetworkEventType type) {
    }

    @Override
    public void storagePoolEvent(PoolRef pool, StoragePoolEventType type) {
    }

    @Override
    public void eventsMissed(String reason) {
    }
}
