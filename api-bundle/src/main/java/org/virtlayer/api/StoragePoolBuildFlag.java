package org.virtlayer.api;

/** Flags for {@link StoragePool#build}, libvirt's {@code VIR_STORAGE_POOL_BUILD_*}. */
public enum StoragePoolBuildFlag {
    REPAIR, RESIZE, NO_OVERWRITE, OVERWRITE
}
