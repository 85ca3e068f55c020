package org.virtlayer.driver.qemu.internal.argv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.XmlElement;

/**
 * How one device becomes QEMU objects, in libvirt's shapes: {@code -blockdev} and {@code -device} JSON for a disk,
 * {@code -netdev} and {@code -device} for an interface, a {@code -chardev} option string for a character device. The
 * command line and hot-plug ({@code blockdev-add}, {@code device_add}, {@code netdev_add}) use the same maps.
 */
public final class DeviceArgs {
    private DeviceArgs() {
    }

    // ---- PCI placement

    /** The QEMU bus name of a device's PCI address: {@code pci.0} (i440fx root), {@code pcie.0} (q35), {@code pci.N}. */
    static void putPci(Map<String, Object> m, XmlElement dev, boolean q35) {
        XmlElement a = dev.child("address");
        if (a == null || !"pci".equals(a.attr("type"))) {
            return;
        }
        int bus = Dev.intAttr(a, "bus", 0);
        int slot = Dev.intAttr(a, "slot", 0);
        int fn = Dev.intAttr(a, "function", 0);
        m.put("bus", bus == 0 ? (q35 ? "pcie.0" : "pci.0") : "pci." + bus);
        if ("on".equals(a.attr("multifunction"))) {
            m.put("multifunction", true);
        }
        m.put("addr", "0x" + Integer.toHexString(slot) + (fn != 0 ? ".0x" + Integer.toHexString(fn) : ""));
        String acpiIndex = Dev.attr(dev, "acpi", "index");
        if (acpiIndex != null) {
            m.put("acpi-index", Integer.parseInt(acpiIndex));
        }
    }

    // ---- disks

    /** The block node names of a disk with a source: {@code libvirt-N-storage}, {@code libvirt-N-format}. */
    public static String storageNode(XmlElement disk) {
        return "libvirt-" + disk.child("source").attr("index") + "-storage";
    }

    public static String formatNode(XmlElement disk) {
        return "libvirt-" + disk.child("source").attr("index") + "-format";
    }

    private static Map<String, Object> cache(XmlElement disk) {
        String mode = Dev.attr(disk, "driver", "cache");
        if (mode == null && disk.child("shareable") != null) {
            mode = "none";
        }
        if (mode == null || mode.equals("default")) {
            return null;
        }
        boolean direct = mode.equals("none") || mode.equals("directsync");
        boolean noFlush = mode.equals("unsafe");
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("direct", direct);
        c.put("no-flush", noFlush);
        return c;
    }

    private static String writeCache(XmlElement disk) {
        String mode = Dev.attr(disk, "driver", "cache");
        if (mode == null && disk.child("shareable") != null) {
            mode = "none";
        }
        if (mode == null || mode.equals("default")) {
            return null;
        }
        return mode.equals("writethrough") || mode.equals("directsync") ? "off" : "on";
    }

