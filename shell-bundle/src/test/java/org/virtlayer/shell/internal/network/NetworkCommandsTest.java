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
import org.virtlayer.shell.internal.domain.Impact;

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
    void netUpdateChangesWhatVirshChangesAndSaysSo() throws IOException {
        NetworkUpdates updates = new NetworkUpdates(console.conn());
        XmlFiles files = new XmlFiles(dir);
        String host1 = "<host mac='52:54:00:00:00:01' ip='192.168.122.10' name='vm1'/>";
        assertThat(updates.update("default", "add", "ip-dhcp-host", host1, files, -1,
                new Impact(true, true, false, false))).isEqualTo("Updated network default persistent config and live state");
        assertThat(updates.update("default", "add-last", "ip-dhcp-host",
                "<host mac='52:54:00:00:00:02' ip='192.168.122.11'/>", files, -1, Impact.CURRENT))
                .isEqualTo("Updated network default live state");
        Files.writeString(dir.resolve("host3.xml"), "<host mac='52:54:00:00:00:03' ip='192.168.122.12'/>");
        assertThat(updates.update("default", "add-first", "ip-dhcp-host", "host3.xml", files, 0,
                new Impact(false, true, false, false))).isEqualTo("Updated network default persistent config");
        assertThat(queries.dumpxml("default", false)).contains("52:54:00:00:00:01").contains("52:54:00:00:00:02")
                .doesNotContain("52:54:00:00:00:03");
        assertThat(queries.dumpxml("default", true)).contains("52:54:00:00:00:01").contains("52:54:00:00:00:03")
                .doesNotContain("52:54:00:00:00:02");
        assertThat(updates.update("default", "delete", "ip-dhcp-host", host1, files, -1, Impact.CURRENT))
                .isEqualTo("Updated network default live state");
        assertThat(queries.dumpxml("default", false)).doesNotContain("52:54:00:00:00:01");
        lifecycle.destroy("default");
        assertThat(updates.update("default", "delete", "ip-dhcp-host", "<host mac='52:54:00:00:00:03'/>", files, -1,
                Impact.CURRENT)).isEqualTo("Updated network default persistent config");
        assertThatThrownBy(() -> updates.update("default", "bogus", "ip-dhcp-host", host1, files, -1, Impact.CURRENT))
                .hasMessage("unrecognized command name 'bogus'");
        assertThatThrownBy(() -> updates.update("default", "add", "bogus", host1, files, -1, Impact.CURRENT))
                .hasMessage("unrecognized section name 'bogus'");
        assertThatThrownBy(() -> updates.update("default", "add", "ip-dhcp-host", "nofile.xml", files, -1,
                Impact.CURRENT)).hasMessage("Failed to open file 'nofile.xml': No such file or directory");
        assertThatThrownBy(() -> updates.update("default", "add", "dns-host", "<host/>", files, -1, Impact.CURRENT))
                .hasMessageStartingWith("Failed to update network default: ");
        assertThatThrownBy(() -> new Impact(true, false, true, false)).hasMessage(
                "Options --current and --live are mutually exclusive");
    }

    @Test
    void dhcpLeasesAreVirshsTableOrderedByMac() {
        NetworkUpdates updates = new NetworkUpdates(console.conn());
        XmlFiles files = new XmlFiles(dir);
        updates.update("default", "add", "ip-dhcp-host", "<host mac='52:54:00:00:00:0B' ip='192.168.122.11'/>",
                files, -1, Impact.CURRENT);
        updates.update("default", "add", "ip-dhcp-host",
                "<host mac='52:54:00:00:00:0a' ip='192.168.122.10' name='vm1'/>", files, -1, Impact.CURRENT);
        NetworkLeases leases = new NetworkLeases(console.conn(), java.time.ZoneOffset.UTC);
        String rows = TestConsole.rows(leases.table("default", null));
        assertThat(rows.lines()).hasSize(2);
        assertThat(rows.lines().toList().get(0)).matches(
                "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\t52:54:00:00:00:0a\tipv4\t192.168.122.10/24\tvm1\t-");
        assertThat(rows.lines().toList().get(1)).endsWith("\t52:54:00:00:00:0B\tipv4\t192.168.122.11/24\t-\t-");
        assertThat(TestConsole.render(leases.table("default", "52:54:00:00:00:0B"), true)).startsWith(
                "Expiry Time         | MAC address       | Protocol | IP address        | Hostname | Client ID or DUID\n");
        assertThat(TestConsole.rows(leases.table("default", "52:54:00:00:00:ff"))).isEmpty();
        assertThatThrownBy(() -> leases.table("nope", null)).hasMessageStartingWith("failed to get network 'nope'");
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
