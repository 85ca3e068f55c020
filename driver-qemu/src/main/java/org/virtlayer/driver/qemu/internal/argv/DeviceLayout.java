package org.virtlayer.driver.qemu.internal.argv;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.XmlElement;

/**
 * Gives a live definition what QEMU needs and libvirt's live XML shows: the implicit devices of the machine (USB and
 * IDE/SATA controllers, the PCI root, the memory balloon, PS/2 input), an {@code <alias>} for every device (the QEMU
 * {@code id}), drive addresses, PCI slots in libvirt's order, and block node indices. Hot-plugged devices get theirs
 * from {@link #placeNew}.
 */
public final class DeviceLayout {
    /** Order in which libvirt hands out PCI slots on an i440fx machine. */
    private static final List<String> PCI_ORDER = List.of("filesystem", "interface", "sound", "controller", "hostdev",
            "disk", "memballoon", "rng", "watchdog", "video", "input", "vsock");
    /** Spare PCIe root ports a q35 machine gets for hot-plug when ports are added for it, as libvirt adds one. */
    private static final int SPARE_ROOT_PORTS = 1;

    private final DomainDef def;
    private final XmlElement devices;
    private final boolean q35;

    private DeviceLayout(DomainDef def) {
        this.def = def;
        this.devices = def.root().childOrCreate("devices");
        String m = def.machine();
        this.q35 = m != null && m.contains("q35");
    }

    public static boolean isQ35(DomainDef def) {
        String m = def.machine();
        return m != null && m.contains("q35");
    }

    /** Prepares a live definition (a copy of the persistent one) for a start. */
    public static void prepare(DomainDef def) {
        DeviceLayout l = new DeviceLayout(def);
        l.implicitDevices();
        l.aliases();
        l.driveAddresses();
        l.pciAddresses();
        l.nodeIndices();
        def.orderDevices();
    }

    /** Gives one device about to be hot-plugged its alias, address and node index; it is not added. */
    public static void placeNew(DomainDef def, XmlElement device) {
        DeviceLayout l = new DeviceLayout(def);
        Set<String> used = l.usedAliases();
        if (Dev.alias(device) == null) {
            Dev.setAlias(device, l.freshAlias(device, used));
        }
        if (device.name().equals("disk") && !Dev.diskBus(device).equals("virtio")) {
            throw new VirtException(ErrorCode.OPERATION_UNSUPPORTED, "Operation not supported: disk bus '"
                    + Dev.diskBus(device) + "' cannot be hot-plugged; use bus='virtio'");
        }
        if (needsPci(device) && device.child("address") == null) {
            l.placeHotplugPci(device);
        }
        if (device.name().equals("disk") && device.child("source") != null
                && device.child("source").attr("index") == null) {
            int max = 0;
            for (XmlElement d : def.devices("disk")) {
                max = Math.max(max, Dev.intAttr(d.child("source"), "index", 0));
            }
            device.child("source").attr("index", Integer.toString(max + 1));
        }
    }

    // ---- implicit devices

    private void implicitDevices() {
        controllerIndices();
        if (controllers("pci").isEmpty()) {
            devices.add(XmlElement.of("controller", "type", "pci", "index", "0", "model",
                    q35 ? "pcie-root" : "pci-root"));
        }
        List<XmlElement> usb = controllers("usb");
        if (usb.isEmpty()) {
            devices.add(XmlElement.of("controller", "type", "usb", "index", "0", "model",
                    q35 ? "qemu-xhci" : "piix3-uhci"));
        } else {
            for (XmlElement u : usb) {
                if (u.attr("model") == null) {
                    u.attr("model", q35 ? "qemu-xhci" : "piix3-uhci");
                }
            }
        }
        if (q35) {
            if (controllers("sata").isEmpty()) {
                devices.add(XmlElement.of("controller", "type", "sata", "index", "0"));
            }
        } else if (controllers("ide").isEmpty()) {
            devices.add(XmlElement.of("controller", "type", "ide", "index", "0"));
        }
        boolean scsiDisk = false;
        for (XmlElement d : def.devices("disk")) {
            scsiDisk |= Dev.diskBus(d).equals("scsi");
        }
        if (scsiDisk && controllers("scsi").isEmpty()) {
            devices.add(XmlElement.of("controller", "type", "scsi", "index", "0", "model", "lsilogic"));
        }
        if (def.devices("memballoon").isEmpty()) {
            devices.add(XmlElement.of("memballoon", "model", "virtio"));
        }
        if (!def.devices("graphics").isEmpty() && def.devices("video").isEmpty()) {
            XmlElement v = new XmlElement("video");
            // libvirt's default for graphics without a video card: Cirrus on i440fx, VGA on q35
            v.add(XmlElement.of("model", "type", q35 ? "vga" : "cirrus", "vram", "16384", "heads", "1", "primary",
                    "yes"));
            devices.add(v);
        }
        if (def.devices("input").isEmpty()) {
            devices.add(XmlElement.of("input", "type", "mouse", "bus", "ps2"));
            devices.add(XmlElement.of("input", "type", "keyboard", "bus", "ps2"));
        }
        for (XmlElement nic : def.devices("interface")) {
            if (nic.child("model") == null) {
                XmlElement mac = nic.child("mac");
                nic.add(mac == null ? 0 : nic.indexOf(mac) + 1, XmlElement.of("model", "type", Dev.nicModel(nic)));
            }
        }
        def.orderDevices();
    }

