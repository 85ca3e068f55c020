package org.virtlayer.core.internal.connection;

import org.virtlayer.api.CloseReason;
import org.virtlayer.api.event.DomainEvent;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.api.event.NetworkEvent;
import org.virtlayer.api.event.NetworkEventType;
import org.virtlayer.api.event.StoragePoolEvent;
import org.virtlayer.api.event.StoragePoolEventType;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.EventSink;
import org.virtlayer.spi.HostIntrospection;
import org.virtlayer.spi.NetworkRef;
import org.virtlayer.spi.NetworkService;
import org.virtlayer.spi.PoolRef;
import org.virtlayer.spi.StorageService;

/** What a driver or backend gets for one connection: its event sink, this machine, the networks and the storage. */
final class DriverContextImpl implements DriverContext, EventSink {
    private final ConnectionImpl conn;

    DriverContextImpl(ConnectionImpl conn) {
        this.conn = conn;
    }

    @Override
    public EventSink events() {
        return this;
    }

    @Override
    public HostIntrospection host() {
        return conn.core().host();
    }

    @Override
    public NetworkService networks() {
        return conn.networkRouter();
    }

    @Override
    public StorageService storage() {
        return conn.storageRouter();
    }

    @Override
    public void connectionLost(CloseReason reason, String message) {
        conn.lost(reason, message);
    }

    @Override
    public void domainEvent(DomainRef domain, DomainEventDetail detail) {
        if (conn.domainEvents().hasListeners()) {
            conn.domainEvents().publish(new DomainEvent(conn.domainHandle(domain), detail));
        }
    }

    @Override
    public void networkEvent(NetworkRef network, NetworkEventType type) {
        if (conn.networkEvents().hasListeners()) {
            conn.networkEvents().publish(new NetworkEvent(conn.networkHandle(network), type));
        }
    }

    @Override
    public void storagePoolEvent(PoolRef pool, StoragePoolEventType type) {
        if (conn.poolEvents().hasListeners()) {
            conn.poolEvents().publish(new StoragePoolEvent(conn.poolHandle(pool), type));
        }
    }

    @Override
    public void eventsMissed(String reason) {
        conn.gapEvents().publish(reason);
    }
}
