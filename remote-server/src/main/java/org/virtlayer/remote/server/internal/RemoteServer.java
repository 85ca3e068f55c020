package org.virtlayer.remote.server.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.virtlayer.api.ConnectionFactory;
import org.virtlayer.remote.protocol.tls.Pem;
import org.virtlayer.remote.protocol.tls.Tls13;
import org.virtlayer.remote.server.ClientBundle;
import org.virtlayer.remote.server.RemoteAccessAdmin;
import org.virtlayer.remote.server.RemoteServerStatus;
import org.virtlayer.remote.server.Role;
import org.virtlayer.remote.server.TrustedClient;

/**
 * A running remote server: the node's PKI, the trust list, the sessions and the HTTPS listener, and the admin side
 * that issues and trusts client certificates. Usable without OSGi (tests, benchmarks); {@link RemoteServerComponent}
 * runs one from the configuration.
 */
public final class RemoteServer implements RemoteAccessAdmin, AutoCloseable {
    private static final int MAX_NAME = 128;

    private final ServerSettings settings;
    private final NodePki pki;
    private final TrustStore trust;
    private final Sessions sessions;
    private final HttpsListener listener;
    private final ScheduledExecutorService timer;
    private final String epoch;

    private RemoteServer(ServerSettings settings, NodePki pki, TrustStore trust, Sessions sessions,
            HttpsListener listener, ScheduledExecutorService timer, String epoch) {
        this.settings = settings;
        this.pki = pki;
        this.trust = trust;
        this.sessions = sessions;
        this.listener = listener;
        this.timer = timer;
        this.epoch = epoch;
    }

    /**
     * Starts serving the node's connections: loads (or on first start makes) the PKI, then listens.
     *
     * @throws IOException if the PKI folder cannot be used or the address cannot be bound
     */
    public static RemoteServer start(ConnectionFactory factory, ServerSettings settings)
            throws IOException, GeneralSecurityException {
        Set<String> names = new LinkedHashSet<>(NodePki.defaultNames(settings.bindAddress()));
        names.addAll(settings.hostNames());
        NodePki pki = NodePki.loadOrCreate(settings.pkiDirectory(), names);
        TrustStore trust = new TrustStore(settings.pkiDirectory());
        KeyManager[] keys = Tls13.keyManagers(pki.serverKey(), pki.serverCertificate(), pki.caCertificate());
        SSLContext ctx = Tls13.context(keys, new TrustManager[] {new PinnedClientTrust(trust)});
        byte[] e = new byte[8];
        new SecureRandom().nextBytes(e);
        String epoch = HexFormat.of().formatHex(e);
        Sessions sessions = new Sessions(factory, settings);
        ClientLimits limits = new ClientLimits(settings);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "virtlayer-remote-timer");
            t.setDaemon(true);
            return t;
        });
        RemoteServer[] self = new RemoteServer[1];
        RequestRouter router = new RequestRouter(settings, sessions, new CallTable(), limits, epoch,
                () -> self[0] == null || self[0].listener.isRunning());
        HttpsListener listener;
        try {
            listener = new HttpsListener(settings, ctx, trust, limits, router, timer);
        } catch (IOException ex) {
            timer.shutdownNow();
            throw ex;
        }
        self[0] = new RemoteServer(settings, pki, trust, sessions, listener, timer, epoch);
        timer.scheduleWithFixedDelay(sessions::reap, 5, 5, TimeUnit.SECONDS);
        return self[0];
    }

    /** The port listened on (useful when the settings asked for 0, any free port). */
    public int port() {
        return listener.port();
    }

    public String epoch() {
        return epoch;
    }

    public X509Certificate caCertificate() {
        return pki.caCertificate();
    }

    /** Connections refused because the node had its maximum open. */
    public int refusedConnections() {
        return listener.refused();
    }

    @Override
    public void close() {
        listener.close();
        sessions.closeAll();
        timer.shutdownNow();
    }

    // ---- RemoteAccessAdmin

    @Override
    public ClientBundle issueClientCertificate(String name, Role role) {
        checkName(name);
        try {
            NodePki.IssuedClient c = pki.issueClient(name);
            String fp = Pem.fingerprint(c.certificate());
            trust.add(new TrustedClient(fp, name, role, c.certificate().getSubjectX500Principal().getName(),
                    c.certificate().getNotAfter().toInstant()));
            return new ClientBundle(name, role, fp, Pem.certificate(pki.caCertificate()),
                    Pem.certificate(c.certificate()), Pem.privateKey(c.key()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a client certificate: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the trust list", e);
        }
    }

    @Override
    public TrustedClient trustClientCertificate(String pem, String name, Role role) {
        checkName(name);
        try {
            X509Certificate cert = Pem.certificates(pem).get(0);
            cert.checkValidity();
            TrustedClient t = new TrustedClient(Pem.fingerprint(cert), name, role,
                    cert.getSubjectX500Principal().getName(), cert.getNotAfter().toInstant());
            trust.add(t);
            return t;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid, unexpired certificate: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the trust list", e);
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME || !name.matches("[A-Za-z0-9._@-]+")) {
            throw new IllegalArgumentException("a client name is 1-" + MAX_NAME
                    + " letters, digits, '.', '_', '@' or '-'");
        }
    }

    @Override
    public List<TrustedClient> trustedClients() {
        return trust.all();
    }

    @Override
    public boolean revoke(String nameOrFingerprint) {
        try {
            return trust.remove(nameOrFingerprint).map(c -> {
                sessions.closeClient(c.fingerprint());
                listener.closeClient(c.fingerprint());
                return true;
            }).orElse(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the trust list", e);
        }
    }

    @Override
    public String caCertificatePem() {
        try {
            return Pem.certificate(pki.caCertificate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public RemoteServerStatus status() {
        String caFp;
        try {
            caFp = Pem.fingerprint(pki.caCertificate());
        } catch (GeneralSecurityException e) {
            caFp = "";
        }
        return new RemoteServerStatus(listener.isRunning(), settings.bindAddress(), port(), listener.connections(),
                sessions.size(), pki.directory(), caFp);
    }
}
