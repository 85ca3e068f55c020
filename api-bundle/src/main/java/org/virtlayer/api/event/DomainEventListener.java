package org.virtlayer.api.event;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives domain lifecycle events; see {@link org.virtlayer.api.Connection#addDomainEventListener}. */
@ConsumerType
@FunctionalInterface
public interface DomainEventListener {
    void onEvent(DomainEvent event);
}
