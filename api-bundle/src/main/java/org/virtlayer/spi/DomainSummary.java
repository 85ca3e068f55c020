package org.virtlayer.spi;

import org.virtlayer.api.DomainState;

/** One domain in a list: enough to apply every {@link org.virtlayer.api.DomainListFlag}. */
public record DomainSummary(DomainRef ref, DomainState state, boolean persistent, boolean autostart,
        boolean managedSave, boolean hasSnapshot) {
}
