package org.virtlayer.remote.server.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.remote.protocol.http.HttpHead;
import org.virtlayer.remote.protocol.http.HttpProtocolException;
import org.virtlayer.remote.protocol.tls.Pem;
import org.virtlayer.remote.server.TrustedClient;

/**
 * One TLS connection: the handshake (which refuses clients without a trusted certificate), then requests one after
 * another until the client closes, stays idle too long, breaks the framing or the server stops. A request's head and
 * JSON body must arrive within the idle timeout: a client trickling bytes cannot hold a thread for longer.
 */
final class ConnectionWorker implements Runnable {
    private static final System.Logger LOG = System.getLogger(ConnectionWorker.class.getName());

    private final SSLSocket socket;
    private final HttpsListener listener;
    private volatile ClientIdentity client;

    ConnectionWorker(SSLSocket socket, HttpsListener listener) {
        this.socket = socket;
        this.listener = listener;
    }

    ClientIdentity client() {
        return client;
    }

    void abort() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing to add
        }
    }

    @Override
    public void run() {
        ServerSettings settings = listener.settings();
        ScheduledExecutorService timer = listener.timer();
        try {
            if (!listener.isRunning()) {
                return;
            }
            ScheduledFuture<?> handshakeGuard = timer.schedule(this::abort, settings.handshakeTimeoutSeconds(),
                    TimeUnit.SECONDS);
            try {
                socket.setSoTimeout(settings.handshakeTimeoutSeconds() * 1000);
                socket.startHandshake();
                client = identify();
            } finally {
                handshakeGuard.cancel(false);
            }
            if (client == null) {
                return;
            }
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            if (!listener.limits().connectionOpened(client)) {
                HttpReply.error(out, 429, ErrorCode.RESOURCE_BUSY, "client '" + client.name() + "' has "
                        + settings.maxConnectionsPerClient() + " connections open already (the node's limit)", true);
                return;
            }
            try {
                serve(in, out, settings, timer);
            } finally {
                listener.limits().connectionClosed(client);
            }
        } catch (IOException e) {
            // handshake refused (no or untrusted certificate, TLS < 1.3, plain HTTP), reset, or timeout
            LOG.log(System.Logger.Level.DEBUG, () -> "connection from " + socket.getRemoteSocketAddress() + " ended: "
                    + e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "connection from " + socket.getRemoteSocketAddress() + " failed", e);
        } finally {
            abort();
            listener.ended(this);
        }
    }

    private void serve(InputStream in, OutputStream out, ServerSettings settings, ScheduledExecutorService timer)
            throws IOException {
        int idleMillis = settings.idleTimeoutSeconds() * 1000;
        while (listener.isRunning()) {
            socket.setSoTimeout(idleMillis);
            ScheduledFuture<?> requestGuard = timer.schedule(this::abort, idleMillis, TimeUnit.MILLISECONDS);
            HttpHead head;
            try {
                head = HttpHead.read(in);
            } catch (SocketTimeoutException e) {
                return;
            } catch (HttpProtocolException e) {
                HttpReply.error(out, e.status(), ErrorCode.RPC, "RPC error: " + e.getMessage(), true);
                return;
            } finally {
                requestGuard.cancel(false);
            }
            if (head == null) {
                return;
            }
            boolean again;
            try {
                again = listener.router().handle(client, head, in, out, () -> {
                    ScheduledFuture<?> f = timer.schedule(this::abort, idleMillis, TimeUnit.MILLISECONDS);
                    return () -> f.cancel(false);
                });
            } catch (HttpProtocolException e) {
                HttpReply.error(out, e.status(), ErrorCode.RPC, "RPC error: " + e.getMessage(), true);
                return;
            }
            out.flush();
            if (!again || head.wantsClose()) {
                return;
            }
        }
    }

    /**
     * The trusted client the handshake accepted; null if it is not (or no longer) in the trust list. Checked on every
     * connection because a TLS 1.3 resumption does not call the trust manager again: without this, a revoked client
     * holding a session ticket would get back in (TlsRefusalTest shows it).
     */
    private ClientIdentity identify() throws IOException {
        Certificate[] chain;
        try {
            chain = socket.getSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
        try {
            String fp = Pem.fingerprint((X509Certificate) chain[0]);
            TrustedClient t = listener.trust().byFingerprint(fp).orElse(null);
            return t == null ? null : new ClientIdentity(fp, t.name(), t.role());
        } catch (GeneralSecurityException e) {
            return null;
        }
    }
}
