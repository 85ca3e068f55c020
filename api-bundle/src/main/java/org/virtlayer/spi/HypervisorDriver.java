package org.virtlayer.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A hypervisor driver: registered as an OSGi service with {@link #SCHEMES} naming the URI driver names it opens
 * ({@code test}, {@code qemu}, {@code lxc}) and {@link #NAME}. The core opens connections on whichever driver is
 * registered now; when the service goes away, the connections it opened fail with DRIVER_UNAVAILABLE.
 */
@ConsumerType
public interface HypervisorDriver {
    /**
     * Service property (String or String[]): the URI driver names served, e.g. {@code qemu}; {@code *} serves every
     * driver name (a remote driver, which forwards {@code qemu+tls://host/system} to the node's own qemu driver).
     */
    String SCHEMES = "virtlayer.driver.schemes";

    /** Service property (String): the driver's name, shown by {@code virt:driver-list}. */
    String NAME = "virtlayer.driver.name";

    /**
     * Service property (Boolean): true if every call answers from memory without blocking. The core then calls the
     * driver on the caller's thread; otherwise every call runs under the core's timeout on a worker thread, so that a
     * hung driver cannot hang its callers.
     */
    String NONBLOCKING = "virtlayer.driver.nonblocking";

    /**
     * Service property (String or String[]): URI transports served, e.g. {@code tls} for a remote driver. A driver
     * without it serves only local URIs (no transport, no host).
     */
    String TRANSPORTS = "virtlayer.driver.transports";

    /**
     * Opens a connection to the node the URI names.
     *
     * @throws org.virtlayer.api.VirtException with the reason, e.g. NO_CONNECT or OPEN_FAILED
     */
    HypervisorConnection open(OpenRequest request, DriverContext context);
}
