package org.virtlayer.spi;

import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.api.event.NetworkEventType;
import org.virtlayer.api.event.StoragePoolEventType;

/**
 * Where a driver reports events for one connection. Calls return at once: the core queues the event and delivers it
 * on its own threads, so a driver may call these while holding its locks.
 */
@ProviderType
public interface EventSink {
    void domainEvent(DomainRef domain, DomainEventDetail detail);

    void networkEvent(NetworkRef network, NetworkEventType type);

    void storagePoolEvent(PoolRef pool, StoragePoolEventType type);

    /**
     * Some events may have been missed (a remote node restarted, or dropped events for a slow reader): the
     * connection's gap listeners learn why, so that they read again what they keep from events.
     */
    default void eventsMissed(String reason) {
    }
}
