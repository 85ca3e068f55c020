package org.virtlayer.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/** A domain's job (one operation at a time, reentrant, interruptible) and its log. */
class DomainJobAndLogTest {
    @Test
    void aJobIsReentrantAndAWaiterInterruptedIsAbortedNamingTheDomain() throws Exception {
        DomainJob job = new DomainJob();
        assertThat(job.run("vm", () -> job.run("vm", () -> 42))).isEqualTo(42);

        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> job.run("vm", () -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<VirtException> refused = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                job.run("vm", () -> null);
                refused.complete(null);
            } catch (VirtException e) {
                refused.complete(e);
            }
        });
        waiter.start();
        while (waiter.getState() != Thread.State.WAITING) {
            Thread.sleep(1);
        }
        waiter.interrupt();
        VirtException e = refused.get(10, TimeUnit.SECONDS);
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_ABORTED);
        assertThat(e.getMessage()).contains("'vm'");
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aLogHasAHeaderPerRunAndQuotesOnlyThisRunsOutput(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("vm.log");
        long first = DomainLog.starting(log, " container 'vm'");
        Files.writeString(log, "old output\n", java.nio.file.StandardOpenOption.APPEND);
        DomainLog.stopped(log, "crashed");
        long second = DomainLog.starting(log, "\nA=1 \\\n/bin/init");
        assertThat(second).isEqualTo(Files.size(log)).isGreaterThan(first);
        assertThat(DomainLog.since(log, second)).isEmpty();
        Files.writeString(log, "cannot start\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(DomainLog.since(log, second)).isEqualTo("cannot start");
        assertThat(Files.readAllLines(log)).hasSize(7);
        assertThat(Files.readAllLines(log).get(0)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000: "
                + "starting up container 'vm'");
        assertThat(Files.readAllLines(log).get(2)).endsWith(": shutting down, reason=crashed");
        assertThat(Files.readAllLines(log).subList(3, 7).get(1)).isEqualTo("A=1 \\");
    }
}
