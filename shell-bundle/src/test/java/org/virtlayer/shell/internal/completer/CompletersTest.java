package org.virtlayer.shell.internal.completer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.console.CommandLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.shell.internal.TestConsole;

/** Completers offer the names on the connection the command being typed will use. */
class CompletersTest {
    private final TestConsole console = new TestConsole();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        console.close();
    }

    /** A line being typed; the cursor is at the end of its last word. */
    private static CommandLine line(String... words) {
        return new CommandLine() {
            @Override
            public int getCursorArgumentIndex() {
                return words.length - 1;
            }

            @Override
            public String getCursorArgument() {
                return words[words.length - 1];
            }

            @Override
            public int getArgumentPosition() {
                return words[words.length - 1].length();
            }

            @Override
            public String[] getArguments() {
                return words;
            }

            @Override
            public int getBufferPosition() {
                return getBuffer().length();
            }

            @Override
            public String getBuffer() {
                return String.join(" ", words);
            }
        };
    }

    @Test
    void domainNamesComeFromTheCommandsConnection() throws Exception {
        DomainNameCompleter c = new DomainNameCompleter();
        c.console = console.console;
        assertThat(c.names(null, line("virt:start", ""))).containsExactly("test");
        Path node = dir.resolve("node.xml");
        Files.writeString(node, "<node><domain type='test'><name>other</name><memory>65536</memory><vcpu>1</vcpu>"
                + "<os><type>hvm</type></os></domain></node>");
        assertThat(c.names(null, line("virt:start", "-c", "test://" + node, ""))).containsExactly("other");
    }

    @Test
    void uuidsForTheCommandsThatTakeOnlyAUuid() {
        DomainUuidCompleter domains = new DomainUuidCompleter();
        domains.console = console.console;
        assertThat(domains.names(null, line("virt:domname", ""))).containsExactly(
                "6695eb01-f6a4-8304-79aa-97f2502e193f");
        NetworkUuidCompleter networks = new NetworkUuidCompleter();
        networks.console = console.console;
        assertThat(networks.names(null, line("virt:net-name", ""))).containsExactly(
                "dd8fe884-6c02-601e-7551-cca97df1c5df");
        PoolUuidCompleter pools = new PoolUuidCompleter();
        pools.console = console.console;
        assertThat(pools.names(null, line("virt:pool-name", ""))).containsExactly(
                "dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566");
    }

    @Test
    void netUpdateSectionsAreLibvirtsAndRemoteClientsNeedTheServer() {
        assertThat(new NetworkUpdateSectionCompleter().names(null, line("virt:net-update", "default", "add", "")))
                .contains("ip-dhcp-host", "ip-dhcp-range", "dns-host", "dns-txt", "dns-srv", "portgroup").hasSize(12);
        RemoteClientCompleter clients = new RemoteClientCompleter();
        clients.remote = new org.virtlayer.shell.internal.remote.RemoteAccessService(null);
        // without the remote server the completer offers nothing rather than failing the line being typed
        java.util.List<String> candidates = new java.util.ArrayList<>();
        clients.complete(null, line("virt:remote-revoke", ""), candidates);
        assertThat(candidates).isEmpty();
    }

    @Test
    void volumesByNameInThePoolOrByPath() {
        console.conn().lookupStoragePoolByName("default-pool").createVolume(
                "<volume><name>v1</name><capacity>1024</capacity></volume>");
        VolumeCompleter c = new VolumeCompleter();
        c.console = console.console;
        assertThat(c.names(null, line("virt:vol-info", "--pool", "default-pool", ""))).containsExactly("v1");
        assertThat(c.names(null, line("virt:vol-info", "--pool=default-pool", ""))).containsExactly("v1");
        assertThat(c.names(null, line("virt:vol-info", ""))).containsExactly("/default-pool/v1");
    }

    @Test
    void networksPoolsDevicesAndUris() {
        NetworkNameCompleter networks = new NetworkNameCompleter();
        networks.console = console.console;
        assertThat(networks.names(null, line("virt:net-info", ""))).containsExactly("default");
        PoolNameCompleter pools = new PoolNameCompleter();
        pools.console = console.console;
        assertThat(pools.names(null, line("virt:pool-info", ""))).containsExactly("default-pool");
        NodeDeviceNameCompleter devices = new NodeDeviceNameCompleter();
        devices.console = console.console;
        assertThat(devices.names(null, line("virt:nodedev-dumpxml", ""))).contains("computer");
        UriCompleter uris = new UriCompleter();
        uris.console = console.console;
        assertThat(uris.names(null, line("virt:connect", ""))).containsExactly("test:///default");
    }

    @Test
    void theWordBeingTypedIsNotAnOptionsValue() {
        // "--pool" is followed only by the word under the cursor: no pool chosen yet
        assertThat(CommandLineOptions.value(line("virt:vol-info", "--pool", "def"), "--pool")).isNull();
        assertThat(CommandLineOptions.value(line("virt:vol-info", "--pool", "p", "v"), "--pool")).isEqualTo("p");
    }
}
