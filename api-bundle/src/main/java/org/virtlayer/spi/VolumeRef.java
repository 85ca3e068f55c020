package org.virtlayer.spi;

/** Names one volume: its pool's name, its own name, and its key (unique on the node). */
public record VolumeRef(String pool, String name, String key) {
}
