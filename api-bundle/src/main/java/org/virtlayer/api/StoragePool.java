package org.virtlayer.api;

import java.util.List;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/** A handle on one storage pool, libvirt's {@code virStoragePoolPtr}. */
@ProviderType
public interface StoragePool {
    Connection connection();

    String name();

    UUID uuid();

    StoragePoolInfo info();

    boolean isActive();

    boolean isPersistent();

    boolean autostart();

    String xml(boolean inactive);

    /** Prepares the pool's storage (e.g. creates its directory with the definition's permissions). */
    void build(StoragePoolBuildFlag... flags);

    void start();

    void destroy();

    /** Deletes the pool's storage (the inverse of build); the pool must be inactive. */
    void delete(StoragePoolDeleteFlag... flags);

    void undefine();

    /** Rescans the pool's volumes. */
    void refresh();

    void setAutostart(boolean autostart);

    List<StorageVolume> listVolumes();

    StorageVolume lookupVolumeByName(String name);

    StorageVolume createVolume(String xml, StorageVolumeCreateFlag... flags);

    /** Creates a volume whose content is a copy of {@code source} (or a qcow2 overlay on it, if the XML says so). */
    StorageVolume createVolumeFrom(String xml, StorageVolume source, StorageVolumeCreateFlag... flags);
}
