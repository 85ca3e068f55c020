package org.virtlayer.storage.dir.internal;

import java.io.IOException;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.XmlElement;
import org.virtlayer.xml.XmlWriter;

/** A volume's XML as libvirt's dir pools write it, from the file itself and what qemu-img read of it. */
final class VolumeXml {
    private VolumeXml() {
    }

    static String of(DirVolume v, ImageInfo info) {
        UnixAttributes a;
        try {
            a = UnixAttributes.of(v.path);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot stat file '" + v.path + "': " + e.getMessage(), e);
        }
        FileStamp stamp = FileStamp.of(v.path);
        XmlElement root = XmlElement.of("volume", "type", "file");
        root.add(new XmlElement("name").text(v.name));
        root.add(new XmlElement("key").text(v.path.toString()));
        root.add(bytes("capacity", info.capacity()));
        root.add(bytes("allocation", info.allocation()));
        root.add(bytes("physical", stamp == null ? 0 : stamp.size()));

        XmlElement target = root.add(new XmlElement("target"));
        target.add(new XmlElement("path").text(v.path.toString()));
        target.add(XmlElement.of("format", "type", v.format));
        XmlElement perms = target.add(new XmlElement("permissions"));
        perms.add(new XmlElement("mode").text(a.octalMode()));
        perms.add(new XmlElement("owner").text(Integer.toString(a.uid())));
        perms.add(new XmlElement("group").text(Integer.toString(a.gid())));
        XmlElement times = target.add(new XmlElement("timestamps"));
        times.add(new XmlElement("atime").text(UnixAttributes.timestamp(a.atime())));
        times.add(new XmlElement("mtime").text(UnixAttributes.timestamp(a.mtime())));
        times.add(new XmlElement("ctime").text(UnixAttributes.timestamp(a.ctime())));
        if (VolumeFormats.QCOW2.equals(v.format)) {
            if (info.compat() != null) {
                target.add(new XmlElement("compat").text(info.compat()));
            }
            if (info.clusterSize() > 0) {
                target.add(XmlElement.of("clusterSize", "unit", "B").text(Long.toString(info.clusterSize())));
            }
        }
        if (info.backingFile() != null) {
            XmlElement backing = root.add(new XmlElement("backingStore"));
            backing.add(new XmlElement("path").text(info.backingFile()));
            // a backing file whose format the image does not record gets no <format>: it is never guessed
            if (info.backingFormat() != null) {
                backing.add(XmlElement.of("format", "type", info.backingFormat()));
            }
        }
        return XmlWriter.format(root);
    }

    private static XmlElement bytes(String name, long value) {
        return XmlElement.of(name, "unit", "bytes").text(Long.toString(value));
    }
}
