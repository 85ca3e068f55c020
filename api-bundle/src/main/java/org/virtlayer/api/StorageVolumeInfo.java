package org.virtlayer.api;

/** A volume's kind and sizes in bytes ({@code virStorageVolGetInfo}). */
public record StorageVolumeInfo(StorageVolumeType type, long capacity, long allocation) {
}
