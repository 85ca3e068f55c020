package org.virtlayer.driver.remote.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.remote.protocol.OpenRequestBody;
import org.virtlayer.remote.protocol.RemoteMethod;
import org.virtlayer.remote.protocol.SessionInfo;
import org.virtlayer.remote.protocol.WireError;
import org.virtlayer.remote.protocol.WireJson;

/**
 * One remote connection's link to its node: the session there, the calls, and what happens when the node is lost.
 *
 * <p>While the link is down every call fails at once with RPC naming the node and the cause, and a thread of ours
 * reconnects (backing off to 2 s). If the node kept our session (a dropped TCP connection, a network blip) the event
 * stream resumes where it stopped and the node replays what we missed. If it did not (the node restarted, or expired
 * the session) a new session is opened and the connection's gap listeners learn that events may be lost.
 */
final class NodeLink implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NodeLink.class.getName());

    private final HttpsClient http;
    private final String localUri;
    private final boolean readOnly;
    private final GapReporter gaps;
    private volatile SessionInfo session;
    private volatile String downReason;
    private volatile boolean closed;
    private Thread reconnector;

    /** Where a link reports events that may be lost. */
    interface GapReporter {
        void eventsMissed(String reason);

        /** The session changed: the event stream must start again from its beginning. */
        void sessionReplaced();
    }

    NodeLink(HttpsClient http, String localUri, boolean readOnly, GapReporter gaps) {
        this.http = http;
        this.localUri = localUri;
        this.readOnly = readOnly;
        this.gaps = gaps;
    }

    /** Opens the session. @throws VirtException OPEN_FAILED when the node cannot be reached, or the node's error */
    void open() {
        try {
            session = openSession();
        } catch (IOException e) {
            throw new VirtException(ErrorCode.OPEN_FAILED, "failed to open " + localUri + " on node "
                    + http.address() + ": " + describe(e));
        }
    }

    private SessionInfo openSession() throws IOException {
        HttpsClient.Reply r = http.exchange("POST", "/v1/open",
                WireJson.write(new OpenRequestBody(localUri, readOnly)));
        if (r.status() != 200) {
            throw error(r);
        }
        SessionInfo s = WireJson.read(r.body(), SessionInfo.class);
        http.serverIdleTimeout(s.idleTimeoutSeconds());
        return s;
    }

    SessionInfo session() {
        return session;
    }

    boolean isUp() {
        return downReason == null && !closed;
    }

    String address() {
        return http.address();
    }

    HttpsClient http() {
        return http;
    }

    // ---- calls

    /** Arguments of a call, in order. */
    static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Makes a call and reads its result as the given type (null for calls that return nothing). */
    <T> T call(RemoteMethod m, Map<String, Object> args, JavaType type) {
        SessionInfo s = usable(m);
        HttpsClient.Reply r;
        try {
            r = http.exchange("POST", "/v1/sessions/" + s.session() + "/" + m.wireName(), WireJson.write(args));
        } catch (SocketTimeoutException e) {
            throw new VirtException(ErrorCode.OPERATION_TIMEOUT, "Timed out during operation: node " + http.address()
                    + " did not answer " + m.wireName() + " in time");
        } catch (IOException e) {
            throw lost(m, e);
        }
        if (r.status() != 200) {
            throw error(r);
        }
        if (type == null) {
            return null;
        }
        JsonNode result = WireJson.read(r.body(), JsonNode.class).get("result");
        try {
            return WireJson.mapper().convertValue(result, type);
        } catch (IllegalArgumentException e) {
            throw new VirtException(ErrorCode.RPC, "RPC error: malformed result of " + m.wireName() + " from node "
                    + http.address());
        }
    }

    <T> T call(RemoteMethod m, Map<String, Object> args, Class<T> type) {
        return call(m, args, type == null ? null : WireJson.mapper().constructType(type));
    }

    /** The session to call on; fails at once while the link is down. */
    SessionInfo usable(RemoteMethod m) {
        if (closed) {
            throw new VirtException(ErrorCode.INVALID_CONN, "connection to node " + http.address() + " is closed");
        }
        String down = downReason;
        if (down != null) {
            throw new VirtException(ErrorCode.RPC, "RPC error: connection to node " + http.address() + " is lost ("
                    + down + "); reconnecting in the background, " + m.wireName() + " not sent");
        }
        return session;
    }

    /** The node's error; an unknown session means the node forgot us: reconnect. */
    VirtException error(HttpsClient.Reply r) {
        VirtException e;
        try {
            WireError.Reply w = WireJson.read(r.body(), WireError.Reply.class);
            e = w.error() == null ? null : w.error().toException();
        } catch (VirtException bad) {
            e = null;
        }
        if (e == null) {
            return new VirtException(ErrorCode.RPC, "RPC error: node " + http.address() + " answered HTTP "
                    + r.status() + " without an error body");
        }
        if (e.code() == ErrorCode.INVALID_CONN && e.getMessage().startsWith("no such session")) {
            markDown("the node no longer knows our session");
        }
        return e;
    }

    VirtException lost(RemoteMethod m, IOException e) {
        String why = describe(e);
        markDown(why);
        return new VirtException(ErrorCode.RPC, "RPC error: connection to node " + http.address() + " lost during "
                + m.wireName() + " (" + why + "); reconnecting in the background");
    }

    static String describe(IOException e) {
        String msg = e.getMessage();
        return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    // ---- losing and finding the node

    /** Marks the link down and starts reconnecting, once. */
    synchronized void markDown(String reason) {
        if (closed || downReason != null) {
            return;
        }
        downReason = reason;
        http.dropIdle();
        reconnector = new Thread(this::reconnect, "virtlayer-remote-reconnect-" + http.address());
        reconnector.setDaemon(true);
        reconnector.start();
    }

    private void reconnect() {
        long backoff = 100;
        while (!closed) {
            try {
                SessionInfo old = session;
                HttpsClient.Reply r = http.exchange("GET", "/v1/sessions/" + old.session(), null);
                if (r.status() == 200 && WireJson.read(r.body(), SessionInfo.class).epoch().equals(old.epoch())) {
                    up("node kept our session");
                    return;
                }
                SessionInfo fresh = openSession();
                session = fresh;
                gaps.sessionReplaced();
                up("new session " + fresh.session());
                gaps.eventsMissed("node " + http.address() + (fresh.epoch().equals(old.epoch()) ? " dropped our session"
                        : " restarted") + "; events from while it was unreachable are lost");
                return;
            } catch (IOException | VirtException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "reconnecting to " + http.address() + ": " + e);
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(2000, backoff * 2);
        }
    }

    private synchronized void up(String how) {
        LOG.log(System.Logger.Level.INFO, "reconnected to node " + http.address() + ": " + how);
        downReason = null;
        notifyAll();
    }

    /** Waits until the link is up (or closed); for the event reader. */
    synchronized void awaitUp() throws InterruptedException {
        while (!closed && downReason != null) {
            wait(1000);
        }
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        SessionInfo s = session;
        if (s != null && downReason == null) {
            try {
                http.exchange("DELETE", "/v1/sessions/" + s.session(), null);
            } catch (IOException e) {
                // the node will expire it
            }
        }
        http.close();
        Thread t = reconnector;
        if (t != null) {
            t.interrupt();
        }
    }
}
