package org.virtlayer.core.internal.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.virtlayer.api.event.EventRegistration;

/**
 * The listeners of one kind of event on one connection. Publishing costs nothing when nobody listens, and never waits
 * for a listener.
 */
public final class EventHub<E> {
    private static final int QUEUE_CAPACITY = 100_000;

    private final Executor pool;
    private final List<Subscription<E>> subscriptions = new CopyOnWriteArrayList<>();

    private record Subscription<E>(Predicate<E> filter, SerialDelivery<E> delivery) {
    }

    public EventHub(Executor pool) {
        this.pool = pool;
    }

    /** Adds a listener for the events the filter accepts. */
    public EventRegistration subscribe(Predicate<E> filter, Consumer<E> listener) {
        Subscription<E> s = new Subscription<>(filter, new SerialDelivery<>(listener, pool, QUEUE_CAPACITY));
        subscriptions.add(s);
        return () -> {
            subscriptions.remove(s);
            s.delivery().close();
        };
    }

    public boolean hasListeners() {
        return !subscriptions.isEmpty();
    }

    public void publish(E event) {
        for (Subscription<E> s : subscriptions) {
            if (s.filter().test(event)) {
                s.delivery().offer(event);
            }
        }
    }

    public void clear() {
        for (Subscription<E> s : subscriptions) {
            s.delivery().close();
        }
        subscriptions.clear();
    }
}
