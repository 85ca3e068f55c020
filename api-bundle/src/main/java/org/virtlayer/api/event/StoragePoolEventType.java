package org.virtlayer.api.event;

/** A storage pool lifecycle event's type, libvirt's {@code virStoragePoolEventLifecycleType}. */
public enum StoragePoolEventType {
    DEFINED("Defined"), UNDEFINED("Undefined"), STARTED("Started"), STOPPED("Stopped"), CREATED("Created"),
    DELETED("Deleted");

    private final String label;

    StoragePoolEventType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
