package org.virtlayer.spi;

import org.osgi.annotation.versioning.ProviderType;
import org.virtlayer.api.CloseReason;

/**
 * What the core gives a driver or backend for one connection it opens.
 *
 * <p>The core also registers one {@code DriverContext} as an OSGi service, with the property
 * {@code virtlayer.context=node}: the node's own, for what a hypervisor driver does outside any connection (autostart
 * at activation, releasing a guest's network ports when it stops while no connection is open). Its
 * {@link #networks()} and {@link #storage()} reach the backends installed now; it has no event listeners and no
 * connection to lose.
 */
@ProviderType
public interface DriverContext {
    /** Where to report this connection's events. */
    EventSink events();

    /** This machine, for drivers of the local node. */
    HostIntrospection host();

    /**
     * The network service of the backend installed now, for drivers that attach guests to networks.
     *
     * @throws org.virtlayer.api.VirtException DRIVER_UNAVAILABLE naming the missing backend
     */
    NetworkService networks();

    /**
     * The pools and volumes of every storage backend installed now, as one service, for drivers that resolve
     * {@code <disk type='volume'>}. An operation on a pool whose backend is missing fails with DRIVER_UNAVAILABLE.
     */
    StorageService storage();

    /** A driver tells the core its node is lost: the connection is closed and close listeners learn why. */
    void connectionLost(CloseReason reason, String message);
}
