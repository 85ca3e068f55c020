package org.virtlayer.api;

/** A pool's state and sizes in bytes ({@code virStoragePoolGetInfo}). */
public record StoragePoolInfo(StoragePoolState state, long capacity, long allocation, long available) {
}
