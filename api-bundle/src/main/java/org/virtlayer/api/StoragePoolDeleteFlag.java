package org.virtlayer.api;

/** Flags for {@link StoragePool#delete}, libvirt's {@code VIR_STORAGE_POOL_DELETE_*}. */
public enum StoragePoolDeleteFlag {
    /** Overwrite the pool's data with zeros before deleting it. */
    ZEROED
}
