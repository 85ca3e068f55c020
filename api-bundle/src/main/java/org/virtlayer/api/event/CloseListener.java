package org.virtlayer.api.event;

import org.osgi.annotation.versioning.ConsumerType;
import org.virtlayer.api.CloseReason;
import org.virtlayer.api.Connection;

/** Learns that a connection closed for a reason other than its own {@code close()}. */
@ConsumerType
@FunctionalInterface
public interface CloseListener {
    void onClose(Connection connection, CloseReason reason);
}
