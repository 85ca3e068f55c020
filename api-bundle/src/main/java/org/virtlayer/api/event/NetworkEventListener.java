package org.virtlayer.api.event;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives network lifecycle events. */
@ConsumerType
@FunctionalInterface
public interface NetworkEventListener {
    void onEvent(NetworkEvent event);
}
