package org.virtlayer.remote.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.api.event.NetworkEventType;
import org.virtlayer.api.event.StoragePoolEventType;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.NetworkRef;
import org.virtlayer.spi.PoolRef;

/**
 * One line of a session's event stream ({@code GET /v1/sessions/{session}/events?after=N}, one JSON object a line).
 * Exactly one of {@code domain}, {@code network}, {@code pool}, {@code gap} or {@code heartbeat} is set:
 * <ul>
 * <li>{@code {"seq":7,"domain":{...},"detail":"STARTED_BOOTED"}}, {@code {"seq":8,"network":{...},"type":"STARTED"}},
 * {@code {"seq":9,"pool":{...},"type":"STARTED"}}: an event and its sequence number in the session;</li>
 * <li>{@code {"seq":40,"gap":"events 10..39 were dropped: ..."}}: the server dropped events for a slow reader (its
 * buffer is bounded; the node never waits for a reader); {@code seq} is the last one dropped;</li>
 * <li>{@code {"seq":41,"heartbeat":true}}: nothing happened; sent so a reader can tell a quiet stream from a dead one.</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WireEvent(long seq, DomainRef domain, DomainEventDetail detail, NetworkRef network, PoolRef pool,
        String type, String gap, Boolean heartbeat) {

    public static WireEvent domain(long seq, DomainRef d, DomainEventDetail detail) {
        return new WireEvent(seq, d, detail, null, null, null, null, null);
    }

    public static WireEvent network(long seq, NetworkRef n, NetworkEventType type) {
        return new WireEvent(seq, null, null, n, null, type.name(), null, null);
    }

    public static WireEvent pool(long seq, PoolRef p, StoragePoolEventType type) {
        return new WireEvent(seq, null, null, null, p, type.name(), null, null);
    }

    public static WireEvent gap(long lastDropped, String message) {
        return new WireEvent(lastDropped, null, null, null, null, null, message, null);
    }

    public static WireEvent heartbeat(long seq) {
        return new WireEvent(seq, null, null, null, null, null, null, Boolean.TRUE);
    }
}
