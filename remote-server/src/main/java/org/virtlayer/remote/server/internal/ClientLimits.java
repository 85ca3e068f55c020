package org.virtlayer.remote.server.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/** Per client certificate: open connections and calls running at once, each under its bound. */
final class ClientLimits {
    private final ServerSettings settings;
    private final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> calls = new ConcurrentHashMap<>();

    ClientLimits(ServerSettings settings) {
        this.settings = settings;
    }

    /** Counts a connection in; false (and nothing counted) when the client has too many. */
    boolean connectionOpened(ClientIdentity c) {
        AtomicInteger n = connections.computeIfAbsent(c.fingerprint(), k -> new AtomicInteger());
        if (n.incrementAndGet() > settings.maxConnectionsPerClient()) {
            n.decrementAndGet();
            return false;
        }
        return true;
    }

    void connectionClosed(ClientIdentity c) {
        AtomicInteger n = connections.get(c.fingerprint());
        if (n != null) {
            n.decrementAndGet();
        }
    }

    /**
     * Takes a call slot; release it with {@link #callDone}.
     *
     * @throws VirtException RESOURCE_BUSY when the client already has its maximum of calls running
     */
    void callStarted(ClientIdentity c) {
        Semaphore s = calls.computeIfAbsent(c.fingerprint(), k -> new Semaphore(settings.maxCallsPerClient()));
        if (!s.tryAcquire()) {
            throw new VirtException(ErrorCode.RESOURCE_BUSY, "client '" + c.name() + "' has "
                    + settings.maxCallsPerClient() + " calls running already (the node's limit); retry when one ends");
        }
    }

    void callDone(ClientIdentity c) {
        Semaphore s = calls.get(c.fingerprint());
        if (s != null) {
            s.release();
        }
    }
}
