package org.virtlayer.storage.dir.internal;

import org.virtlayer.api.VirtException;

/**
 * A volume's sizes and backing store as qemu-img reads them with the volume's known format, cached for as long as
 * the file does not change.
 */
final class VolumeInspector {
    private static final System.Logger LOG = System.getLogger(VolumeInspector.class.getName());

    private final QemuImg qemuImg;

    VolumeInspector(QemuImg qemuImg) {
        this.qemuImg = qemuImg;
    }

    /**
     * The volume's image information. A file qemu-img cannot read in its format (e.g. a qcow2 volume overwritten
     * with other bytes by an upload) is shown as its bytes: capacity and allocation are its size.
     */
    ImageInfo inspect(DirVolume v) {
        FileStamp now = FileStamp.of(v.path);
        ImageInfo known = v.cached(now);
        if (known != null) {
            return known;
        }
        ImageInfo info;
        try {
            info = qemuImg.info(v.path, v.format);
        } catch (VirtException e) {
            LOG.log(System.Logger.Level.WARNING, "qemu-img cannot read " + v.path + " as " + v.format + ": "
                    + e.getMessage());
            long size = now == null ? 0 : now.size();
            info = new ImageInfo(v.format, size, size, null, null, 0, null);
        }
        v.remember(info, now);
        return info;
    }
}
