package org.virtlayer.api;

/** Flags for {@link StorageVolume#resize}, libvirt's {@code VIR_STORAGE_VOL_RESIZE_*}. */
public enum StorageVolumeResizeFlag {
    /** Allocate the new space, not only raise the capacity. */
    ALLOCATE,
    /** The size is added to (or, with SHRINK, taken from) the current capacity. */
    DELTA,
    /** Allow the volume to get smaller. */
    SHRINK
}
