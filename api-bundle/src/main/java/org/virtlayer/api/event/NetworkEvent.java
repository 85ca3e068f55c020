package org.virtlayer.api.event;

import org.virtlayer.api.Network;

/** A network lifecycle event; {@link #toString()} is the line {@code virsh net-event} prints. */
public record NetworkEvent(Network network, NetworkEventType type) {
    @Override
    public String toString() {
        return "event 'lifecycle' for network " + network.name() + ": " + type.label();
    }
}
