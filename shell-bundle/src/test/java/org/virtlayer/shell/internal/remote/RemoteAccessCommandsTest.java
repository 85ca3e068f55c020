package org.virtlayer.shell.internal.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.remote.server.internal.RemoteServer;
import org.virtlayer.remote.server.internal.ServerSettings;
import org.virtlayer.shell.internal.CommandFailure;
import org.virtlayer.shell.internal.TestConsole;

/** The remote-access commands against a real remote server on 127.0.0.1 (any free port), and without one. */
class RemoteAccessCommandsTest {
    @TempDir
    Path tmp;
    private TestConsole console;
    private RemoteServer server;
    private RemoteAccessCommands commands;

    @BeforeEach
    void serve() throws Exception {
        console = new TestConsole();
        server = RemoteServer.start(console.factory, ServerSettings.defaults(0, tmp.resolve("pki")));
        commands = new RemoteAccessCommands(server, ZoneOffset.UTC);
    }

    @AfterEach
    void stop() {
        server.close();
        console.close();
    }

    @Test
    void issuedClientsGetTheirFilesAndAreListedUntilRevoked() throws Exception {
        Path out = tmp.resolve("alice");
        String issued = commands.issue("alice", "read-only", out);
        String fingerprint = server.trustedClients().get(0).fingerprint();
        assertThat(issued).isEqualTo("Client 'alice' (read-only) issued, fingerprint " + fingerprint + "\n"
                + "Wrote cacert.pem, clientcert.pem and clientkey.pem to " + out);
        assertThat(Files.readString(out.resolve("cacert.pem"))).isEqualTo(commands.ca());
        assertThat(Files.readString(out.resolve("clientcert.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("clientkey.pem"))))
                .isEqualTo("rw-------");
        commands.issue("bob", "admin", tmp.resolve("bob"));
        String rows = TestConsole.rows(commands.list());
        assertThat(rows.lines().toList()).hasSize(2);
        assertThat(rows.lines().toList().get(0)).startsWith("alice\tread-only\t" + fingerprint + "\t")
                .matches(".*\\t\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(rows.lines().toList().get(1)).startsWith("bob\tadmin\t");
        assertThat(TestConsole.render(commands.list(), true)).startsWith("Name  | Role      | Fingerprint (SHA-256)");
        assertThat(commands.names()).containsExactly("alice", "bob");
        assertThat(commands.revoke(fingerprint)).isEqualTo("Client 'alice' revoked");
        assertThat(commands.revoke("bob")).isEqualTo("Client 'bob' revoked");
        assertThat(commands.names()).isEmpty();
        assertThatThrownBy(() -> commands.revoke("bob")).hasMessage(
                "failed to revoke 'bob': no trusted client has that name or fingerprint");
    }

    @Test
    void aClientsOwnCertificateIsTrustedByFingerprint() throws Exception {
        commands.issue("maker", "admin", tmp.resolve("maker"));
        String pem = Files.readString(tmp.resolve("maker/clientcert.pem"));
        commands.revoke("maker");
        assertThat(commands.trust(pem, "carol", "ro")).startsWith("Client 'carol' (read-only) trusted, fingerprint ");
        assertThat(commands.names()).containsExactly("carol");
        assertThatThrownBy(() -> commands.trust("not a certificate", "dave", "admin"))
                .hasMessageStartingWith("failed to trust the certificate as 'dave': not a valid, unexpired certificate");
    }

    @Test
    void badNamesAndRolesAreOneLineAndNothingIsTrusted() {
        assertThatThrownBy(() -> commands.issue("a b", "admin", tmp.resolve("x")))
                .hasMessageStartingWith("failed to issue a client certificate for 'a b': a client name is 1-");
        assertThatThrownBy(() -> commands.issue("eve", "root", tmp.resolve("x")))
                .hasMessage("unknown role 'root': read-only or admin");
        assertThat(tmp.resolve("x")).doesNotExist();
        assertThat(commands.names()).isEmpty();
    }

    @Test
    void aFolderThatCannotBeWrittenLeavesNoTrustedClient() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "");
        assertThatThrownBy(() -> commands.issue("frank", "admin", file.resolve("sub")))
                .hasMessageStartingWith("cannot write the client's files to " + file.resolve("sub") + ": ");
        assertThat(commands.names()).isEmpty();
    }

    @Test
    void statusShowsWhereTheServerListens() {
        assertThat(commands.status()).isEqualTo("Running:        yes\n"
                + "Address:        127.0.0.1\n"
                + "Port:           " + server.port() + "\n"
                + "Connections:    0\n"
                + "Sessions:       0\n"
                + "PKI folder:     " + tmp.resolve("pki") + "\n"
                + "CA fingerprint: " + server.status().caFingerprint() + "\n");
    }

    @Test
    void withoutTheServerEveryCommandNamesTheFeature() {
        RemoteAccessService absent = new RemoteAccessService(null);
        assertThatThrownBy(() -> absent.call(RemoteAccessCommands::status)).isInstanceOf(CommandFailure.class)
                .hasMessage("the remote server is not installed: feature:install virtlayer-remote-server");
    }
}
