package org.virtlayer.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.MetadataType;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.internal.DomainCanonicalForm;

/**
 * A domain definition in libvirt's XML language. It keeps the whole document, put into libvirt's canonical form on
 * parsing (elements in libvirt's order, sizes in KiB, defaults filled in), so that what is formatted back is what
 * libvirt prints, including the parts no driver looks at. Typed accessors serve the drivers.
 *
 * <p>Not thread-safe: a driver keeps one per domain under its own lock and hands out {@link #copy()}s or XML.
 */
public final class DomainDef {
    /**
     * Formerly the longest domain name accepted. libvirt 9.0 sets no limit on a name (its test driver defines a domain
     * with a name of two million characters); only the document size limit of {@link XmlLimits} bounds it now.
     *
     * @deprecated no longer enforced, kept for source compatibility
     */
    @Deprecated
    public static final int MAX_NAME_LENGTH = 1024;

    private final XmlElement root;

    private DomainDef(XmlElement root) {
        this.root = root;
    }

    /** Parses a domain with {@link DomainParseOptions#GENERIC} rules. */
    public static DomainDef parse(String xml) {
        return parse(xml, DomainParseOptions.GENERIC);
    }

    /**
     * Parses, checks and canonicalises a domain definition.
     *
     * @throws VirtException XML_ERROR naming the element or attribute at fault
     */
    public static DomainDef parse(String xml, DomainParseOptions options) {
        return fromElement(SafeXmlParser.parse(xml), options);
    }

    /** Checks and canonicalises an already parsed {@code <domain>} element (which this definition then owns). */
    public static DomainDef fromElement(XmlElement root, DomainParseOptions options) {
        DomainCanonicalForm.apply(root, options);
        return new DomainDef(root);
    }

    public DomainDef copy() {
        return new DomainDef(root.copy());
    }

    /** The canonical document; changes made to it are the caller's responsibility to keep valid. */
    public XmlElement root() {
        return root;
    }

    /**
     * The definition as libvirt formats it.
     *
     * @param inactive leave out runtime-only data (the domain ID)
     * @param secure include secrets such as graphics passwords
     */
    public String format(boolean inactive, boolean secure) {
        if (!secure && DomainCanonicalForm.hasSecrets(root)) {
            XmlElement out = root.copy();
            DomainCanonicalForm.stripSecrets(out);
            return XmlWriter.format(out, inactive ? "id" : null);
        }
        // the common case formats the definition as it is, leaving out the runtime ID when asked
        return XmlWriter.format(root, inactive ? "id" : null);
    }

    // ---- identity

    /** The virtualisation type: {@code kvm}, {@code qemu}, {@code lxc}, {@code test}, ... */
    public String virtType() {
        return root.attr("type");
    }

    public String name() {
        return root.childText("name");
    }

    public void setName(String name) {
        checkName(name);
        root.setChildText("name", name);
    }

    public UUID uuid() {
        return UUID.fromString(root.childText("uuid"));
    }

    public void setUuid(UUID uuid) {
        root.setChildText("uuid", uuid.toString());
    }

    /** The domain ID while running, -1 otherwise. */
    public int id() {
        String id = root.attr("id");
        return id == null ? -1 : Integer.parseInt(id);
    }

    /** Sets the runtime ID; -1 removes it. */
    public void setId(int id) {
        root.attr("id", id < 0 ? null : Integer.toString(id));
        root.orderAttributes(DomainCanonicalForm.ROOT_ATTRIBUTES);
    }

    public String title() {
        XmlElement t = root.child("title");
        return t == null ? null : t.text();
    }

    public void setTitle(String title) {
        if (title != null && (title.indexOf('\n') >= 0)) {
            throw VirtException.invalidArg("title can't contain newlines");
        }
        root.setChildText("title", title == null || title.isEmpty() ? null : title);
        DomainCanonicalForm.orderTop(root);
    }

    public String description() {
        XmlElement d = root.child("description");
        return d == null ? null : d.text();
    }

    public void setDescription(String description) {
        root.setChildText("description", description == null || description.isEmpty() ? null : description);
        DomainCanonicalForm.orderTop(root);
    }

