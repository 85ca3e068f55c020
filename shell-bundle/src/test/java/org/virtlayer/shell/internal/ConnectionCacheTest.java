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
