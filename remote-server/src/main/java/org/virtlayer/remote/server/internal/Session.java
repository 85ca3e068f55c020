package org.virtlayer.remote.server.internal;

import java.util.ArrayList;
import java.util.List;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.Network;
import org.virtlayer.api.StoragePool;
import org.virtlayer.api.StorageVolume;
import org.virtlayer.api.event.EventRegistration;
import org.virtlayer.remote.protocol.WireEvent;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.NetworkRef;
import org.virtlayer.spi.PoolRef;
import org.virtlayer.spi.VolumeRef;

/**
 * One client's connection to the node's API, kept across that client's TCP connections: a core {@link Connection}
 * (read-only for read-only clients), the journal of its events, and the handles named in requests resolved on it.
 * It outlives a dropped TCP connection so that a client that comes back resumes its event stream without a gap.
 */
final class Session {
    private final String id;
    private final ClientIdentity client;
    private final Connection conn;
    private final EventJournal journal;
    private final List<EventRegistration> registrations = new ArrayList<>();
    private volatile long lastUsed = System.nanoTime();
    private int busy;

    Session(String id, ClientIdentity client, Connection conn, int eventBuffer) {
        this.id = id;
        this.client = client;
        this.conn = conn;
        this.journal = new EventJournal(eventBuffer);
        // from the first moment, so nothing between open and the first read of the stream is missed
        registrations.add(conn.addDomainEventListener(e -> journal.append(
                seq -> WireEvent.domain(seq, ref(e.domain()), e.detail()))));
        registrations.add(conn.addNetworkEventListener(e -> journal.append(
                seq -> WireEvent.network(seq, ref(e.network()), e.type()))));
        registrations.add(conn.addStoragePoolEventListener(e -> journal.append(
                seq -> WireEvent.pool(seq, ref(e.pool()), e.type()))));
    }

    String id() {
        return id;
    }

    ClientIdentity client() {
        return client;
    }

    Connection connection() {
        return conn;
    }

    EventJournal journal() {
        return journal;
    }

    /** Marks the session in use (a call or an event reader) so it is not reaped meanwhile. */
    synchronized void enter() {
        busy++;
        lastUsed = System.nanoTime();
    }

    synchronized void leave() {
        busy--;
        lastUsed = System.nanoTime();
    }

    synchronized boolean idleLongerThan(long nanos) {
        return busy == 0 && System.nanoTime() - lastUsed > nanos;
    }

    void close() {
        journal.close();
        for (EventRegistration r : registrations) {
            r.close();
        }
        conn.close();
    }

    // ---- names in requests to handles on the node, and back

    Domain domain(DomainRef r) {
        return conn.lookupDomainByUuid(r.uuid());
    }

    Network network(NetworkRef r) {
        return conn.lookupNetworkByUuid(r.uuid());
    }

    StoragePool pool(PoolRef r) {
        return r.uuid() != null ? conn.lookupStoragePoolByUuid(r.uuid()) : conn.lookupStoragePoolByName(r.name());
    }

    StorageVolume volume(VolumeRef r) {
        return conn.lookupStoragePoolByName(r.pool()).lookupVolumeByName(r.name());
    }

    static DomainRef ref(Domain d) {
        return new DomainRef(d.name(), d.uuid(), d.id());
    }

    static NetworkRef ref(Network n) {
        return new NetworkRef(n.name(), n.uuid());
    }

    /** The pool type is not part of the API's pool handle; a remote client never routes by it. */
    static PoolRef ref(StoragePool p) {
        return new PoolRef(p.name(), p.uuid(), null);
    }

    static VolumeRef ref(StorageVolume v) {
        return new VolumeRef(v.pool().name(), v.name(), v.key());
    }
}
