package org.virtlayer.core.internal.connection;

import org.virtlayer.core.internal.registry.DriverRegistry;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.OpenRequest;

/**
 * Whom the {@link NetworkRouter} and {@link StorageRouter} open backends for: a user's connection, or the node itself
 * ({@link NodeContext}: a hypervisor driver's own work, such as autostart or a guest's end noticed while no connection
 * is open). Both route to the backends installed now; they differ in what a backend reports to and when they stop.
 */
interface BackendUser {
    /** Fails (closed connection, stopped core) when backends may no longer be called on this user's behalf. */
    void checkUsable();

    DriverRegistry registry();

    /** What a backend is told it is opened for. */
    OpenRequest openRequest();

    /** The context a backend opened for this user reports its events to. */
    DriverContext backendContext();

    /** How error messages name this user, e.g. the connection's URI. */
    String describe();
}
