package org.virtlayer.api;

/** Filters for {@link Connection#listStoragePools}; groups combine as for {@link DomainListFlag}. */
public enum StoragePoolListFlag {
    ACTIVE, INACTIVE, PERSISTENT, TRANSIENT, AUTOSTART, NO_AUTOSTART
}
