package org.virtlayer.core.internal.event;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * One listener's queue: events reach it in order, one at a time, on a shared pool's thread, never on the thread that
 * produced them. A slow listener delays only its own queue; beyond {@code capacity} waiting events the oldest are
 * dropped (and counted) rather than letting one stuck listener eat the heap.
 */
final class SerialDelivery<E> implements Runnable {
    private static final System.Logger LOG = System.getLogger(SerialDelivery.class.getName());

    private final Consumer<E> listener;
    private final Executor pool;
    private final int capacity;
    private final ArrayDeque<E> queue = new ArrayDeque<>();
    private boolean scheduled;
    private boolean closed;
    private long dropped;

    SerialDelivery(Consumer<E> listener, Executor pool, int capacity) {
        this.listener = listener;
        this.pool = pool;
        this.capacity = capacity;
    }

    void offer(E event) {
        boolean schedule;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queue.size() >= capacity) {
                queue.pollFirst();
                if (dropped++ % 1000 == 0) {
                    LOG.log(System.Logger.Level.WARNING, "an event listener is not keeping up; " + dropped
                            + " events dropped so far");
                }
            }
            queue.addLast(event);
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            try {
                pool.execute(this);
            } catch (RejectedExecutionException e) {
                synchronized (this) {
                    scheduled = false;
                }
            }
        }
    }

    @Override
    public void run() {
        while (true) {
            E next;
            synchronized (this) {
                next = closed ? null : queue.pollFirst();
                if (next == null) {
                    scheduled = false;
                    return;
                }
            }
            try {
                listener.accept(next);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "event listener failed on " + next, e);
            }
        }
    }

    synchronized void close() {
        closed = true;
        queue.clear();
    }

    synchronized long dropped() {
        return dropped;
    }
}
