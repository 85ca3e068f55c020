package org.virtlayer.spi;

import java.util.UUID;

/** Names one storage pool; {@code type} is its pool type ({@code dir}, {@code fs}, ...). */
public record PoolRef(String name, UUID uuid, String type) {
}
