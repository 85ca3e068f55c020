package org.virtlayer.core.internal.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

class JobLocksTest {
    private final JobLocks locks = new JobLocks();
    private final Object node = new Object();

    @Test
    void jobsOnOneDomainRunOneAtATimeAndLocksVanishWhenIdle() throws Exception {
        UUID d = UUID.randomUUID();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch done = new CountDownLatch(200);
        for (int i = 0; i < 200; i++) {
            pool.execute(() -> {
                try (var held = locks.acquire(node, d, "d", "op", 10_000)) {
                    maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Thread.onSpinWait();
                    inside.decrementAndGet();
                }
                done.countDown();
            });
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
        assertThat(maxInside.get()).isEqualTo(1);
        assertThat(locks.size()).isZero();
    }

    @Test
    void differentDomainsAndNodesDoNotWaitForEachOther() {
        try (var a = locks.acquire(node, UUID.randomUUID(), "a", "start", 100);
                var b = locks.acquire(node, UUID.randomUUID(), "b", "start", 100);
                var c = locks.acquire(new Object(), UUID.randomUUID(), "c", "start", 100)) {
            assertThat(locks.size()).isEqualTo(3);
        }
        assertThat(locks.size()).isZero();
    }

    @Test
    void aWaiterTimesOutNamingTheHolder() throws Exception {
        UUID d = UUID.randomUUID();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try (var h = locks.acquire(node, d, "vm", "virDomainCreateWithFlags", 1000)) {
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        holder.start();
        assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> locks.acquire(node, d, "vm", "virDomainDestroy", 100))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT);
                    assertThat(e.getMessage()).contains("'vm'").contains("virDomainCreateWithFlags");
                });
        release.countDown();
        holder.join(5000);
        assertThat(locks.size()).isZero();
    }
}