    /**
     * The metadata libvirt's {@code virDomainGetMetadata} reads: the title, the description, or the {@code <metadata>}
     * element in namespace {@code uri} as XML.
     *
     * @throws VirtException NO_DOMAIN_METADATA when there is none, INVALID_ARG for ELEMENT without a URI
     */
    public String metadata(MetadataType type, String uri) {
        String v = switch (type) {
            case TITLE -> title();
            case DESCRIPTION -> description();
            case ELEMENT -> {
                if (uri == null) {
                    throw VirtException.invalidArg("metadata of type ELEMENT needs a namespace URI");
                }
                XmlElement e = metadataElement(uri);
                yield e == null ? null : e.toString().stripTrailing();
            }
        };
        if (v == null) {
            throw new VirtException(ErrorCode.NO_DOMAIN_METADATA,
                    "metadata not found: Requested metadata element is not present");
        }
        return v;
    }

    /**
     * A change as libvirt's {@code virDomainSetMetadata} makes it, checked and parsed once, before any definition is
     * touched; it is then applied to each definition it targets (live and/or persistent). A null value removes.
     *
     * @throws VirtException INVALID_ARG for ELEMENT without a URI, XML_ERROR for an element that does not parse
     */
    public static Consumer<DomainDef> metadataChange(MetadataType type, String value, String key, String uri) {
        XmlElement element = type == MetadataType.ELEMENT && value != null ? SafeXmlParser.parse(value) : null;
        if (type == MetadataType.ELEMENT && uri == null) {
            throw VirtException.invalidArg("metadata of type ELEMENT needs a namespace URI");
        }
        return def -> {
            switch (type) {
                case TITLE -> def.setTitle(value);
                case DESCRIPTION -> def.setDescription(value);
                case ELEMENT -> def.setMetadataElement(uri, key, element == null ? null : element.copy());
            }
        };
    }

    /** The {@code <metadata>} child in the given namespace URI, or null. */
    public XmlElement metadataElement(String namespaceUri) {
        XmlElement md = root.child("metadata");
        if (md == null) {
            return null;
        }
        for (XmlElement c : md.children()) {
            if (namespaceUri.equals(namespaceOf(c))) {
                return c;
            }
        }
        return null;
    }

    /**
     * Replaces the {@code <metadata>} child in the namespace URI with the given element (re-prefixed with
     * {@code key}), or removes it when {@code element} is null.
     */
    public void setMetadataElement(String namespaceUri, String key, XmlElement element) {
        XmlElement md = root.child("metadata");
        if (md != null) {
            md.removeChildren(c -> namespaceUri.equals(namespaceOf(c)));
        }
        if (element != null) {
            if (md == null) {
                md = root.add(new XmlElement("metadata"));
            }
            md.add(DomainCanonicalForm.withNamespace(element, key, namespaceUri));
        }
        if (md != null && md.children().isEmpty()) {
            root.remove(md);
        }
        DomainCanonicalForm.orderTop(root);
    }

    private static String namespaceOf(XmlElement e) {
        String n = e.name();
        int colon = n.indexOf(':');
        return e.attr(colon < 0 ? "xmlns" : "xmlns:" + n.substring(0, colon));
    }

    // ---- memory and CPUs

    /** The maximum memory ({@code <memory>}) in KiB. */
    public long memoryKiB() {
        return Long.parseLong(root.childText("memory"));
    }

    public void setMemoryKiB(long kib) {
        XmlElement m = root.childOrCreate("memory");
        m.attr("unit", "KiB").text(Long.toString(kib));
        if (currentMemoryKiB() > kib) {
            setCurrentMemoryKiB(kib);
        }
        DomainCanonicalForm.orderTop(root);
    }

    /** The current memory ({@code <currentMemory>}) in KiB. */
    public long currentMemoryKiB() {
        String c = root.childText("currentMemory");
        return c == null ? memoryKiB() : Long.parseLong(c);
    }

