package org.virtlayer.remote.server.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.virtlayer.api.ConnectUri;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ConnectionFactory;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.remote.server.Role;

/**
 * The open sessions, each owned by one client certificate: another client naming it gets "no such session", as if it
 * did not exist. Bounded per client; idle ones are closed by {@link #reap}.
 */
final class Sessions {
    /** All clients together: a bound even when many clients each stay under their own. */
    private static final int MAX_TOTAL = 4096;

    private final ConnectionFactory factory;
    private final ServerSettings settings;
    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile boolean closed;

    Sessions(ConnectionFactory factory, ServerSettings settings) {
        this.factory = factory;
        this.settings = settings;
    }

    /**
     * Opens the node's URI for a client. Read-only clients always get a read-only connection.
     *
     * @throws VirtException ACCESS_DENIED for a URI naming another node (the server is no relay), RESOURCE_BUSY over
     *         the session limits, or what the node's open says
     */
    Session open(ClientIdentity client, String uriText, boolean readOnly) {
        if (closed) {
            throw new VirtException(ErrorCode.NO_CONNECT, "the remote server is stopping");
        }
        ConnectUri uri = ConnectUri.parse(uriText);
        if (uri.isRemote()) {
            throw new VirtException(ErrorCode.ACCESS_DENIED, "access denied: the node opens only its own URIs, not '"
                    + uri.scheme() + "://" + uri.host().orElse("") + "...' (leave out the transport and the host)");
        }
        long mine = byId.values().stream().filter(s -> s.client().fingerprint().equals(client.fingerprint())).count();
        if (mine >= settings.maxSessionsPerClient() || byId.size() >= MAX_TOTAL) {
            throw new VirtException(ErrorCode.RESOURCE_BUSY, "client '" + client.name() + "' has too many open sessions"
                    + " (limit " + settings.maxSessionsPerClient() + "); close some first");
        }
        boolean ro = readOnly || client.role() == Role.READ_ONLY;
        Connection c = ro ? factory.openReadOnly(uri.toString()) : factory.open(uri.toString());
        byte[] b = new byte[18];
        random.nextBytes(b);
        Session s = new Session(Base64.getUrlEncoder().withoutPadding().encodeToString(b), client, c,
                settings.eventBufferSize());
        byId.put(s.id(), s);
        if (closed) {
            close(s);
            throw new VirtException(ErrorCode.NO_CONNECT, "the remote server is stopping");
        }
        return s;
    }

    /** The client's session with this id. @throws VirtException INVALID_CONN when there is none (for this client) */
    Session get(ClientIdentity client, String id) {
        Session s = id == null ? null : byId.get(id);
        if (s == null || !s.client().fingerprint().equals(client.fingerprint())) {
            throw new VirtException(ErrorCode.INVALID_CONN, "no such session on this node (it was closed, expired or"
                    + " the node restarted): open a new one");
        }
        return s;
    }

    void close(Session s) {
        if (byId.remove(s.id(), s)) {
            s.close();
        }
    }

    void closeClient(String fingerprint) {
        for (Session s : byId.values()) {
            if (s.client().fingerprint().equals(fingerprint)) {
                close(s);
            }
        }
    }

    void reap() {
        long limit = TimeUnit.SECONDS.toNanos(settings.sessionIdleSeconds());
        for (Session s : byId.values()) {
            if (s.idleLongerThan(limit)) {
                close(s);
            }
        }
    }

    int size() {
        return byId.size();
    }

    void closeAll() {
        closed = true;
        for (Session s : byId.values()) {
            close(s);
        }
    }
}
