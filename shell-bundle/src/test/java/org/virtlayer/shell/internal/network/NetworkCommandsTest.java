package org.virtlayer.shell.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.shell.internal.TestConsole;
import org.virtlayer.shell.internal.XmlFiles;

/** Network commands on test:///default print what virsh 9.0 prints. */
class NetworkCommandsTest {
    private final TestConsole console = new TestConsole();
    private final NetworkLifecycle lifecycle = new NetworkLifecycle(console.conn());
    private final NetworkQueries queries = new NetworkQueries(console.conn());
    private static final NetworkListOptions ACTIVE = new NetworkListOptions(false, false, false, false, false, false);
    private static final NetworkListOptions ALL = new NetworkListOptions(true, false, false, false, false, false);

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        console.close();
    }

    @Test
    void listAndInfoAreVirshs() {
        assertThat(TestConsole.rows(queries.list(ACTIVE))).isEqualTo("default\tactive\tno\tyes\n");
        assertThat(queries.info("default")).isEqualTo("""
                Name:           default
                UUID:           dd8fe884-6c02-601e-7551-cca97df1c5df
                Active:         yes
                Persistent:     yes
                Autostart:      no
                Bridge:         virbr0
                """);
    }

    @Test
    void netUuidTakesTheNameAndNetNameTheUuid() {
        NetworkIdentifiers ids = new NetworkIdentifiers(console.conn());
        String uuid = "dd8fe884-6c02-601e-7551-cca97df1c5df";
        assertThat(ids.uuid("default")).isEqualTo(uuid);
        assertThat(ids.name(uuid)).isEqualTo("default");
        assertThatThrownBy(() -> ids.uuid(uuid)).hasMessageStartingWith("failed to get network '" + uuid
                + "': Network not found");
        assertThatThrownBy(() -> ids.name("default")).hasMessage("failed to get network 'default': not a UUID");
    }

    @Test
    void lifecycleMessagesAreVirshs() throws IOException {
        assertThat(lifecycle.destroy("default")).isEqualTo("Network default destroyed");
        assertThat(queries.listNames(ACTIVE, true, false)).isEmpty();
        assertThat(queries.listNames(ALL, true, false)).isEqualTo("default\n");
        assertThat(lifecycle.autostart("default", true)).isEqualTo("Network default marked as autostarted");
        assertThat(lifecycle.start("default")).isEqualTo("Network default started");
        assertThatThrownBy(() -> lifecycle.start("default"))
                .hasMessageStartingWith("Failed to start network default: Requested operation is not valid");
        Files.writeString(dir.resolve("net.xml"), queries.dumpxml("default", true)
                .replace("<name>default</name>", "<name>second</name>")
                .replaceAll("<uuid>.*</uuid>", "")
                .replace("virbr0", "virbr9")
                .replace("192.168.122.", "192.168.9.")
                .replaceAll("<mac address=.*/>", ""));
        assertThat(lifecycle.define(new XmlFiles(dir), "net.xml")).isEqualTo("Network second defined from net.xml");
        assertThat(lifecycle.undefine("second")).isEqualTo("Network second has been undefined");
    }

    @Test
    void anUnknownNetworkIsOneLineNamingIt() {
        assertThatThrownBy(() -> queries.info("nope"))
                .hasMessage("failed to get network 'nope': Network not found: no network with matching name 'nope'");
    }
}