    public void setCurrentMemoryKiB(long kib) {
        root.childOrCreate("currentMemory").attr("unit", "KiB").text(Long.toString(kib));
        DomainCanonicalForm.orderTop(root);
    }

    /** The maximum number of vCPUs. */
    public int maxVcpus() {
        return Integer.parseInt(root.childText("vcpu"));
    }

    /** The vCPUs online now (the {@code current} attribute, or all of them). */
    public int currentVcpus() {
        String cur = root.child("vcpu").attr("current");
        return cur == null ? maxVcpus() : Integer.parseInt(cur);
    }

    /** Sets the vCPUs online; above the maximum is refused. */
    public void setCurrentVcpus(int count) {
        int max = maxVcpus();
        if (count < 1 || count > max) {
            throw VirtException.invalidArg("requested vcpus " + count + " is greater than max allowable vcpus for the"
                    + " domain: " + max);
        }
        root.child("vcpu").attr("current", count == max ? null : Integer.toString(count));
        root.child("vcpu").orderAttributes(DomainCanonicalForm.VCPU_ATTRIBUTES);
    }

    public void setMaxVcpus(int count) {
        if (count < 1) {
            throw VirtException.invalidArg("vcpu count must be at least 1");
        }
        XmlElement v = root.child("vcpu");
        int current = currentVcpus();
        v.text(Integer.toString(count));
        v.attr("current", current >= count ? null : Integer.toString(current));
    }

    // ---- OS

    /** {@code hvm}, {@code linux}, {@code exe}, ... */
    public String osType() {
        XmlElement os = root.child("os");
        return os == null ? null : os.childText("type");
    }

    public String arch() {
        XmlElement os = root.child("os");
        XmlElement type = os == null ? null : os.child("type");
        return type == null ? null : type.attr("arch");
    }

    public String machine() {
        XmlElement os = root.child("os");
        XmlElement type = os == null ? null : os.child("type");
        return type == null ? null : type.attr("machine");
    }

    /** The {@code <os>} element, or null. */
    public XmlElement os() {
        return root.child("os");
    }

    /** A top-level element such as {@code features}, {@code cpu}, {@code clock}; null if absent. */
    public XmlElement element(String name) {
        return root.child(name);
    }

    /** {@code on_poweroff}, {@code on_reboot}, {@code on_crash}: the action, with libvirt's defaults applied. */
    public String lifecycleAction(String event) {
        return root.childText(event);
    }

    // ---- devices

    /** The {@code <devices>} children in libvirt's order (the live list). */
    public List<XmlElement> devices() {
        XmlElement d = root.child("devices");
        return d == null ? List.of() : d.children();
    }

    /** The devices of one kind: {@code disk}, {@code interface}, {@code serial}, ... */
    public List<XmlElement> devices(String kind) {
        XmlElement d = root.child("devices");
        return d == null ? List.of() : d.children(kind);
    }

    /** The emulator path, or null. */
    public String emulator() {
        XmlElement d = root.child("devices");
        return d == null ? null : d.childText("emulator");
    }

    /**
     * Adds a device (a {@code <disk>}, {@code <interface>}, ... element) in libvirt's order.
     *
     * @throws VirtException OPERATION_FAILED when a disk with the same target already exists
     */
    public void addDevice(XmlElement device) {
        DomainCanonicalForm.checkDevice(device);
        XmlElement existing = findDevice(device);
        if (existing != null && device.name().equals("disk")) {
            throw new VirtException(ErrorCode.OPERATION_FAILED, "target " + diskTarget(device)
                    + " already exists");
        }
        XmlElement devs = root.childOrCreate("devices");
        DomainCanonicalForm.canonicalDevice(device);
        devs.add(device);
        DomainCanonicalForm.orderDevices(devs);
        DomainCanonicalForm.orderTop(root);
    }

    /** Puts the devices back in libvirt's order, after a driver added some (implicit controllers, a balloon). */
    public void orderDevices() {
        XmlElement devs = root.child("devices");
        if (devs != null) {
            DomainCanonicalForm.orderDevices(devs);
        }
    }

