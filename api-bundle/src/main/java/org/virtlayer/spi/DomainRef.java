package org.virtlayer.spi;

import java.util.Objects;
import java.util.UUID;

/** Names one domain: what the core and a driver pass each other. {@code id} is -1 while the domain is shut off. */
public record DomainRef(String name, UUID uuid, int id) {
    public DomainRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
    }

    /** How libvirt's messages name a domain: {@code 'name'}. */
    @Override
    public String toString() {
        return "'" + name + "'";
    }
}
