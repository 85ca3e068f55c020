package org.virtlayer.spi;

/** One network in a list, with what {@link org.virtlayer.api.NetworkListFlag} filters on. */
public record NetworkSummary(NetworkRef ref, boolean active, boolean persistent, boolean autostart) {
}
