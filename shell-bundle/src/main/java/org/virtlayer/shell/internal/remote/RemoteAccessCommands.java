package org.virtlayer.shell.internal.remote;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import org.apache.karaf.shell.support.table.ShellTable;
import org.virtlayer.remote.server.ClientBundle;
import org.virtlayer.remote.server.RemoteAccessAdmin;
import org.virtlayer.remote.server.RemoteServerStatus;
import org.virtlayer.remote.server.Role;
import org.virtlayer.remote.server.TrustedClient;
import org.virtlayer.shell.internal.CommandFailure;
import org.virtlayer.shell.internal.format.KeyValueBlock;

/**
 * What the remote-access commands do, each a call of the server's {@link RemoteAccessAdmin} and its answer as the
 * console prints it. The server holds the logic (certificates, trust list, sessions); nothing is decided here.
 */
public final class RemoteAccessCommands {
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final RemoteAccessAdmin admin;
    private final ZoneId zone;

    public RemoteAccessCommands(RemoteAccessAdmin admin, ZoneId zone) {
        this.admin = admin;
        this.zone = zone;
    }

    /** The commands on a server service object; only called once the server's package can be loaded. */
    static RemoteAccessCommands of(Object server) {
        return new RemoteAccessCommands((RemoteAccessAdmin) server, ZoneId.systemDefault());
    }

    /** {@code remote-issue}: a new client certificate, its key and the node's CA written to {@code out}. */
    public String issue(String name, String role, Path out) {
        Role r = role(role);
        ClientBundle bundle;
        try {
            bundle = admin.issueClientCertificate(name, r);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("failed to issue a client certificate for '" + name + "': " + e.getMessage());
        }
        try {
            bundle.writeTo(out);
        } catch (IOException | SecurityException e) {
            // a certificate nobody can use should not stay trusted
            admin.revoke(bundle.fingerprint());
            throw new CommandFailure("cannot write the client's files to " + out + ": " + e.getMessage());
        }
        return "Client '" + name + "' (" + label(r) + ") issued, fingerprint " + bundle.fingerprint() + "\n"
                + "Wrote " + ClientBundle.CA_CERT_FILE + ", " + ClientBundle.CLIENT_CERT_FILE + " and "
                + ClientBundle.CLIENT_KEY_FILE + " to " + out;
    }

    /** {@code remote-trust}: a certificate the client made itself, trusted by its fingerprint. */
    public String trust(String pem, String name, String role) {
        Role r = role(role);
        try {
            TrustedClient t = admin.trustClientCertificate(pem, name, r);
            return "Client '" + t.name() + "' (" + label(t.role()) + ") trusted, fingerprint " + t.fingerprint();
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("failed to trust the certificate as '" + name + "': " + e.getMessage());
        }
    }

    /** {@code remote-list}: the trusted clients by name. */
    public ShellTable list() {
        List<TrustedClient> clients = admin.trustedClients().stream()
                .sorted(Comparator.comparing(TrustedClient::name)).toList();
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Role");
        table.column("Fingerprint (SHA-256)");
        table.column("Subject");
        table.column("Expires");
        for (TrustedClient c : clients) {
            table.addRow().addContent(c.name(), label(c.role()), c.fingerprint(), c.subject(),
                    EXPIRY.format(c.notAfter().atZone(zone)));
        }
        return table;
    }

    /** The names of the trusted clients, for completion. */
    public List<String> names() {
        return admin.trustedClients().stream().map(TrustedClient::name).sorted().toList();
    }

    /** {@code remote-revoke}: the client's sessions and connections end at once. */
    public String revoke(String nameOrFingerprint) {
        String name = admin.trustedClients().stream()
                .filter(c -> c.name().equals(nameOrFingerprint) || c.fingerprint().equalsIgnoreCase(nameOrFingerprint))
                .map(TrustedClient::name).findFirst().orElse(nameOrFingerprint);
        if (!admin.revoke(nameOrFingerprint)) {
            throw new CommandFailure("failed to revoke '" + nameOrFingerprint + "': no trusted client has that name"
                    + " or fingerprint");
        }
        return "Client '" + name + "' revoked";
    }

    /** {@code remote-ca}: the node's CA certificate, the {@code cacert.pem} of its clients. */
    public String ca() {
        return admin.caCertificatePem();
    }

    /** {@code remote-status}. */
    public String status() {
        RemoteServerStatus s = admin.status();
        KeyValueBlock b = new KeyValueBlock(15);
        b.add("Running:", s.running() ? "yes" : "no");
        b.add("Address:", s.bindAddress());
        b.add("Port:", s.port());
        b.add("Connections:", s.connections());
        b.add("Sessions:", s.sessions());
        b.add("PKI folder:", s.pkiDirectory());
        b.add("CA fingerprint:", s.caFingerprint());
        return b.toString();
    }

    private static Role role(String text) {
        try {
            return Role.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    /** The role as {@code --role} takes it. */
    private static String label(Role r) {
        return r == Role.READ_ONLY ? "read-only" : "admin";
    }
}
