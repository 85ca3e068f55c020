package org.virtlayer.api;

/** The kind of a volume, libvirt's {@code virStorageVolType}, with virsh's words. */
public enum StorageVolumeType {
    FILE("file"), BLOCK("block"), DIR("dir"), NETWORK("network"), NETDIR("netdir"), PLOOP("ploop");

    private final String label;

    StorageVolumeType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
