package org.virtlayer.remote.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.StorageVolume;
import org.virtlayer.api.VirtException;
import org.virtlayer.remote.protocol.Args;
import org.virtlayer.remote.protocol.OpenRequestBody;
import org.virtlayer.remote.protocol.RemoteMethod;
import org.virtlayer.remote.protocol.SessionInfo;
import org.virtlayer.remote.protocol.WireEvent;
import org.virtlayer.remote.protocol.WireJson;
import org.virtlayer.remote.protocol.http.ChunkedOutputStream;
import org.virtlayer.remote.protocol.http.HttpHead;
import org.virtlayer.remote.protocol.http.HttpProtocolException;
import org.virtlayer.spi.VolumeRef;

/**
 * Serves one request of an identified client: the routes of docs/remote.md. Returns whether the connection may carry
 * another request.
 */
final class RequestRouter {
    private static final System.Logger LOG = System.getLogger(RequestRouter.class.getName());
    static final String PROTOCOL = "virtlayer-remote/1";

    private final ServerSettings settings;
    private final Sessions sessions;
    private final CallTable calls;
    private final ClientLimits limits;
    private final String epoch;
    private final BooleanSupplier running;

    RequestRouter(ServerSettings settings, Sessions sessions, CallTable calls, ClientLimits limits, String epoch,
            BooleanSupplier running) {
        this.settings = settings;
        this.sessions = sessions;
        this.calls = calls;
        this.limits = limits;
        this.epoch = epoch;
        this.running = running;
    }

    /** What the server says about itself and the caller: {@code GET /v1}. */
    record ServerInfo(String protocol, String epoch, String client, String role, String fingerprint) {
    }

    /** Arms a deadline for reading a request body; closing it disarms it. */
    interface Deadline {
        AutoCloseable arm();
    }

    boolean handle(ClientIdentity client, HttpHead head, InputStream in, OutputStream out, Deadline deadline)
            throws IOException {
        String[] start = head.startLine().split(" ", -1);
        if (start.length != 3 || !start[2].startsWith("HTTP/1.")) {
            throw new HttpProtocolException(400, "malformed request line");
        }
        String method = start[0];
        String target = start[1];
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        Map<String, String> query = q < 0 ? Map.of() : query(target.substring(q + 1));
        List<String> parts = List.of(path.split("/", -1));
        // parts: "", "v1", ...
        if (parts.size() < 2 || !parts.get(0).isEmpty() || !parts.get(1).equals("v1")) {
            drainJson(head, in, deadline);
            HttpReply.error(out, 404, ErrorCode.RPC, "RPC error: no such path; the API lives under /v1", false);
            return true;
        }
        if (parts.size() >= 5 && parts.get(2).equals("sessions") && parts.get(4).equals("volume.upload")) {
            return upload(client, head, in, out, parts.get(3), query);
        }
        byte[] body = drainJson(head, in, deadline);
        try {
            if (parts.size() == 2 || parts.size() == 3 && parts.get(2).isEmpty()) {
                need(method, "GET");
                HttpReply.json(out, 200, new ServerInfo(PROTOCOL, epoch, client.name(), client.role().name(),
                        client.fingerprint()), false);
                return true;
            }
            if (parts.size() == 3 && parts.get(2).equals("open")) {
                need(method, "POST");
                return open(client, body, out);
            }
            if (parts.size() >= 4 && parts.get(2).equals("sessions")) {
                Session s = sessions.get(client, parts.get(3));
                if (parts.size() == 4) {
                    if (method.equals("DELETE")) {
                        sessions.close(s);
                        HttpReply.json(out, 200, new HttpReply.Result(null), false);
                    } else {
                        need(method, "GET");
                        HttpReply.json(out, 200, info(s), false);
                    }
                    return true;
                }
                if (parts.size() == 5 && parts.get(4).equals("events")) {
                    need(method, "GET");
                    events(s, query, out);
                    return false;
                }
                if (parts.size() == 5 && parts.get(4).equals("volume.download")) {
                    need(method, "GET");
                    return download(client, s, query, out);
                }
                if (parts.size() == 5) {
                    RemoteMethod m = RemoteMethod.byWireName(parts.get(4));
                    if (m == null || m.isStream()) {
                        throw new VirtException(ErrorCode.RPC, "RPC error: no such call; docs/remote.md lists them");
                    }
                    need(method, "POST");
                    return call(client, s, m, body, out);
                }
            }
            throw new VirtException(ErrorCode.RPC, "RPC error: no such path");
        } catch (VirtException e) {
            HttpReply.error(out, e, false);
            return true;
        } catch (RuntimeException e) {
            // a bug of ours must not cost the client its connection without an answer, nor the node anything
            LOG.log(System.Logger.Level.ERROR, "request " + method + " " + path + " failed", e);
            HttpReply.error(out, 500, ErrorCode.INTERNAL_ERROR, "internal error: the remote server failed on this"
                    + " request (" + e.getClass().getSimpleName() + "); see the node's log", false);
            return true;
        }
    }

