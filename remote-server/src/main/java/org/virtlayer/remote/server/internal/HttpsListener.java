package org.virtlayer.remote.server.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.virtlayer.remote.protocol.tls.Tls13;

/**
 * The listening socket: TLS 1.3 only, a client certificate required. Each accepted connection gets a thread of its
 * own (blocking I/O is simplest to bound and read); beyond {@code maxConnections} a new connection is closed at once,
 * before any TLS work is spent on it.
 */
final class HttpsListener {
    private static final System.Logger LOG = System.getLogger(HttpsListener.class.getName());

    private final ServerSettings settings;
    private final TrustStore trust;
    private final ClientLimits limits;
    private final RequestRouter router;
    private final SSLServerSocket server;
    private final ExecutorService threads;
    private final ScheduledExecutorService timer;
    private final Set<ConnectionWorker> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean running = true;
    private final Thread acceptor;

    HttpsListener(ServerSettings settings, SSLContext ctx, TrustStore trust, ClientLimits limits, RequestRouter router,
            ScheduledExecutorService timer) throws IOException {
        this.settings = settings;
        this.trust = trust;
        this.limits = limits;
        this.router = router;
        this.timer = timer;
        SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
        s.setReuseAddress(true);
        SSLParameters p = Tls13.parameters(ctx);
        p.setNeedClientAuth(true);
        s.setSSLParameters(p);
        s.bind(new InetSocketAddress(InetAddress.getByName(settings.bindAddress()), settings.port()), 128);
        this.server = s;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "virtlayer-remote-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        acceptor = new Thread(this::acceptLoop, "virtlayer-remote-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (running) {
            SSLSocket s;
            try {
                s = (SSLSocket) server.accept();
            } catch (SocketException e) {
                if (running) {
                    LOG.log(System.Logger.Level.WARNING, "accept failed: " + e);
                }
                continue;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "accept failed: " + e);
                continue;
            }
            if (!running) {
                // accepted while stopping: a stopped server answers nothing
                closeQuietly(s);
                return;
            }
            if (open.size() >= settings.maxConnections()) {
                refused.incrementAndGet();
                try {
                    s.close();
                } catch (IOException e) {
                    // refused anyway
                }
                continue;
            }
            try {
                s.setTcpNoDelay(true);
            } catch (SocketException e) {
                // only latency is at stake
            }
            ConnectionWorker w = new ConnectionWorker(s, this);
            open.add(w);
            try {
                threads.execute(w);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                open.remove(w);
                closeQuietly(s);
            }
        }
    }

    private static void closeQuietly(SSLSocket s) {
        try {
            s.close();
        } catch (IOException e) {
            // refused anyway
        }
    }

    void ended(ConnectionWorker w) {
        open.remove(w);
    }

    int connections() {
        return open.size();
    }

    /** Connections closed at once because the node had its maximum open. */
    int refused() {
        return refused.get();
    }

    /** Ends a client's connections at once (its trust was revoked). */
    void closeClient(String fingerprint) {
        for (ConnectionWorker w : open) {
            ClientIdentity c = w.client();
            if (c != null && c.fingerprint().equals(fingerprint)) {
                w.abort();
            }
        }
    }

    void close() {
        running = false;
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
        try {
            // no connection may slip in after the sweep below
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ConnectionWorker w : open) {
            w.abort();
        }
        threads.shutdownNow();
    }

    boolean isRunning() {
        return running;
    }

    ServerSettings settings() {
        return settings;
    }

    TrustStore trust() {
        return trust;
    }

    ClientLimits limits() {
        return limits;
    }

    RequestRouter router() {
        return router;
    }

    ScheduledExecutorService timer() {
        return timer;
    }
}
