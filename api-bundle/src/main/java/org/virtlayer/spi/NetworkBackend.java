package org.virtlayer.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A network backend bundle's service (e.g. {@code network-bridge}): the node's virtual networks for every connection
 * whose hypervisor driver does not serve networks itself. Registered with {@link #NAME}.
 */
@ConsumerType
public interface NetworkBackend {
    /** Service property (String): the backend's name. */
    String NAME = "virtlayer.backend.name";

    /** A view of the node's networks for one connection; its events go to {@code context}. */
    NetworkService open(OpenRequest request, DriverContext context);
}
