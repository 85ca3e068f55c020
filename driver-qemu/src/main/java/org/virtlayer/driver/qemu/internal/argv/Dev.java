package org.virtlayer.driver.qemu.internal.argv;

import java.util.Locale;
import org.virtlayer.xml.XmlElement;

/** Small readers for device elements of a domain definition, with libvirt's defaults. */
public final class Dev {
    private Dev() {
    }

    /** An attribute of a child element, or null. */
    public static String attr(XmlElement e, String child, String attribute) {
        XmlElement c = e.child(child);
        return c == null ? null : c.attr(attribute);
    }

    public static String alias(XmlElement dev) {
        return attr(dev, "alias", "name");
    }

    public static void setAlias(XmlElement dev, String alias) {
        dev.removeChildren("alias");
        XmlElement address = dev.child("address");
        int at = address == null ? dev.children().size() : dev.indexOf(address);
        dev.add(at, XmlElement.of("alias", "name", alias));
    }

    /** A disk's bus: as given, or from its target name as libvirt derives it ({@code vda}: virtio). */
    public static String diskBus(XmlElement disk) {
        String bus = attr(disk, "target", "bus");
        if (bus != null) {
            return bus;
        }
        String dev = attr(disk, "target", "dev");
        if (dev == null) {
            return "ide";
        }
        if (dev.startsWith("vd")) {
            return "virtio";
        }
        if (dev.startsWith("sd")) {
            return "scsi";
        }
        if (dev.startsWith("fd")) {
            return "fdc";
        }
        return "ide";
    }

    /** The index a target name encodes: {@code vda} 0, {@code hdc} 2, {@code sdaa} 26. */
    public static int diskIndex(XmlElement disk) {
        String dev = attr(disk, "target", "dev");
        if (dev == null) {
            return 0;
        }
        String letters = dev.replaceFirst("^(vd|hd|sd|fd|xvd|ubd)", "");
        int idx = 0;
        for (char c : letters.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c < 'a' || c > 'z') {
                break;
            }
            idx = idx * 26 + (c - 'a' + 1);
        }
        return Math.max(0, idx - 1);
    }

    /** {@code disk}, {@code cdrom}, {@code floppy}, {@code lun}. */
    public static String diskDevice(XmlElement disk) {
        String d = disk.attr("device");
        return d == null ? "disk" : d;
    }

    /** The disk's source path (file or block device), or null for an empty drive. */
    public static String diskSource(XmlElement disk) {
        XmlElement s = disk.child("source");
        if (s == null) {
            return null;
        }
        return s.attr("file") != null ? s.attr("file") : s.attr("dev");
    }

    /** The image format, never probed: as given, else raw. */
    public static String diskFormat(XmlElement disk) {
        String t = attr(disk, "driver", "type");
        return t == null ? "raw" : t;
    }

    public static boolean readonly(XmlElement disk) {
        return disk.child("readonly") != null || "cdrom".equals(diskDevice(disk));
    }

    public static Integer bootOrder(XmlElement dev) {
        String o = attr(dev, "boot", "order");
        return o == null ? null : Integer.valueOf(o.strip());
    }

    public static int intAttr(XmlElement e, String attribute, int fallback) {
        String v = e == null ? null : e.attr(attribute);
        if (v == null) {
            return fallback;
        }
        v = v.strip();
        return v.startsWith("0x") ? Integer.parseInt(v.substring(2), 16) : Integer.parseInt(v);
    }

    /** An interface's model: as given, else libvirt's default for x86, rtl8139. */
    public static String nicModel(XmlElement nic) {
        String m = attr(nic, "model", "type");
        return m == null ? "rtl8139" : m;
    }

    public static String model(XmlElement dev) {
        return dev.attr("model");
    }
}
