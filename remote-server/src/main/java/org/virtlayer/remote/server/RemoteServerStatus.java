package org.virtlayer.remote.server;

import java.nio.file.Path;

/**
 * The server as {@code virt:remote-status} shows it.
 *
 * @param pkiDirectory where the node's CA, server certificate and trust list live
 */
public record RemoteServerStatus(boolean running, String bindAddress, int port, int connections, int sessions,
        Path pkiDirectory, String caFingerprint) {
}
