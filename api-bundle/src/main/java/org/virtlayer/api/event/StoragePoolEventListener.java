package org.virtlayer.api.event;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives storage pool lifecycle events. */
@ConsumerType
@FunctionalInterface
public interface StoragePoolEventListener {
    void onEvent(StoragePoolEvent event);
}
