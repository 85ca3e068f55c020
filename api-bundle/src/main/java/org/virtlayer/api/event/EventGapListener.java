package org.virtlayer.api.event;

import org.osgi.annotation.versioning.ConsumerType;
import org.virtlayer.api.Connection;

/**
 * Learns that some events of a connection may have been missed while the connection stays usable: a remote node was
 * reached again after it restarted, or a slow listener fell too far behind the node. A caller that keeps state from
 * events should read that state again. Local connections never miss events.
 */
@ConsumerType
@FunctionalInterface
public interface EventGapListener {
    /** @param reason what was missed and why, e.g. "node 10.0.0.5:16514 restarted; events since #17 are lost" */
    void onGap(Connection connection, String reason);
}
