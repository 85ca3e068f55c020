package org.virtlayer.api.event;

import org.virtlayer.api.StoragePool;

/** A storage pool lifecycle event; {@link #toString()} is the line {@code virsh pool-event} prints. */
public record StoragePoolEvent(StoragePool pool, StoragePoolEventType type) {
    @Override
    public String toString() {
        return "event 'lifecycle' for storage pool " + pool.name() + ": " + type.label();
    }
}
