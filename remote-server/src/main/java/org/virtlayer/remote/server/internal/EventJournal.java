package org.virtlayer.remote.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.virtlayer.remote.protocol.WireEvent;

/**
 * A session's recent events, numbered from 1, in a ring of fixed size. The node appends without ever waiting (the
 * oldest event is overwritten); a reader asks for what follows the last number it saw and learns of a gap when it fell
 * behind the ring. A reader that reconnects within the ring's reach gets what it missed replayed.
 */
final class EventJournal {
    private static final int MAX_BATCH = 256;

    private final WireEvent[] ring;
    /** The number the next event gets. */
    private long next = 1;
    private boolean closed;

    EventJournal(int capacity) {
        ring = new WireEvent[Math.max(1, capacity)];
    }

    /** Adds an event; never blocks beyond a short lock. */
    synchronized void append(LongFunction<WireEvent> event) {
        if (closed) {
            return;
        }
        long seq = next++;
        ring[(int) (seq % ring.length)] = event.apply(seq);
        notifyAll();
    }

    synchronized long lastSeq() {
        return next - 1;
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /**
     * The events after {@code after}, waiting up to {@code waitMillis} for one; empty when none came. A gap record comes
     * first when some of them were overwritten.
     */
    synchronized List<WireEvent> after(long after, long waitMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMillis;
        while (next - 1 <= after && !closed) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return List.of();
            }
            wait(left);
        }
        List<WireEvent> out = new ArrayList<>();
        long oldest = Math.max(1, next - ring.length);
        long from = after + 1;
        if (from < oldest) {
            out.add(WireEvent.gap(oldest - 1, "events " + from + ".." + (oldest - 1) + " were dropped: the reader fell"
                    + " more than " + ring.length + " events behind"));
            from = oldest;
        }
        for (long s = from; s < next && out.size() < MAX_BATCH; s++) {
            out.add(ring[(int) (s % ring.length)]);
        }
        return out;
    }
}
