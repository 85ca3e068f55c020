package org.virtlayer.shell.internal.domain;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.virtlayer.api.CloseReason;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.api.event.DomainEvent;
import org.virtlayer.api.event.EventRegistration;
import org.virtlayer.shell.internal.Attempt;
import org.virtlayer.shell.internal.CommandFailure;

/**
 * virsh's {@code event}: prints domain lifecycle events as they come, one line each (the event's own
 * {@code toString()}), until the first one (all of them with {@code loop}), the timeout, an interrupt (Ctrl-C) or
 * the connection's end. Events arrive on virtlayer's threads; they are queued and printed by the command's thread,
 * whose output stream is the session's.
 */
public final class DomainEventWatch {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);

    private final Connection conn;
    private final Clock clock;
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private int received;

    public DomainEventWatch(Connection conn, Clock clock) {
        this.conn = conn;
        this.clock = clock;
    }

    /** What the queue carries: an event, or the connection's end. */
    private sealed interface Item permits Event, Closed {
    }

    private record Event(DomainEvent event) implements Item {
    }

    private record Closed(CloseReason reason) implements Item {
    }

    /**
     * @param domainName only this domain's events, or null for every domain's
     * @param timeout null to wait without limit
     * @return the number of events printed
     */
    public int watch(String domainName, boolean loop, Duration timeout, boolean timestamps, PrintStream out) {
        Domain domain = domainName == null ? null : DomainResolver.resolve(conn, domainName);
        EventRegistration closing = Attempt.get("failed to watch connection " + conn.uri(),
                () -> conn.addCloseListener((c, reason) -> queue.add(new Closed(reason))));
        EventRegistration events;
        try {
            events = Attempt.get("failed to register for domain events",
                    () -> domain == null ? conn.addDomainEventListener(e -> queue.add(new Event(e)))
                            : conn.addDomainEventListener(domain, e -> queue.add(new Event(e))));
        } catch (RuntimeException e) {
            closing.close();
            throw e;
        }
        try {
            printUntilDone(loop, timeout, timestamps, out);
        } catch (InterruptedException e) {
            // Ctrl-C: the console interrupts the command's thread; end as virsh does on SIGINT
            Thread.currentThread().interrupt();
        } finally {
            events.close();
            closing.close();
        }
        out.println("events received: " + received);
        return received;
    }

    /** Why the watch ended, as the typed error a call on the closed connection would give. */
    private VirtException closedError(CloseReason reason) {
        return switch (reason) {
            case DRIVER_REMOVED -> new VirtException(ErrorCode.DRIVER_UNAVAILABLE, "connection to " + conn.uri()
                    + " closed: its driver was uninstalled or stopped");
            case CLIENT -> new VirtException(ErrorCode.INVALID_CONN, "connection to " + conn.uri() + " was closed");
            default -> new VirtException(ErrorCode.NO_CONNECT, "connection to " + conn.uri() + " was lost ("
                    + reason.name().toLowerCase(Locale.ROOT) + ")");
        };
    }

    private void printUntilDone(boolean loop, Duration timeout, boolean timestamps, PrintStream out)
            throws InterruptedException {
        long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
        while (true) {
            Item item = timeout == null ? queue.take()
                    : queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (item == null) {
                out.println("event loop timed out");
                return;
            }
            if (item instanceof Closed closed) {
                out.println("events received: " + received);
                throw new CommandFailure("event loop ended", closedError(closed.reason()));
            }
            DomainEvent e = ((Event) item).event();
            out.println(timestamps ? STAMP.format(clock.instant()) + ": " + e : e.toString());
            out.flush();
            received++;
            if (!loop) {
                return;
            }
        }
    }
}
