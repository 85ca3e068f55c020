package org.virtlayer.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.virtlayer.api.Connection;
import org.virtlayer.api.event.DomainEvent;
import org.virtlayer.api.event.DomainEventDetail;

/** A connection's domain events, awaited in order. */
public final class Events {
    private final BlockingQueue<DomainEvent> queue = new LinkedBlockingQueue<>();

    public Events(Connection c) {
        c.addDomainEventListener(queue::add);
    }

    /** The next events, exactly these details in this order, each within the timeout. */
    public List<DomainEvent> expect(long timeoutMillis, DomainEventDetail... details) throws InterruptedException {
        List<DomainEvent> got = new ArrayList<>();
        List<DomainEventDetail> seen = new ArrayList<>();
        for (int i = 0; i < details.length; i++) {
            DomainEvent e = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            assertThat(e).as("event " + (i + 1) + " of " + List.of(details) + " (got " + seen + ")").isNotNull();
            got.add(e);
            seen.add(e.detail());
        }
        assertThat(seen).containsExactly(details);
        return got;
    }

    /** No event arrives within the time. */
    public void expectNone(long millis) throws InterruptedException {
        DomainEvent e = queue.poll(millis, TimeUnit.MILLISECONDS);
        assertThat(e).as("no further event").isNull();
    }

    public void clear() {
        queue.clear();
    }
}
