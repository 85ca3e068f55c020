package org.virtlayer.storage.dir.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.virtlayer.api.event.StoragePoolEventType;
import org.virtlayer.spi.EventSink;
import org.virtlayer.spi.PoolRef;

/** Pool lifecycle events for every connection open on the backend now: the pools are the node's, not one caller's. */
final class PoolEvents {
    private final Set<EventSink> sinks = ConcurrentHashMap.newKeySet();

    void add(EventSink sink) {
        sinks.add(sink);
    }

    void remove(EventSink sink) {
        sinks.remove(sink);
    }

    /** Sinks queue and return at once, so this may be called under the pools' lock. */
    void emit(PoolRef pool, StoragePoolEventType type) {
        for (EventSink s : sinks) {
            s.storagePoolEvent(pool, type);
        }
    }
}