    /** Controllers written without {@code index} get the next free one of their type, as libvirt numbers them. */
    private void controllerIndices() {
        for (XmlElement c : def.devices("controller")) {
            if (c.attr("index") != null) {
                continue;
            }
            Set<Integer> used = new HashSet<>();
            for (XmlElement o : controllers(c.attr("type"))) {
                if (o.attr("index") != null) {
                    used.add(Dev.intAttr(o, "index", 0));
                }
            }
            int i = "pci".equals(c.attr("type")) && !"pci-root".equals(c.attr("model"))
                    && !"pcie-root".equals(c.attr("model")) ? 1 : 0;
            while (used.contains(i)) {
                i++;
            }
            c.attr("index", Integer.toString(i));
        }
    }

    private List<XmlElement> controllers(String type) {
        List<XmlElement> out = new ArrayList<>();
        for (XmlElement c : def.devices("controller")) {
            if (type.equals(c.attr("type"))) {
                out.add(c);
            }
        }
        return out;
    }

    // ---- aliases

    private Set<String> usedAliases() {
        Set<String> used = new HashSet<>();
        for (XmlElement d : devices.children()) {
            String a = Dev.alias(d);
            if (a != null) {
                used.add(a);
            }
        }
        return used;
    }

    private void aliases() {
        Set<String> used = usedAliases();
        for (XmlElement d : devices.children()) {
            if (d.name().equals("emulator") || d.name().equals("graphics") || Dev.alias(d) != null) {
                continue;
            }
            Dev.setAlias(d, freshAlias(d, used));
        }
    }

    /** libvirt's alias for a device: {@code virtio-disk0}, {@code ide0-1-0}, {@code net0}, {@code usb}, ... */
    private String freshAlias(XmlElement d, Set<String> used) {
        String complete = switch (d.name()) {
            case "disk" -> diskAlias(d);
            case "controller" -> controllerAlias(d);
            default -> null;
        };
        if (complete != null) {
            if (used.add(complete)) {
                return complete;
            }
            for (int n = 1;; n++) {
                if (used.add(complete + "-" + n)) {
                    return complete + "-" + n;
                }
            }
        }
        String prefix = switch (d.name()) {
            case "interface" -> "net";
            case "memballoon" -> "balloon";
            case "redirdev" -> "redir";
            case "filesystem" -> "fs";
            default -> d.name();
        };
        if (d.name().equals("serial") || d.name().equals("parallel")) {
            String port = Dev.attr(d, "target", "port");
            if (port != null && used.add(prefix + port.strip())) {
                return prefix + port.strip();
            }
        }
        for (int n = 0;; n++) {
            if (used.add(prefix + n)) {
                return prefix + n;
            }
        }
    }

    private static String diskAlias(XmlElement d) {
        int idx = Dev.diskIndex(d);
        XmlElement addr = d.child("address");
        int ctrl = Dev.intAttr(addr, "controller", 0);
        int bus = Dev.intAttr(addr, "bus", 0);
        int target = Dev.intAttr(addr, "target", 0);
        int unit = Dev.intAttr(addr, "unit", 0);
        return switch (Dev.diskBus(d)) {
            case "virtio" -> "virtio-disk" + idx;
            case "ide" -> addr == null ? "ide0-" + idx / 2 + "-" + idx % 2 : "ide" + ctrl + "-" + bus + "-" + unit;
            case "sata" -> addr == null ? "sata0-0-" + idx : "sata" + ctrl + "-" + bus + "-" + unit;
            case "scsi" -> addr == null ? "scsi0-0-0-" + idx
                    : "scsi" + ctrl + "-" + bus + "-" + target + "-" + unit;
            case "fdc" -> "fdc0-0-" + idx;
            case "usb" -> "usb-disk" + idx;
            default -> Dev.diskBus(d) + "-disk" + idx;
        };
    }

    private static String controllerAlias(XmlElement c) {
        String type = c.attr("type");
        int index = Dev.intAttr(c, "index", 0);
        return switch (type) {
            case "usb" -> index == 0 ? "usb" : "usb" + index;
            case "ide" -> "ide";
            case "pci" -> "pci." + index;
            case "virtio-serial" -> "virtio-serial" + index;
            default -> type + index;
        };
    }

