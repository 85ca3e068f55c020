package org.virtlayer.api;

/**
 * Flags for {@link StoragePool#build}, libvirt's {@code VIR_STORAGE_POOL_BUILD_*}. {@link Connection#createStoragePool}
 * takes them too, for libvirt's {@code VIR_STORAGE_POOL_CREATE_WITH_BUILD*}: any flag there builds the pool before
 * starting it ({@link #NEW} is {@code WITH_BUILD}, {@link #OVERWRITE} {@code WITH_BUILD_OVERWRITE},
 * {@link #NO_OVERWRITE} {@code WITH_BUILD_NO_OVERWRITE}).
 */
public enum StoragePoolBuildFlag {
    /**
     * A plain build, libvirt's {@code VIR_STORAGE_POOL_BUILD_NEW}: the same as no flag for {@link StoragePool#build},
     * and what asks {@link Connection#createStoragePool} to build at all.
     */
    NEW,
    REPAIR,
    RESIZE,
    /** Refuse to build over data that is there. */
    NO_OVERWRITE,
    /** Build over whatever is there. */
    OVERWRITE
}
