package org.virtlayer.api.event;

import java.util.Objects;
import org.virtlayer.api.Domain;

/**
 * A domain lifecycle event. {@link #toString()} is the line {@code virsh event} prints:
 * {@code event 'lifecycle' for domain 'test': Stopped Destroyed}.
 */
public record DomainEvent(Domain domain, DomainEventDetail detail) {
    public DomainEvent {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(detail, "detail");
    }

    public DomainEventType type() {
        return detail.type();
    }

    @Override
    public String toString() {
        return "event 'lifecycle' for domain '" + domain.name() + "': " + detail.type().label() + " " + detail.label();
    }
}
