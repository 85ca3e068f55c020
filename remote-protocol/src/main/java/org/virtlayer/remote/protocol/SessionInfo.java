package org.virtlayer.remote.protocol;

/**
 * The reply to {@code POST /v1/open}: the session to name in later paths, whether the node made it read-only (a
 * read-only client always gets a read-only session), the server's epoch (new at every server start: a client that
 * sees another epoch knows the events in between are lost) and the timings a client needs.
 */
public record SessionInfo(String session, boolean readOnly, String epoch, String hypervisorType, String uri,
        int idleTimeoutSeconds, int heartbeatSeconds) {
}
