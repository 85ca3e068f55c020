package org.virtlayer.core.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.event.EventRegistration;

class EventHubTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final EventHub<Integer> hub = new EventHub<>(pool);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aStuckListenerBlocksNeitherThePublisherNorOtherListeners() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        hub.subscribe(e -> true, e -> {
            try {
                never.await();
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
            }
        });
        List<Integer> got = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(1000);
        hub.subscribe(e -> true, e -> {
            got.add(e);
            all.countDown();
        });
        // the first listener is stuck until the end of the test: had publishing waited for it, this loop never ends
        for (int i = 0; i < 1000; i++) {
            hub.publish(i);
        }
        assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
        // in order, every one
        assertThat(got).hasSize(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(got.get(i)).isEqualTo(i);
        }
        assertThat(never.getCount()).as("the stuck listener is still stuck").isEqualTo(1);
        never.countDown();
    }

    @Test
    void filtersApplyAndClosingARegistrationStopsDelivery() throws Exception {
        List<Integer> even = new CopyOnWriteArrayList<>();
        EventRegistration r = hub.subscribe(e -> e % 2 == 0, even::add);
        for (int i = 0; i < 10; i++) {
            hub.publish(i);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (even.size() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(even).containsExactly(0, 2, 4, 6, 8);
        r.close();
        r.close();
        hub.publish(10);
        Thread.sleep(50);
        assertThat(even).hasSize(5);
        assertThat(hub.hasListeners()).isFalse();
    }

    @Test
    void aFailingListenerDoesNotStopItsLaterEvents() throws Exception {
        List<Integer> got = new CopyOnWriteArrayList<>();
        CountDownLatch two = new CountDownLatch(2);
        hub.subscribe(e -> true, e -> {
            got.add(e);
            two.countDown();
            if (e == 0) {
                throw new IllegalStateException("listener bug");
            }
        });
        hub.publish(0);
        hub.publish(1);
        assertThat(two.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(got).containsExactly(0, 1);
    }
}
