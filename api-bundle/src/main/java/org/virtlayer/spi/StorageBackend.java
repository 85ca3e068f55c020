package org.virtlayer.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A storage backend bundle's service (e.g. {@code storage-dir}): the node's pools of the types it serves, named by
 * {@link #POOL_TYPES}. The core routes each pool to the backend of its type and lists the pools of all of them.
 */
@ConsumerType
public interface StorageBackend {
    /** Service property (String): the backend's name. */
    String NAME = "virtlayer.backend.name";

    /** Service property (String or String[]): pool types served, e.g. {@code dir}. */
    String POOL_TYPES = "virtlayer.storage.pool.types";

    /** A view of the node's pools of this backend for one connection; its events go to {@code context}. */
    StorageService open(OpenRequest request, DriverContext context);
}
