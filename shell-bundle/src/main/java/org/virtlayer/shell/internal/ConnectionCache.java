package org.virtlayer.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ConnectionFactory;
import org.virtlayer.api.VirtException;

/**
 * One open connection per URI, shared by the console's sessions. A connection that is no longer alive (its driver
 * was uninstalled, updated or refreshed, or its node was lost) is dropped and the URI opened afresh on next use.
 */
final class ConnectionCache {
    private final ConnectionFactory factory;
    private final Map<String, Connection> open = new LinkedHashMap<>();
    private volatile boolean closed;

    ConnectionCache(ConnectionFactory factory) {
        this.factory = factory;
    }

    Connection get(String uri) {
        String key = uri.strip();
        Connection known;
        synchronized (this) {
            checkOpen();
            known = open.get(key);
        }
        // asked outside the lock: for a remote node, whether it is alive is a question over the network
        if (known != null && known.isAlive()) {
            return known;
        }
        if (known != null) {
            synchronized (this) {
                open.remove(key, known);
            }
            closeQuietly(known);
        }
        Connection fresh;
        try {
            fresh = factory.open(key);
        } catch (VirtException e) {
            throw new CommandFailure("failed to connect to '" + key + "'", e);
        }
        Connection kept;
        synchronized (this) {
            kept = closed ? null : open.putIfAbsent(key, fresh);
            if (!closed && kept == null) {
                return fresh;
            }
        }
        // the console is stopping, or another session opened the same URI meanwhile: keep one connection only
        closeQuietly(fresh);
        checkOpen();
        return kept;
    }

    synchronized List<String> uris() {
        return new ArrayList<>(open.keySet());
    }

    void closeAll() {
        List<Connection> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(open.values());
            open.clear();
        }
        all.forEach(ConnectionCache::closeQuietly);
    }

    private void checkOpen() {
        if (closed) {
            throw new CommandFailure("the virt: console is stopping");
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (RuntimeException e) {
            // closing a connection whose driver left may fail; it is gone either way
        }
    }
}