    /** The two {@code -blockdev} nodes of a disk (storage, then format), or none for an empty drive. */
    public static List<Map<String, Object>> blockdevs(XmlElement disk) {
        String path = Dev.diskSource(disk);
        if (path == null) {
            String type = disk.attr("type");
            if (type != null && !type.equals("file") && !type.equals("block") && disk.child("source") != null) {
                throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: disk type '"
                        + type + "' (" + diskName(disk) + ") is not supported by this driver");
            }
            return List.of();
        }
        boolean block = "block".equals(disk.attr("type"));
        String format = Dev.diskFormat(disk);
        if (!format.equals("raw") && !format.equals("qcow2")) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: disk format '"
                    + format + "' of " + diskName(disk) + "; use raw or qcow2");
        }
        Map<String, Object> storage = new LinkedHashMap<>();
        storage.put("driver", block ? ("cdrom".equals(Dev.diskDevice(disk)) && isCdrom(path) ? "host_cdrom"
                : "host_device") : "file");
        storage.put("filename", path);
        storage.put("node-name", storageNode(disk));
        Map<String, Object> cache = cache(disk);
        if (cache != null) {
            storage.put("cache", cache);
        }
        storage.put("auto-read-only", true);
        storage.put("discard", "unmap");
        Map<String, Object> fmt = new LinkedHashMap<>();
        fmt.put("node-name", formatNode(disk));
        fmt.put("read-only", Dev.readonly(disk));
        if (cache != null) {
            fmt.put("cache", new LinkedHashMap<>(cache));
        }
        fmt.put("driver", format);
        fmt.put("file", storageNode(disk));
        return List.of(storage, fmt);
    }

    /** A host CD-ROM drive ({@code /dev/cdrom}, {@code /dev/srN}), which QEMU opens as {@code host_cdrom}. */
    private static boolean isCdrom(String path) {
        if (path.equals("/dev/cdrom")) {
            return true;
        }
        try {
            return Path.of(path).toRealPath().getFileName().toString().matches("sr\\d+");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The disk's {@code -device}. */
    public static Map<String, Object> diskDevice(XmlElement disk, Integer bootIndex, boolean q35, String scsiModel) {
        String bus = Dev.diskBus(disk);
        String device = Dev.diskDevice(disk);
        boolean hasDrive = Dev.diskSource(disk) != null;
        XmlElement addr = disk.child("address");
        Map<String, Object> m = new LinkedHashMap<>();
        switch (bus) {
            case "virtio" -> {
                m.put("driver", "virtio-blk-pci");
                String eventIdx = Dev.attr(disk, "driver", "event_idx");
                if (eventIdx != null) {
                    m.put("event_idx", "on".equals(eventIdx));
                }
                putPci(m, disk, q35);
            }
            case "ide", "sata" -> {
                m.put("driver", "cdrom".equals(device) ? "ide-cd" : "ide-hd");
                int b = Dev.intAttr(addr, "bus", 0);
                int unit = Dev.intAttr(addr, "unit", 0);
                if (bus.equals("sata")) {
                    m.put("bus", (q35 && Dev.intAttr(addr, "controller", 0) == 0 ? "ide" : "sata"
                            + Dev.intAttr(addr, "controller", 0)) + "." + unit);
                } else {
                    m.put("bus", "ide." + b);
                    m.put("unit", unit);
                }
            }
            case "scsi" -> {
                m.put("driver", "cdrom".equals(device) ? "scsi-cd" : "scsi-hd");
                int ctrl = Dev.intAttr(addr, "controller", 0);
                m.put("bus", "scsi" + ctrl + "." + Dev.intAttr(addr, "bus", 0));
                if ("lsilogic".equals(scsiModel)) {
                    m.put("scsi-id", Dev.intAttr(addr, "unit", 0));
                } else {
                    m.put("channel", Dev.intAttr(addr, "bus", 0));
                    m.put("scsi-id", Dev.intAttr(addr, "target", 0));
                    m.put("lun", Dev.intAttr(addr, "unit", 0));
                }
                String serial = disk.childText("serial");
                m.put("device_id", serial != null ? serial : "drive-" + Dev.alias(disk));
            }
            case "fdc" -> {
                m.put("driver", "floppy");
                m.put("unit", Dev.intAttr(addr, "unit", 0));
            }
            default -> throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: disk bus '"
                    + bus + "' of " + diskName(disk));
        }
        if (disk.child("shareable") != null) {
            m.put("share-rw", true);
        }
        if (hasDrive) {
            m.put("drive", formatNode(disk));
        }
        m.put("id", Dev.alias(disk));
        if (bootIndex != null && !bus.equals("fdc")) {
            m.put("bootindex", bootIndex);
        }
        String wc = writeCache(disk);
        if (wc != null && !bus.equals("fdc")) {
            m.put("write-cache", wc);
        }
        String serial = disk.childText("serial");
        if (serial != null) {
            m.put("serial", serial);
        }
        return m;
    }

    // ---- interfaces

    /** True for the interfaces whose host side is a tap device the driver makes: bridge, network, ethernet. */
    public static boolean isTap(XmlElement nic) {
        String t = nic.attr("type");
        return "bridge".equals(t) || "network".equals(t) || "ethernet".equals(t);
    }

    /**
     * The host side of an interface: {@code -netdev} (or {@code netdev_add}) arguments.
     *
     * @param tapFd for a tap interface, the descriptor QEMU has its tap on (a number, or a name given with
     *     {@code getfd}): the driver makes every tap itself, in the namespace of its bridge
     * @param kvm whether the domain runs under KVM: only then does vhost-net carry a virtio NIC's packets, as with
     *     libvirt (a TCG guest's QEMU moves them itself)
     */
    public static Map<String, Object> netdev(XmlElement nic, String tapFd, boolean kvm) {
        String type = nic.attr("type");
        Map<String, Object> m = new LinkedHashMap<>();
        switch (type == null ? "user" : type) {
            case "user" -> m.put("type", "user");
            case "bridge", "ethernet", "network" -> {
                if (tapFd == null) {
                    throw new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: interface "
                            + Dev.alias(nic) + " has no tap device");
                }
                m.put("type", "tap");
                m.put("fd", tapFd);
                if (kvm && "virtio".equals(Dev.nicModel(nic)) && Files.exists(Path.of("/dev/vhost-net"))
                        && !"qemu".equals(Dev.attr(nic, "driver", "name"))) {
                    m.put("vhost", true);
                }
            }
            default -> throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: interface"
                    + " type '" + type + "' is not supported by this driver");
        }
        m.put("id", "host" + Dev.alias(nic));
        return m;
    }

    /** {@code -netdev} as the keyval string QEMU before 7.1 takes. */
    public static String netdevKeyval(Map<String, Object> netdev) {
        QemuOptions o = QemuOptions.of(netdev.get("type").toString());
        netdev.forEach((k, v) -> {
            if (!k.equals("type")) {
                o.add(k, v instanceof Boolean b ? (b ? "on" : "off") : v);
            }
        });
        return o.toString();
    }

    private static final Map<String, String> NIC_DRIVERS = Map.of("virtio", "virtio-net-pci", "e1000", "e1000",
            "e1000e", "e1000e", "rtl8139", "rtl8139", "ne2k_pci", "ne2k_pci", "pcnet", "pcnet", "vmxnet3", "vmxnet3");

    public static Map<String, Object> nicDevice(XmlElement nic, Integer bootIndex, boolean q35) {
        String model = Dev.nicModel(nic);
        String driver = NIC_DRIVERS.get(model);
        if (driver == null) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: interface model '"
                    + model + "'");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("driver", driver);
        m.put("netdev", "host" + Dev.alias(nic));
        m.put("id", Dev.alias(nic));
        m.put("mac", Dev.attr(nic, "mac", "address"));
        if (bootIndex != null) {
            m.put("bootindex", bootIndex);
        }
        putPci(m, nic, q35);
        return m;
    }

    // ---- character devices

    /**
     * A {@code -chardev} option string for a serial, console or channel: pty, file, unix socket, tcp, null.
     *
     * @param id the chardev id, {@code char} + the device's alias
     */
    public static String chardev(XmlElement dev, String id) {
        String type = dev.attr("type");
        XmlElement src = dev.child("source");
        QemuOptions o;
        switch (type == null ? "pty" : type) {
            case "pty" -> o = QemuOptions.of("pty").add("id", id);
            case "null" -> o = QemuOptions.of("null").add("id", id);
            case "file" -> {
                o = QemuOptions.of("file").add("id", id).add("path", require(src, "path", dev));
                if ("on".equals(src.attr("append"))) {
                    o.add("append", "on");
                }
            }
            case "dev" -> o = QemuOptions.of("serial").add("id", id).add("path", require(src, "path", dev));
            case "pipe" -> o = QemuOptions.of("pipe").add("id", id).add("path", require(src, "path", dev));
            case "unix" -> {
                o = QemuOptions.of("socket").add("id", id).add("path", require(src, "path", dev));
                if (!"connect".equals(src.attr("mode"))) {
                    o.add("server", "on").add("wait", "off");
                }
            }
            case "tcp" -> {
                o = QemuOptions.of("socket").add("id", id).add("host", require(src, "host", dev))
                        .add("port", require(src, "service", dev));
                if ("telnet".equals(Dev.attr(dev, "protocol", "type"))) {
                    o.add("telnet", "on");
                }
                if ("bind".equals(src.attr("mode"))) {
                    o.add("server", "on").add("wait", "off");
                }
            }
            default -> throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: "
                    + dev.name() + " type '" + type + "' is not supported by this driver");
        }
        XmlElement log = dev.child("log");
        if (log != null && log.attr("file") != null) {
            o.add("logfile", log.attr("file"));
            if (log.attr("append") != null) {
                o.add("logappend", log.attr("append"));
            }
        }
        return o.toString();
    }

    private static String require(XmlElement src, String attribute, XmlElement dev) {
        String v = src == null ? null : src.attr(attribute);
        if (v == null) {
            throw new VirtException(ErrorCode.XML_ERROR, "XML error: " + dev.name() + " of type '" + dev.attr("type")
                    + "' needs <source " + attribute + "='...'/>");
        }
        return v;
    }

    // ---- other devices

    /** {@code -device} for a video card. */
    public static Map<String, Object> video(XmlElement video, boolean q35) {
        String type = Dev.attr(video, "model", "type");
        Map<String, Object> m = new LinkedHashMap<>();
        String driver = switch (type == null ? "vga" : type) {
            case "cirrus" -> "cirrus-vga";
            case "vga" -> "VGA";
            case "virtio" -> "virtio-vga";
            case "bochs" -> "bochs-display";
            case "qxl" -> "qxl-vga";
            case "ramfb" -> "ramfb";
            default -> throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: video"
                    + " model '" + type + "'");
        };
        m.put("driver", driver);
        m.put("id", Dev.alias(video));
        if (driver.equals("VGA")) {
            String vram = Dev.attr(video, "model", "vram");
            m.put("vgamem_mb", vram == null ? 16 : Math.max(1, Integer.parseInt(vram) / 1024));
        }
        putPci(m, video, q35);
        return m;
    }

    public static Map<String, Object> balloon(XmlElement b, boolean q35) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("driver", "virtio-balloon-pci");
        m.put("id", Dev.alias(b));
        putPci(m, b, q35);
        if ("on".equals(b.attr("deflate-on-oom"))) {
            m.put("deflate-on-oom", true);
        }
        if ("on".equals(b.attr("freePageReporting"))) {
            m.put("free-page-reporting", true);
        }
        return m;
    }

    /** The backend object and the device of a virtio RNG. */
    public static List<Map<String, Object>> rng(XmlElement rng, boolean q35) {
        XmlElement backend = rng.child("backend");
        String model = backend == null ? "random" : backend.attr("model");
        Map<String, Object> obj = new LinkedHashMap<>();
        String objId = "obj" + Dev.alias(rng);
        if ("builtin".equals(model)) {
            obj.put("qom-type", "rng-builtin");
            obj.put("id", objId);
        } else if ("random".equals(model)) {
            obj.put("qom-type", "rng-random");
            obj.put("id", objId);
            String file = backend == null ? null : backend.trimmedText();
            obj.put("filename", file == null || file.isEmpty() ? "/dev/urandom" : file);
        } else {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: rng backend '"
                    + model + "'");
        }
        Map<String, Object> dev = new LinkedHashMap<>();
        dev.put("driver", "virtio-rng-pci");
        dev.put("rng", objId);
        dev.put("id", Dev.alias(rng));
        putPci(dev, rng, q35);
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(obj);
        out.add(dev);
        return out;
    }

    public static Map<String, Object> watchdog(XmlElement w, boolean q35) {
        String model = w.attr("model");
        Map<String, Object> m = new LinkedHashMap<>();
        switch (model == null ? "i6300esb" : model) {
            case "i6300esb" -> {
                m.put("driver", "i6300esb");
                m.put("id", Dev.alias(w));
                putPci(m, w, q35);
            }
            case "ib700" -> {
                m.put("driver", "ib700");
                m.put("id", Dev.alias(w));
            }
            default -> throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: watchdog"
                    + " model '" + model + "'");
        }
        return m;
    }

    private static String diskName(XmlElement disk) {
        String t = Dev.attr(disk, "target", "dev");
        return "disk " + (t == null ? Dev.alias(disk) : t);
    }
}