    /**
     * Removes the device matching the given one (disks by target, interfaces by MAC, others by their content).
     *
     * @return the removed device
     * @throws VirtException DEVICE_MISSING naming the device when none matches
     */
    public XmlElement removeDevice(XmlElement device) {
        XmlElement existing = findDevice(device);
        if (existing == null) {
            throw new VirtException(ErrorCode.DEVICE_MISSING, "device not found: " + describeDevice(device));
        }
        root.child("devices").remove(existing);
        return existing;
    }

    /** Replaces the device matching the given one with it. */
    public void updateDevice(XmlElement device) {
        XmlElement existing = findDevice(device);
        if (existing == null) {
            throw new VirtException(ErrorCode.DEVICE_MISSING, "device not found: " + describeDevice(device));
        }
        DomainCanonicalForm.canonicalDevice(device);
        root.child("devices").replace(existing, device);
    }

    /** The existing device the given one designates, or null. */
    public XmlElement findDevice(XmlElement device) {
        for (XmlElement d : devices(device.name())) {
            if (sameDevice(d, device)) {
                return d;
            }
        }
        return null;
    }

    private static boolean sameDevice(XmlElement existing, XmlElement wanted) {
        switch (wanted.name()) {
            case "disk": {
                String t = diskTarget(wanted);
                return t != null && t.equals(diskTarget(existing));
            }
            case "interface": {
                XmlElement mac = wanted.child("mac");
                if (mac != null && mac.attr("address") != null) {
                    XmlElement em = existing.child("mac");
                    return em != null && mac.attr("address").equalsIgnoreCase(em.attr("address"));
                }
                return existing.sameAs(wanted);
            }
            default: {
                XmlElement alias = wanted.child("alias");
                if (alias != null && alias.attr("name") != null) {
                    XmlElement ea = existing.child("alias");
                    return ea != null && alias.attr("name").equals(ea.attr("name"));
                }
                XmlElement w = wanted.copy();
                XmlElement e = existing.copy();
                DomainCanonicalForm.canonicalDevice(w);
                e.removeChildren("address");
                e.removeChildren("alias");
                if (w.child("address") == null) {
                    w.removeChildren("alias");
                }
                return e.sameAs(w) || existing.sameAs(wanted);
            }
        }
    }

    /** A disk's target device name ({@code vda}), or null. */
    public static String diskTarget(XmlElement disk) {
        XmlElement t = disk.child("target");
        return t == null ? null : t.attr("dev");
    }

    private static String describeDevice(XmlElement device) {
        if (device.name().equals("disk") && diskTarget(device) != null) {
            return "disk " + diskTarget(device);
        }
        XmlElement mac = device.child("mac");
        if (device.name().equals("interface") && mac != null) {
            return "interface with MAC " + mac.attr("address");
        }
        return device.name();
    }

    // ---- checks

    /**
     * libvirt's rules for a domain name: non-empty, no '/' (it names files), no newline. libvirt sets no length
     * limit: the document size limit ({@link XmlLimits}) bounds it.
     */
    public static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw VirtException.xml("missing name information");
        }
        if (name.indexOf('/') >= 0) {
            throw VirtException.xml("name " + printable(name) + " cannot contain '/'");
        }
        if (name.indexOf('\n') >= 0) {
            throw VirtException.xml("invalid char in name: \\n (name '" + printable(name) + "')");
        }
    }

    /** The name with control characters shown as escapes and cut to a readable length, for error messages. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        int n = Math.min(s.length(), 80);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (s.length() > n) {
            sb.append("... (").append(s.length()).append(" characters)");
        }
        return sb.toString();
    }

    /** All {@code <disk>} source paths (file or block), for drivers that must check or open them. */
    public List<String> diskSourcePaths() {
        List<String> out = new ArrayList<>();
        for (XmlElement d : devices("disk")) {
            XmlElement s = d.child("source");
            if (s != null) {
                String p = s.attr("file") != null ? s.attr("file") : s.attr("dev");
                if (p != null) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return format(false, true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DomainDef && ((DomainDef) o).root.sameAs(root);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name());
    }
}
