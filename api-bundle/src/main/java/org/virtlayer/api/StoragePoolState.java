package org.virtlayer.api;

/** A pool's state, libvirt's {@code virStoragePoolState}, with virsh's words. */
public enum StoragePoolState {
    INACTIVE("inactive"), BUILDING("building"), RUNNING("running"), DEGRADED("degraded"),
    INACCESSIBLE("inaccessible");

    private final String label;

    StoragePoolState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
