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
    private boolean closed;

    ConnectionCache(ConnectionFactory factory) {
        this.factory = factory;
    }

    Connection get(String uri) {
        String key = uri.strip();
        Connection stale;
        synchronized (this) {
            checkOpen();
            Connection c = open.get(key);
            if (c != null && c.isAlive()) {
                return c;
            }
            stale = open.remove(key);
        }
        closeQuietly(stale);
        // opened outside the lock: a driver slow to open must not hold up commands on other URIs
        Connection fresh;
        try {
            fresh = factory.open(key);
        } catch (VirtException e) {
            throw new CommandFailure("failed to connect to '" + key + "'", e);
        }
        Connection winner;
        synchronized (this) {
            if (closed) {
                winner = null;
            } else {
                winner = open.putIfAbsent(key, fresh);
                if (winner == null || !winner.isAlive()) {
                    open.put(key, fresh);
                    return fresh;
                }
            }
        }
        // another session opened the same URI meanwhile, or the console is going away: keep one connection only
        closeQuietly(fresh);
        if (winner == null) {
            checkOpen();
        }
        return winner;
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
