package org.virtlayer.spi;

import java.util.UUID;

/** Names one network. */
public record NetworkRef(String name, UUID uuid) {
}
