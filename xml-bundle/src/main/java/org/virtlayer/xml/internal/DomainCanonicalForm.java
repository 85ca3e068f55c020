package org.virtlayer.xml.internal;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.DomainParseOptions;
import org.virtlayer.xml.ScaledSize;
import org.virtlayer.xml.XmlElement;

/**
 * libvirt's parse-time rules for a domain, applied to the document in place: checks that refuse what libvirt refuses,
 * defaults libvirt fills in, units turned into KiB, and elements in the order libvirt formats them.
 */
public final class DomainCanonicalForm {
    private DomainCanonicalForm() {
    }

    /** The order libvirt formats a domain's top-level elements in. */
    /** libvirt 9.0's virtualisation types ({@code virDomainVirtType}). */
    private static final Set<String> VIRT_TYPES = Set.of("none", "qemu", "kqemu", "kvm", "xen", "lxc", "uml",
            "openvz", "test", "vmware", "hyperv", "vbox", "phyp", "parallels", "bhyve", "vz", "hvf");

    public static final List<String> TOP_ORDER = List.of("name", "uuid", "genid", "title", "description", "metadata",
            "maxMemory", "memory", "currentMemory", "blkiotune", "memtune", "memoryBacking", "vcpu", "vcpus",
            "iothreads", "iothreadids", "cputune", "numatune", "resource", "sysinfo", "bootloader", "bootloader_args",
            "os", "idmap", "features", "cpu", "clock", "on_poweroff", "on_reboot", "on_crash", "on_lockfailure", "pm",
            "perf", "devices", "seclabel", "keywrap", "launchSecurity");

    /** The order libvirt formats devices in. */
    public static final List<String> DEVICE_ORDER = List.of("emulator", "disk", "controller", "lease", "filesystem",
            "interface", "smartcard", "serial", "parallel", "console", "channel", "input", "tpm", "graphics", "sound",
            "audio", "video", "hostdev", "redirdev", "redirfilter", "hub", "watchdog", "memballoon", "rng", "nvram",
            "panic", "shmem", "memory", "iommu", "vsock", "crypto");

    private static final Set<String> DEVICE_KINDS = Set.copyOf(DEVICE_ORDER);

    public static final List<String> ROOT_ATTRIBUTES = List.of("type", "id");
    public static final List<String> VCPU_ATTRIBUTES = List.of("placement", "cpuset", "current");

    public static void apply(XmlElement root, DomainParseOptions options) {
        if (!root.name().equals("domain")) {
            throw VirtException.xml("unexpected root element <" + root.name() + ">, expecting <domain>");
        }
        String type = root.attr("type");
        if (type == null || type.isBlank()) {
            throw VirtException.xml("missing domain type attribute");
        }
        if (!VIRT_TYPES.contains(type)) {
            throw VirtException.xml("invalid domain type " + type + " (attribute 'type' of <domain>)");
        }
        id(root, options);
        DomainDef.checkName(root.childText("name"));
        uuid(root);
        title(root);
        memory(root);
        int maxVcpus = vcpu(root);
        XmlElement cputune = root.child("cputune");
        if (cputune != null) {
            ResourceControlRules.apply(cputune, maxVcpus);
        }
        os(root, options);
        lifecycle(root);
        XmlElement devices = root.child("devices");
        if (devices != null) {
            for (XmlElement d : devices.children()) {
                if (!d.name().equals("emulator")) {
                    checkDevice(d);
                    canonicalDevice(d);
                }
            }
            VideoRules.primaryFirst(devices);
            orderDevices(devices);
        }
        root.orderAttributes(ROOT_ATTRIBUTES);
        orderTop(root);
    }

    private static void id(XmlElement root, DomainParseOptions options) {
        String id = root.attr("id");
        if (id == null) {
            return;
        }
        if (options.inactive()) {
            root.removeAttr("id");
            return;
        }
        try {
            Integer.parseInt(id.strip());
        } catch (NumberFormatException e) {
            throw VirtException.xml("invalid domain id '" + id + "'");
        }
    }

    private static void uuid(XmlElement root) {
        String text = root.childText("uuid");
        UUID uuid;
        if (text == null || text.isEmpty()) {
            uuid = UUID.randomUUID();
        } else {
            uuid = parseUuid(text);
        }
        root.setChildText("uuid", uuid.toString());
    }

