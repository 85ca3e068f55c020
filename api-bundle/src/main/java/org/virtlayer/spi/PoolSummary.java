package org.virtlayer.spi;

/** One pool in a list, with what {@link org.virtlayer.api.StoragePoolListFlag} filters on. */
public record PoolSummary(PoolRef ref, boolean active, boolean persistent, boolean autostart) {
}
