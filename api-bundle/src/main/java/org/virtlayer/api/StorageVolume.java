package org.virtlayer.api;

import java.io.InputStream;
import java.io.OutputStream;
import org.osgi.annotation.versioning.ProviderType;

/** A handle on one volume of a pool, libvirt's {@code virStorageVolPtr}. */
@ProviderType
public interface StorageVolume {
    Connection connection();

    String name();

    /** A key unique on the node (for file volumes, the path). */
    String key();

    /** The pool that holds this volume. */
    StoragePool pool();

    /** The volume's path on the node. */
    String path();

    StorageVolumeInfo info();

    String xml();

    void delete();

    /** Overwrites the volume's content with zeros. */
    void wipe();

    /** Changes the capacity in bytes. */
    void resize(long capacity, StorageVolumeResizeFlag... flags);

    /**
     * Writes {@code length} bytes from {@code source} into the volume at {@code offset} (length 0: to the end of the
     * stream). The content streams through; it is never held in memory whole.
     */
    void upload(InputStream source, long offset, long length);

    /** Copies {@code length} bytes of the volume from {@code offset} (length 0: to its end) into {@code sink}. */
    void download(OutputStream sink, long offset, long length);
}