    /** libvirt accepts a UUID as 32 hex digits with or without dashes between them. */
    public static UUID parseUuid(String text) {
        String hex = text.strip().replace("-", "");
        if (hex.length() != 32) {
            throw VirtException.xml("malformed uuid element: '" + text + "'");
        }
        for (int i = 0; i < 32; i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw VirtException.xml("malformed uuid element: '" + text + "'");
            }
        }
        return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16),
                Long.parseUnsignedLong(hex.substring(16), 16));
    }

    private static void title(XmlElement root) {
        String t = root.child("title") == null ? null : root.child("title").text();
        if (t != null && t.indexOf('\n') >= 0) {
            throw VirtException.xml("Domain title can't contain newlines");
        }
    }

    private static void memory(XmlElement root) {
        XmlElement mem = root.child("memory");
        if (mem == null) {
            throw VirtException.xml("Memory size must be specified via <memory> or in the <numa> configuration");
        }
        long total = kib(mem, "memory");
        XmlElement cur = root.child("currentMemory");
        long current = cur == null ? total : kib(cur, "currentMemory");
        // libvirt lowers a balloon target above the maximum to the maximum
        if (current > total || current == 0) {
            current = total;
        }
        root.childOrCreate("currentMemory").attr("unit", "KiB").text(Long.toString(current));
        XmlElement max = root.child("maxMemory");
        if (max != null) {
            kib(max, "maxMemory");
            max.orderAttributes(List.of("slots", "unit"));
        }
        mem.orderAttributes(List.of("dumpCore", "unit"));
    }

    /** Turns an element's scaled value into KiB in place and returns it. */
    private static long kib(XmlElement e, String what) {
        long v = ScaledSize.toKiB(e.trimmedText(), e.attr("unit"), "./" + what + "[1]");
        e.attr("unit", "KiB").text(Long.toString(v));
        return v;
    }

    private static int vcpu(XmlElement root) {
        XmlElement v = root.child("vcpu");
        if (v == null) {
            v = root.add(new XmlElement("vcpu"));
            v.text("1");
        }
        int max = positiveInt(v.trimmedText(), "maximum vcpus count must be an integer");
        v.text(Integer.toString(max));
        if (v.attr("placement") == null) {
            v.attr("placement", "static");
        }
        String current = v.attr("current");
        if (current != null) {
            int c = positiveInt(current, "current vcpus count must be an integer");
            if (c > max) {
                throw VirtException.xml("maxvcpus must not be less than current vcpus (" + max + " < " + c + ")");
            }
            v.attr("current", c == max ? null : Integer.toString(c));
        }
        v.orderAttributes(VCPU_ATTRIBUTES);
        return max;
    }

    private static int positiveInt(String s, String message) {
        try {
            int n = Integer.parseInt(s == null ? "" : s.strip());
            if (n <= 0) {
                throw VirtException.xml(message);
            }
            return n;
        } catch (NumberFormatException e) {
            throw VirtException.xml(message);
        }
    }

    private static void os(XmlElement root, DomainParseOptions options) {
        XmlElement os = root.child("os");
        XmlElement type = os == null ? null : os.child("type");
        if (type == null || type.trimmedText() == null || type.trimmedText().isEmpty()) {
            throw VirtException.xml("an os <type> must be specified");
        }
        type.text(type.trimmedText());
        if (type.attr("arch") == null && options.defaultArch() != null) {
            type.attr("arch", options.defaultArch());
        }
        type.orderAttributes(List.of("arch", "machine"));
        if (type.text().equals("hvm") && os.child("boot") == null && os.child("kernel") == null
                && os.child("loader") == null && !hasDeviceBootOrder(root)) {
            int after = os.indexOf(type) + 1;
            os.add(after, XmlElement.of("boot", "dev", "hd"));
        }
        os.orderChildren(List.of("type", "firmware", "loader", "nvram", "kernel", "initrd", "cmdline", "shim",
                "dtb", "acpi", "init", "initarg", "initenv", "initdir", "inituser", "initgroup", "boot", "bootmenu",
                "smbios", "bios"));
    }

    private static boolean hasDeviceBootOrder(XmlElement root) {
        XmlElement devices = root.child("devices");
        if (devices == null) {
            return false;
        }
        for (XmlElement d : devices.children()) {
            if (d.child("boot") != null) {
                return true;
            }
        }
        return false;
    }

    private static void lifecycle(XmlElement root) {
        if (root.child("clock") == null) {
            root.add(XmlElement.of("clock", "offset", "utc"));
        }
        defaultText(root, "on_poweroff", "destroy", Set.of("destroy", "restart", "preserve", "rename-restart"));
        defaultText(root, "on_reboot", "restart", Set.of("destroy", "restart", "preserve", "rename-restart"));
        defaultText(root, "on_crash", "destroy", Set.of("destroy", "restart", "preserve", "rename-restart",
                "coredump-destroy", "coredump-restart"));
    }

    private static void defaultText(XmlElement root, String element, String value, Set<String> allowed) {
        XmlElement e = root.child(element);
        if (e == null) {
            root.add(new XmlElement(element)).text(value);
            return;
        }
        String v = e.trimmedText();
        if (v == null || !allowed.contains(v)) {
            throw VirtException.xml("invalid value '" + v + "' for <" + element + ">");
        }
        e.text(v);
    }

    /** Refuses an element that is not a device libvirt knows. */
    public static void checkDevice(XmlElement device) {
        if (!DEVICE_KINDS.contains(device.name()) || device.name().equals("emulator")) {
            throw VirtException.xml("unknown device type '" + device.name() + "'");
        }
        if (device.name().equals("disk")) {
            XmlElement target = device.child("target");
            if (target == null || target.attr("dev") == null || target.attr("dev").isBlank()) {
                throw VirtException.xml("missing target information for device " + describeSource(device));
            }
        }
    }

    private static String describeSource(XmlElement disk) {
        XmlElement s = disk.child("source");
        if (s == null) {
            return "<disk>";
        }
        String p = s.attr("file") != null ? s.attr("file") : s.attr("dev") != null ? s.attr("dev") : s.attr("name");
        return p == null ? "<disk>" : p;
    }

    /** Per-device defaults libvirt fills in, and the per-device checks it makes while parsing. */
    public static void canonicalDevice(XmlElement device) {
        switch (device.name()) {
            case "graphics" -> GraphicsRules.apply(device);
            case "serial", "parallel", "console", "channel", "redirdev" ->
                CharDeviceRules.apply(device, device.name());
            case "smartcard" -> {
                if ("passthrough".equals(device.attr("mode"))) {
                    CharDeviceRules.apply(device, "smartcard");
                }
            }
            case "rng" -> {
                XmlElement backend = device.child("backend");
                if (backend != null && "egd".equals(backend.attr("model"))) {
                    CharDeviceRules.apply(backend, "rng backend");
                }
            }
            default -> {
                // the rest is kept as written
            }
        }
        if (device.name().equals("interface")) {
            XmlElement mac = device.child("mac");
            if (mac == null) {
                mac = XmlElement.of("mac", "address", randomMac());
                device.add(0, mac);
            } else {
                String a = mac.attr("address");
                if (a == null || !Macs.isValid(a)) {
                    throw VirtException.xml("unable to parse mac address '" + a + "'");
                }
                mac.attr("address", Macs.canonical(a));
            }
        }
    }

    /** A MAC address with QEMU's prefix 52:54:00, as libvirt generates one for a NIC without it. */
    public static String randomMac() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("52:54:00:%02x:%02x:%02x", r.nextInt(256), r.nextInt(256), r.nextInt(256));
    }

    public static void orderDevices(XmlElement devices) {
        devices.orderChildren(DEVICE_ORDER);
    }

    public static void orderTop(XmlElement root) {
        root.orderChildren(TOP_ORDER);
    }

    /** Removes what only {@code VIR_DOMAIN_XML_SECURE} may show: graphics passwords. */
    /** True if the definition holds something only {@code VIR_DOMAIN_XML_SECURE} may show. */
    public static boolean hasSecrets(XmlElement root) {
        XmlElement devices = root.child("devices");
        if (devices == null) {
            return false;
        }
        for (XmlElement g : devices.children()) {
            if (g.name().equals("graphics") && g.hasAttr("passwd")) {
                return true;
            }
        }
        return false;
    }

    public static void stripSecrets(XmlElement root) {
        XmlElement devices = root.child("devices");
        if (devices == null) {
            return;
        }
        for (XmlElement g : devices.children("graphics")) {
            g.removeAttr("passwd");
        }
    }

    /** A copy of {@code element} renamed to {@code key:local} with {@code xmlns:key} declared on it. */
    public static XmlElement withNamespace(XmlElement element, String key, String uri) {
        String local = element.name().contains(":") ? element.name().substring(element.name().indexOf(':') + 1)
                : element.name();
        XmlElement out = new XmlElement(key == null ? local : key + ":" + local);
        out.attr(key == null ? "xmlns" : "xmlns:" + key, uri);
        for (var a : element.attributes().entrySet()) {
            if (!a.getKey().startsWith("xmlns")) {
                out.attr(a.getKey(), a.getValue());
            }
        }
        out.text(element.text());
        for (XmlElement c : element.children()) {
            out.add(c.copy());
        }
        return out;
    }
}
