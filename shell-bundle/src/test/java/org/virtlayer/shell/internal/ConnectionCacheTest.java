package org.virtlayer.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ErrorCode;

/** The console keeps one connection per URI and opens it again after its driver left and came back. */
class ConnectionCacheTest {
    private final TestConsole console = new TestConsole();

    @AfterEach
    void close() {
        console.close();
    }

    @Test
    void commandsShareOneConnectionSoTheySeeEachOthersChanges() {
        Connection first = console.conn();
        first.lookupDomainByName("test").destroy();
        assertThat(console.conn()).isSameAs(first);
        assertThat(console.conn().lookupDomainByName("test").isActive()).isFalse();
    }

    @Test
    void aRemovedDriverGivesDriverUnavailableAndAReturningOneIsUsedAgain() {
        Connection first = console.conn();
        console.removeDriver();
        assertThatThrownBy(console::conn)
                .isInstanceOf(CommandFailure.class)
                .hasMessageStartingWith("failed to connect to 'test:///default': no connection driver available")
                .satisfies(e -> assertThat(((CommandFailure) e).virtError().orElseThrow().code())
                        .isEqualTo(ErrorCode.DRIVER_UNAVAILABLE));
        console.addDriver();
        Connection again = console.conn();
        assertThat(again).isNotSameAs(first);
        assertThat(again.lookupDomainByName("test").isActive()).isTrue();
    }

    @Test
    void sessionsOpeningTogetherShareOneConnection() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<Connection>> got = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                got.add(pool.submit(() -> {
                    go.await();
                    return console.conn();
                }));
            }
            go.countDown();
            Connection first = got.get(0).get(10, java.util.concurrent.TimeUnit.SECONDS);
            for (java.util.concurrent.Future<Connection> f : got) {
                assertThat(f.get(10, java.util.concurrent.TimeUnit.SECONDS)).isSameAs(first);
            }
            assertThat(first.isAlive()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void urisOfferedForCompletion() {
        console.conn();
        assertThat(console.console.knownUris()).containsExactly("test:///default");
    }

    @Test
    void aClosedConsoleRefusesNewConnections() {
        console.console.close();
        assertThatThrownBy(console::conn).hasMessage("the virt: console is stopping");
    }
}
