package org.virtlayer.shell.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.shell.internal.CommandFailure;
import org.virtlayer.shell.internal.TestConsole;

/** virt:event prints one line per event and always ends: first event, timeout, interrupt or lost driver. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DomainEventWatchTest {
    private final TestConsole console = new TestConsole();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @AfterEach
    void close() {
        console.close();
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Does something once the watch has had time to register; the watch itself waits far longer. */
    private void later(Runnable r) {
        CompletableFuture.runAsync(r, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
    }

    @Test
    void printsTheFirstEventAndStops() {
        later(() -> console.conn().lookupDomainByName("test").destroy());
        int n = new DomainEventWatch(console.conn(), Clock.systemUTC()).watch(null, false, Duration.ofSeconds(20),
                false, out);
        assertThat(n).isEqualTo(1);
        assertThat(output()).isEqualTo("event 'lifecycle' for domain 'test': Stopped Destroyed\n"
                + "events received: 1\n");
    }

    @Test
    void loopsUntilTheTimeout() {
        later(() -> {
            console.conn().lookupDomainByName("test").suspend();
            console.conn().lookupDomainByName("test").resume();
        });
        new DomainEventWatch(console.conn(), Clock.systemUTC()).watch("test", true, Duration.ofSeconds(2), false, out);
        assertThat(output()).isEqualTo("event 'lifecycle' for domain 'test': Suspended Paused\n"
                + "event 'lifecycle' for domain 'test': Resumed Unpaused\n"
                + "event loop timed out\n"
                + "events received: 2\n");
    }

    @Test
    void endsWhenTheDriverLeaves() {
        later(console::removeDriver);
        assertThatThrownBy(() -> new DomainEventWatch(console.conn(), Clock.systemUTC()).watch(null, true, null,
                false, out)).hasMessage("event loop ended: connection to test:///default closed: its driver was"
                        + " uninstalled or stopped")
                .satisfies(e -> assertThat(((CommandFailure) e).virtError().orElseThrow().code())
                        .isEqualTo(ErrorCode.DRIVER_UNAVAILABLE));
        assertThat(output()).isEqualTo("events received: 0\n");
    }

    @Test
    void anInterruptEndsTheWatch() throws Exception {
        Thread watcher = Thread.currentThread();
        later(watcher::interrupt);
        int n = new DomainEventWatch(console.conn(), Clock.systemUTC()).watch(null, true, null, false, out);
        assertThat(Thread.interrupted()).isTrue();
        assertThat(n).isZero();
        assertThat(output()).isEqualTo("events received: 0\n");
    }
}