    private static void need(String method, String wanted) {
        if (!method.equals(wanted)) {
            throw new VirtException(ErrorCode.RPC, "RPC error: use " + wanted + " here");
        }
    }

    /** Reads a JSON body whole, bounded by the setting; over it the connection ends with 413. */
    private byte[] drainJson(HttpHead head, InputStream in, Deadline deadline) throws IOException {
        try (AutoCloseable armed = deadline.arm(); InputStream body = head.body(in, settings.maxRequestBytes())) {
            return body.readAllBytes();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private SessionInfo info(Session s) {
        return new SessionInfo(s.id(), s.connection().isReadOnly(), epoch, s.connection().hypervisorType(),
                s.connection().uri(), settings.idleTimeoutSeconds(), settings.heartbeatSeconds());
    }

    private boolean open(ClientIdentity client, byte[] body, OutputStream out) throws IOException {
        Args a = Args.parse(body);
        OpenRequestBody req = new OpenRequestBody(a.string("uri"), a.optBool("readOnly"));
        limits.callStarted(client);
        try {
            Session s = sessions.open(client, req.uri(), req.readOnly());
            HttpReply.json(out, 200, info(s), false);
        } finally {
            limits.callDone(client);
        }
        return true;
    }

    private boolean call(ClientIdentity client, Session s, RemoteMethod m, byte[] body, OutputStream out)
            throws IOException {
        Args a = Args.parse(body);
        limits.callStarted(client);
        s.enter();
        Object result;
        try {
            result = calls.call(m, s, a);
        } finally {
            s.leave();
            limits.callDone(client);
        }
        HttpReply.json(out, 200, new HttpReply.Result(result), false);
        return true;
    }

    /**
     * Streams the session's events as JSON lines, from the one after {@code after}; heartbeats when quiet. Runs until
     * the session closes, the server stops or the reader goes away; the node never waits for it.
     */
    private void events(Session s, Map<String, String> query, OutputStream out) throws IOException {
        long after = queryLong(query, "after", 0);
        s.enter();
        try {
            HttpReply.streamHead(out, "application/x-ndjson");
            ChunkedOutputStream body = new ChunkedOutputStream(out);
            long heartbeat = settings.heartbeatSeconds() * 1000L;
            while (running.getAsBoolean() && !s.journal().isClosed()) {
                List<WireEvent> batch;
                try {
                    batch = s.journal().after(after, heartbeat);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (batch.isEmpty()) {
                    batch = List.of(WireEvent.heartbeat(after));
                }
                for (WireEvent e : batch) {
                    body.write(WireJson.write(e));
                    body.write('\n');
                    after = Math.max(after, e.seq());
                }
                body.flush();
            }
            body.close();
        } finally {
            s.leave();
        }
    }

    private boolean upload(ClientIdentity client, HttpHead head, InputStream in, OutputStream out, String sessionId,
            Map<String, String> query) throws IOException {
        try {
            Session s = sessions.get(client, sessionId);
            limits.callStarted(client);
            s.enter();
            try {
                StorageVolume v = s.volume(new VolumeRef(queryString(query, "pool"), queryString(query, "name"),
                        null));
                InputStream raw = head.body(in, -1);
                boolean expectsContinue = "100-continue".equalsIgnoreCase(head.header("expect"));
                try (InputStream body = expectsContinue ? new ContinueOnFirstRead(raw, out) : raw) {
                    v.upload(body, queryLong(query, "offset", 0), queryLong(query, "length", 0));
                }
            } finally {
                s.leave();
                limits.callDone(client);
            }
            HttpReply.json(out, 200, new HttpReply.Result(null), false);
            return true;
        } catch (VirtException e) {
            // the body may be partly unread: this connection cannot carry another request
            HttpReply.error(out, e, true);
            return false;
        }
    }

    private boolean download(ClientIdentity client, Session s, Map<String, String> query, OutputStream out)
            throws IOException {
        limits.callStarted(client);
        s.enter();
        LazyChunkedBody body = new LazyChunkedBody(out, "application/octet-stream");
        try {
            StorageVolume v = s.volume(new VolumeRef(queryString(query, "pool"), queryString(query, "name"), null));
            v.download(body, queryLong(query, "offset", 0), queryLong(query, "length", 0));
            body.close();
            return true;
        } catch (VirtException e) {
            if (body.committed()) {
                // part of the content is out: end the connection without the last chunk, so the client sees the cut
                return false;
            }
            HttpReply.error(out, e, false);
            return true;
        } finally {
            s.leave();
            limits.callDone(client);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        for (String pair : raw.split("&", 32)) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw VirtException.invalidArg("malformed query string");
                }
            }
        }
        return out;
    }

    private static String queryString(Map<String, String> q, String name) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) {
            throw VirtException.invalidArg("query parameter '" + name + "' is required");
        }
        return v;
    }

    private static long queryLong(Map<String, String> q, String name, long dflt) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw VirtException.invalidArg("query parameter '" + name + "' must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw VirtException.invalidArg("query parameter '" + name + "' must be an integer");
        }
    }
}