    // ---- drive addresses

    private void driveAddresses() {
        for (XmlElement d : def.devices("disk")) {
            if (d.child("address") != null) {
                continue;
            }
            int idx = Dev.diskIndex(d);
            String bus = Dev.diskBus(d);
            XmlElement a = switch (bus) {
                case "ide" -> XmlElement.of("address", "type", "drive", "controller", "0", "bus",
                        Integer.toString(idx / 2), "target", "0", "unit", Integer.toString(idx % 2));
                case "sata" -> XmlElement.of("address", "type", "drive", "controller", Integer.toString(idx / 6),
                        "bus", "0", "target", "0", "unit", Integer.toString(idx % 6));
                case "scsi" -> XmlElement.of("address", "type", "drive", "controller", Integer.toString(idx / 7),
                        "bus", "0", "target", "0", "unit", Integer.toString(idx % 7));
                case "fdc" -> XmlElement.of("address", "type", "drive", "controller", "0", "bus", "0", "target", "0",
                        "unit", Integer.toString(idx));
                default -> null;
            };
            if (a != null) {
                d.add(a);
            }
        }
    }

    // ---- PCI

    /** True for devices that sit on a PCI bus. */
    static boolean needsPci(XmlElement d) {
        switch (d.name()) {
            case "disk":
                return Dev.diskBus(d).equals("virtio");
            case "interface":
                return !"usb-net".equals(Dev.nicModel(d));
            case "memballoon":
            case "rng":
                return !"none".equals(d.attr("model"));
            case "watchdog":
                return "i6300esb".equals(d.attr("model"));
            case "video":
                return !"none".equals(Dev.attr(d, "model", "type"));
            case "controller": {
                String t = d.attr("type");
                String m = d.attr("model");
                if (t.equals("usb")) {
                    return !"none".equals(m);
                }
                if (t.equals("pci")) {
                    return m != null && !m.endsWith("-root");
                }
                return t.equals("scsi") || t.equals("virtio-serial");
            }
            case "input":
                return "virtio".equals(d.attr("bus"));
            case "filesystem":
            case "sound":
            case "vsock":
                return true;
            case "hostdev":
                return "pci".equals(d.attr("type"));
            default:
                return false;
        }
    }

    private final Set<String> takenSlots = new HashSet<>();

    private static String key(int bus, int slot, int function) {
        return bus + ":" + slot + "." + function;
    }

    private void pciAddresses() {
        for (XmlElement d : devices.children()) {
            XmlElement a = d.child("address");
            if (a != null && "pci".equals(a.attr("type"))) {
                takenSlots.add(key(Dev.intAttr(a, "bus", 0), Dev.intAttr(a, "slot", 0),
                        Dev.intAttr(a, "function", 0)));
            }
        }
        if (q35) {
            q35Addresses();
            return;
        }
        takenSlots.add(key(0, 0, 0));
        takenSlots.add(key(0, 1, 0));
        for (XmlElement u : controllers("usb")) {
            if ("piix3-uhci".equals(u.attr("model")) && Dev.intAttr(u, "index", 0) == 0 && u.child("address") == null) {
                u.add(pci(0, 1, 2, false));
            }
        }
        XmlElement primary = primaryVideo();
        if (primary != null && primary.child("address") == null && !takenSlots.contains(key(0, 2, 0))) {
            primary.add(pci(0, 2, 0, false));
            takenSlots.add(key(0, 2, 0));
        }
        for (String kind : PCI_ORDER) {
            for (XmlElement d : def.devices(kind)) {
                if (needsPci(d) && d.child("address") == null) {
                    d.add(pci(0, nextSlot(0), 0, false));
                }
            }
        }
    }

    private XmlElement primaryVideo() {
        List<XmlElement> videos = def.devices("video");
        for (XmlElement v : videos) {
            if (needsPci(v)) {
                return v;
            }
        }
        return null;
    }

    private int nextSlot(int bus) {
        for (int s = 1; s < 32; s++) {
            if (!takenSlots.contains(key(bus, s, 0))) {
                takenSlots.add(key(bus, s, 0));
                return s;
            }
        }
        throw new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: no free PCI slot on bus " + bus);
    }

