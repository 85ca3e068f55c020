package org.virtlayer.remote.server.internal;

import java.nio.file.Path;
import java.util.List;

/**
 * The server's settings as plain values (Config Admin's {@link ServerConfig} turns into one; tests build one).
 *
 * @param pkiDirectory the node's CA, server certificate and trust list
 * @param hostNames extra names or addresses the server certificate must cover (besides localhost, this host's name,
 *        127.0.0.1, ::1 and the bind address)
 * @param maxRequestBytes largest JSON request body
 * @param maxConnections open TLS connections at once, all clients together; more are closed at once
 * @param maxConnectionsPerClient open connections of one client certificate
 * @param maxCallsPerClient calls of one client running at once; more get RESOURCE_BUSY (HTTP 429)
 * @param idleTimeoutSeconds a connection with no request for this long is closed
 * @param handshakeTimeoutSeconds a TLS handshake (or a request head) that takes longer is dropped
 * @param eventBufferSize events kept per session for a slow or reconnecting reader
 * @param heartbeatSeconds an event stream with nothing to say sends a heartbeat this often
 * @param sessionIdleSeconds a session without calls or event reader for this long is closed
 * @param maxSessionsPerClient sessions (open connections to the node's API) of one client
 */
public record ServerSettings(String bindAddress, int port, Path pkiDirectory, List<String> hostNames,
        int maxRequestBytes, int maxConnections, int maxConnectionsPerClient, int maxCallsPerClient,
        int idleTimeoutSeconds, int handshakeTimeoutSeconds, int eventBufferSize, int heartbeatSeconds,
        int sessionIdleSeconds, int maxSessionsPerClient) {

    public static final int DEFAULT_PORT = 16514;

    /** The defaults of {@link ServerConfig}, with this port and PKI folder. */
    public static ServerSettings defaults(int port, Path pkiDirectory) {
        return new ServerSettings("127.0.0.1", port, pkiDirectory, List.of(), 4 * 1024 * 1024, 256, 128, 64, 120, 10,
                1024, 15, 300, 64);
    }

    public ServerSettings withLimits(int maxRequestBytes, int maxConnections, int maxCallsPerClient,
            int idleTimeoutSeconds) {
        return new ServerSettings(bindAddress, port, pkiDirectory, hostNames, maxRequestBytes, maxConnections,
                maxConnectionsPerClient, maxCallsPerClient, idleTimeoutSeconds, handshakeTimeoutSeconds,
                eventBufferSize, heartbeatSeconds, sessionIdleSeconds, maxSessionsPerClient);
    }

    public ServerSettings withEvents(int eventBufferSize, int heartbeatSeconds) {
        return new ServerSettings(bindAddress, port, pkiDirectory, hostNames, maxRequestBytes, maxConnections,
                maxConnectionsPerClient, maxCallsPerClient, idleTimeoutSeconds, handshakeTimeoutSeconds,
                eventBufferSize, heartbeatSeconds, sessionIdleSeconds, maxSessionsPerClient);
    }
}
