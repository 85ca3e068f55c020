package org.virtlayer.network.bridge.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.virtlayer.api.event.NetworkEventType;
import org.virtlayer.spi.EventSink;
import org.virtlayer.spi.NetworkRef;

/** Network lifecycle events for every connection open on the backend now: the networks are the node's. */
final class NetworkEvents {
    private final Set<EventSink> sinks = ConcurrentHashMap.newKeySet();

    void add(EventSink sink) {
        sinks.add(sink);
    }

    void remove(EventSink sink) {
        sinks.remove(sink);
    }

    /** Sinks queue and return at once, so this may be called under the networks' lock. */
    void emit(NetworkRef network, NetworkEventType type) {
        for (EventSink s : sinks) {
            s.networkEvent(network, type);
        }
    }
}
