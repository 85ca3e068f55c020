package org.virtlayer.driver.qemu.internal.node;

import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.StorageVolumeType;
import org.virtlayer.api.VirtException;
import org.virtlayer.spi.PoolRef;
import org.virtlayer.spi.StorageService;
import org.virtlayer.spi.VolumeRef;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.SafeXmlParser;
import org.virtlayer.xml.XmlElement;

/**
 * The seam to the storage backends: a {@code <disk type='volume'><source pool='P' volume='V'/>} becomes the volume's
 * file or block device, with the format the storage backend records for the volume (its {@code <target><format>}),
 * asked through the node's own context. QEMU is always told the format; it never guesses it from the content, which a
 * guest controls (a raw disk written with a qcow2 header naming a host file as backing store). A disk whose
 * {@code <driver type>} names another format than the volume's is refused for the same reason. The live definition
 * keeps the pool and volume and gains the resolved path and format. (Networks: {@link TapNics}.)
 */
final class SourceResolver {
    private SourceResolver() {
    }

    /** Resolves the volume disks of a live definition. */
    static void resolve(DomainDef live, StorageService storage) {
        for (XmlElement dev : live.devices("disk")) {
            resolve(dev, storage);
        }
    }

    /** Resolves one device if it is a disk of type volume; others are left alone. */
    static void resolve(XmlElement dev, StorageService storage) {
        if (dev.name().equals("disk") && "volume".equals(dev.attr("type"))) {
            volume(dev, storage);
        }
    }

    private static void volume(XmlElement disk, StorageService storage) {
        XmlElement src = disk.child("source");
        String pool = src == null ? null : src.attr("pool");
        String vol = src == null ? null : src.attr("volume");
        if (pool == null || vol == null) {
            throw VirtException.xml("a disk of type 'volume' needs <source pool='...' volume='...'/>");
        }
        PoolRef p = storage.lookupPoolByName(pool);
        VolumeRef v = storage.lookupVolumeByName(p, vol);
        String format = recordedFormat(storage.volumeXml(v));
        if (format == null) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: volume '" + vol
                    + "' of pool '" + pool + "' has no recorded format, and a disk's format is never guessed");
        }
        XmlElement driver = disk.child("driver");
        String wanted = driver == null ? null : driver.attr("type");
        if (wanted != null && !wanted.equals(format)) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: disk format '" + wanted
                    + "' differs from the format '" + format + "' of volume '" + vol + "' of pool '" + pool + "'");
        }
        if (driver == null) {
            driver = XmlElement.of("driver", "name", "qemu");
            disk.add(0, driver);
        }
        driver.attr("type", format);
        String path = storage.volumePath(v);
        boolean block = storage.volumeInfo(v).type() == StorageVolumeType.BLOCK;
        disk.attr("type", block ? "block" : "file");
        src.attr(block ? "dev" : "file", path);
    }

    /** The format of a volume's XML, {@code <volume><target><format type='qcow2'/>}, or null. */
    private static String recordedFormat(String volumeXml) {
        XmlElement target = SafeXmlParser.parse(volumeXml).child("target");
        XmlElement format = target == null ? null : target.child("format");
        return format == null ? null : format.attr("type");
    }

    /** For a dry run of the command line: a stand-in where the storage backend would answer. */
    static void placeholders(DomainDef def) {
        for (XmlElement disk : def.devices("disk")) {
            if ("volume".equals(disk.attr("type")) && disk.child("source") != null) {
                disk.attr("type", "file");
                disk.child("source").attr("file", "/dev/null");
            }
        }
    }
}
