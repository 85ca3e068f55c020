package org.virtlayer.api;

/** Flags for volume creation, libvirt's {@code VIR_STORAGE_VOL_CREATE_*}. */
public enum StorageVolumeCreateFlag {
    PREALLOC_METADATA, REFLINK, VALIDATE
}