    /**
     * q35: each PCIe device on a root port of its own (ports declared in the definition first, then added ones, as
     * libvirt lays them out), plus a spare port for hot-plug.
     */
    private void q35Addresses() {
        takenSlots.add(key(0, 0, 0));
        takenSlots.add(key(0, 0x1f, 0));
        XmlElement primary = primaryVideo();
        if (primary != null && primary.child("address") == null) {
            primary.add(pci(0, 1, 0, false));
            takenSlots.add(key(0, 1, 0));
        }
        List<XmlElement> ports = new ArrayList<>();
        List<XmlElement> free = new ArrayList<>();
        int index = 1;
        for (XmlElement c : controllers("pci")) {
            index = Math.max(index, Dev.intAttr(c, "index", 0) + 1);
            if ("pcie-root-port".equals(c.attr("model"))) {
                free.add(c);
                if (c.child("address") == null) {
                    ports.add(c);
                }
            }
        }
        for (XmlElement d : devices.children()) {
            XmlElement a = d.child("address");
            if (a != null && "pci".equals(a.attr("type")) && Dev.intAttr(a, "bus", 0) > 0) {
                free.removeIf(p -> Dev.intAttr(p, "index", 0) == Dev.intAttr(a, "bus", 0));
            }
        }
        boolean added = false;
        for (String kind : PCI_ORDER) {
            for (XmlElement d : def.devices(kind)) {
                if (!needsPci(d) || d.child("address") != null || d == primary
                        || ("controller".equals(d.name()) && "pci".equals(d.attr("type")))) {
                    continue;
                }
                XmlElement port;
                if (!free.isEmpty()) {
                    port = free.remove(0);
                } else {
                    port = rootPort(index++);
                    ports.add(port);
                    devices.add(port);
                    added = true;
                }
                d.add(pci(Dev.intAttr(port, "index", 0), 0, 0, false));
            }
        }
        for (int k = 0; added && k < SPARE_ROOT_PORTS; k++) {
            XmlElement port = rootPort(index++);
            ports.add(port);
            devices.add(port);
        }
        int slot = 1;
        int fn = 0;
        for (XmlElement p : ports) {
            while (fn == 0 && takenSlots.contains(key(0, slot, 0))) {
                slot++;
            }
            p.add(pci(0, slot, fn, fn == 0));
            takenSlots.add(key(0, slot, fn));
            XmlElement target = p.child("target");
            if (target == null) {
                target = p.add(new XmlElement("target"));
            }
            if (target.attr("chassis") == null) {
                target.attr("chassis", p.attr("index"));
            }
            if (target.attr("port") == null) {
                target.attr("port", "0x" + Integer.toHexString(slot << 3 | fn));
            }
            if (Dev.alias(p) == null || !Dev.alias(p).equals("pci." + p.attr("index"))) {
                Dev.setAlias(p, "pci." + p.attr("index"));
            }
            if (++fn == 8) {
                fn = 0;
                slot++;
            }
        }
    }

    private static XmlElement rootPort(int index) {
        XmlElement c = XmlElement.of("controller", "type", "pci", "index", Integer.toString(index), "model",
                "pcie-root-port");
        c.add(XmlElement.of("model", "name", "pcie-root-port"));
        return c;
    }

    private void placeHotplugPci(XmlElement device) {
        for (XmlElement d : devices.children()) {
            XmlElement a = d.child("address");
            if (a != null && "pci".equals(a.attr("type"))) {
                takenSlots.add(key(Dev.intAttr(a, "bus", 0), Dev.intAttr(a, "slot", 0),
                        Dev.intAttr(a, "function", 0)));
            }
        }
        if (!q35) {
            takenSlots.add(key(0, 0, 0));
            takenSlots.add(key(0, 1, 0));
            device.add(pci(0, nextSlot(0), 0, false));
            return;
        }
        for (XmlElement c : controllers("pci")) {
            if ("pcie-root-port".equals(c.attr("model"))) {
                int bus = Dev.intAttr(c, "index", 0);
                if (!takenSlots.contains(key(bus, 0, 0))) {
                    device.add(pci(bus, 0, 0, false));
                    return;
                }
            }
        }
        throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: no free PCIe root port for"
                + " hot-plug; define the domain with more <controller type='pci' model='pcie-root-port'/>");
    }

    static XmlElement pci(int bus, int slot, int function, boolean multifunction) {
        XmlElement a = XmlElement.of("address", "type", "pci", "domain", "0x0000", "bus",
                String.format("0x%02x", bus), "slot", String.format("0x%02x", slot), "function", "0x" + function);
        if (multifunction) {
            a.attr("multifunction", "on");
        }
        return a;
    }

    // ---- block nodes

    /** libvirt numbers block nodes from the last disk up (empty drives count): the first of N is {@code libvirt-N-*}. */
    private void nodeIndices() {
        List<XmlElement> disks = def.devices("disk");
        int n = disks.size();
        for (XmlElement d : disks) {
            XmlElement s = d.child("source");
            if (s != null && Dev.diskSource(d) != null && s.attr("index") == null) {
                s.attr("index", Integer.toString(n));
            }
            n--;
        }
    }
}
