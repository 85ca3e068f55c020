package org.virtlayer.driver.lxc.internal.node;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.driver.lxc.internal.launch.ContainerPlan;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.DomainParseOptions;
import org.virtlayer.xml.XmlElement;

/**
 * Container definitions: parsing with the LXC driver's rules (type {@code lxc}, os type {@code exe}, an absolute
 * {@code <init>}, {@code /sbin/init} when none is given, filesystems of type mount, bind or ram, veth interfaces,
 * one pty console, an {@code <idmap>} that maps the container's root), what libvirt fills in (a filesystem's
 * passthrough access mode, the console's {@code lxc} target), and defining, undefining and loading them. What this
 * driver cannot run is refused at define time with CONFIG_UNSUPPORTED naming it.
 */
final class Definitions {
    static final DomainParseOptions PARSE = new DomainParseOptions(hostArch(), true);
    private static final Set<String> FS_TYPES = Set.of("mount", "bind", "ram");
    private static final Set<String> NIC_TYPES = Set.of("bridge", "network", "ethernet");
    /** libvirt's names of the capabilities a {@code <capabilities>} feature may turn on or off. */
    private static final Set<String> CAPABILITIES = Set.of("audit_control", "audit_write", "block_suspend", "chown",
            "dac_override", "dac_read_search", "fowner", "fsetid", "ipc_lock", "ipc_owner", "kill", "lease",
            "linux_immutable", "mac_admin", "mac_override", "mknod", "net_admin", "net_bind_service",
            "net_broadcast", "net_raw", "setgid", "setfcap", "setpcap", "setuid", "sys_admin", "sys_boot",
            "sys_chroot", "sys_module", "sys_nice", "sys_pacct", "sys_ptrace", "sys_rawio", "sys_resource",
            "sys_time", "sys_tty_config", "syslog", "wake_alarm");

    private final LxcNode node;

    Definitions(LxcNode node) {
        this.node = node;
    }

    static String hostArch() {
        String a = System.getProperty("os.arch");
        return "amd64".equals(a) ? "x86_64" : a;
    }

    /** Parses and completes a definition; refuses what this driver cannot run. */
    static DomainDef parse(String xml) {
        DomainDef def = DomainDef.parse(xml, PARSE);
        if (!"lxc".equals(def.virtType())) {
            throw unsupported("domain type '" + def.virtType() + "' is not supported by the LXC driver (use"
                    + " type='lxc')");
        }
        if (!"exe".equals(def.osType())) {
            throw unsupported("os type '" + def.osType() + "' is not supported by the LXC driver (containers run"
                    + " <type>exe</type>)");
        }
        XmlElement os = def.os();
        if (os.child("init") == null) {
            os.add(os.indexOf(os.child("type")) + 1, new XmlElement("init").text("/sbin/init"));
        }
        String init = os.childText("init").strip();
        if (!init.startsWith("/")) {
            throw VirtException.xml("init path '" + init + "' must be absolute");
        }
        for (String n : List.of("inituser", "initgroup")) {
            if (os.child(n) != null) {
                throw unsupported("<" + n + "> is not supported by this LXC driver");
            }
        }
        for (XmlElement e : os.children("initenv")) {
            String name = e.attr("name");
            if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw VirtException.xml("invalid initenv name '" + name + "'");
            }
        }
        if (os.childText("initdir") != null && !os.childText("initdir").strip().startsWith("/")) {
            throw VirtException.xml("initdir '" + os.childText("initdir") + "' must be absolute");
        }
        idmap(def);
        capabilities(def);
        for (XmlElement top : def.root().children()) {
            if (top.name().contains(":")) {
                // libvirt's <lxc:namespace> (sharing another container's or process's namespaces) and the like
                throw unsupported("<" + top.name() + "> is not supported by this LXC driver");
            }
        }
        devices(def);
        return def;
    }

    /** {@code <features><capabilities>}: cut from the bounding set before the setup runs, so only some may be. */
    private static void capabilities(DomainDef def) {
        XmlElement features = def.element("features");
        XmlElement caps = features == null ? null : features.child("capabilities");
        if (caps == null) {
            return;
        }
        String policy = caps.attr("policy") == null ? "default" : caps.attr("policy");
        if (!policy.equals("default") && !policy.equals("allow")) {
            throw unsupported("capabilities policy '" + policy + "' (the container's setup needs sys_admin before"
                    + " init runs: 'default' or 'allow')");
        }
        for (XmlElement c : caps.children()) {
            if (!CAPABILITIES.contains(c.name())) {
                throw VirtException.xml("unknown capability '" + c.name() + "'");
            }
            if ("off".equals(c.attr("state")) && ContainerPlan.NEEDED_BY_SETUP.contains(c.name())) {
                throw unsupported("capability " + c.name() + " cannot be turned off: the container's setup needs"
                        + " it");
            }
        }
    }

    private static VirtException unsupported(String what) {
        return new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: " + what);
    }

    /** A user namespace needs both maps, and the container's root (ID 0) must be mapped in each. */
    private static void idmap(DomainDef def) {
        XmlElement idmap = def.element("idmap");
        if (idmap == null) {
            return;
        }
        List<XmlElement> uids = idmap.children("uid");
        List<XmlElement> gids = idmap.children("gid");
        if (uids.isEmpty() || gids.isEmpty()) {
            throw unsupported("<idmap> needs both <uid> and <gid> maps");
        }
        for (List<XmlElement> maps : List.of(uids, gids)) {
            boolean root = false;
            for (XmlElement m : maps) {
                long start;
                long count;
                try {
                    start = Long.parseLong(m.attr("start"));
                    Long.parseLong(m.attr("target"));
                    count = Long.parseLong(m.attr("count"));
                } catch (NumberFormatException e) {
                    throw VirtException.xml("invalid <" + m.name() + "> in <idmap>: start, target and count are"
                            + " numbers");
                }
                root |= start == 0 && count > 0;
            }
            if (!root) {
                throw unsupported("You must map the root user of container");
            }
        }
    }

    private static void devices(DomainDef def) {
        int consoles = 0;
        Set<String> targets = new HashSet<>();
        for (XmlElement d : def.devices()) {
            switch (d.name()) {
                case "emulator" -> {
                    // kept as written: there is no emulator binary, the driver starts containers itself
                }
                case "filesystem" -> filesystem(d, targets);
                case "interface" -> {
                    if (!NIC_TYPES.contains(d.attr("type"))) {
                        throw unsupported("interface type '" + d.attr("type") + "' is not supported by the LXC"
                                + " driver (bridge, network or ethernet)");
                    }
                    if ("network".equals(d.attr("type"))
                            && (d.child("source") == null || d.child("source").attr("network") == null)) {
                        throw VirtException.xml("interface of type 'network' has no <source network='...'/>");
                    }
                }
                case "console" -> {
                    if (!"pty".equals(d.attr("type"))) {
                        throw unsupported("console type '" + d.attr("type") + "' (the LXC driver's console is a"
                                + " pty)");
                    }
                    if (++consoles > 1) {
                        throw unsupported("more than one console");
                    }
                    if (d.child("target") == null) {
                        d.add(XmlElement.of("target", "type", "lxc", "port", "0"));
                    }
                }
                default -> throw unsupported("<" + d.name() + "> devices are not supported by the LXC driver");
            }
        }
    }

    private static void filesystem(XmlElement fs, Set<String> targets) {
        if (fs.attr("type") == null) {
            fs.attr("type", "mount");
        }
        String type = fs.attr("type");
        if (!FS_TYPES.contains(type)) {
            throw unsupported("filesystem type '" + type + "' is not supported by the LXC driver (mount, bind or"
                    + " ram)");
        }
        if (fs.attr("accessmode") == null) {
            fs.attr("accessmode", "passthrough");
        }
        fs.orderAttributes(List.of("type", "accessmode"));
        XmlElement source = fs.child("source");
        XmlElement target = fs.child("target");
        if (target == null || target.attr("dir") == null || !target.attr("dir").startsWith("/")) {
            throw VirtException.xml("filesystem target must be an absolute folder: <target dir='/...'/>");
        }
        if (!targets.add(target.attr("dir"))) {
            throw VirtException.xml("two filesystems have the target " + target.attr("dir"));
        }
        if (type.equals("ram")) {
            if (source == null || source.attr("usage") == null) {
                throw VirtException.xml("filesystem of type 'ram' needs <source usage='...'/>");
            }
        } else if (source == null || source.attr("dir") == null || !source.attr("dir").startsWith("/")) {
            throw VirtException.xml("filesystem of type '" + type + "' needs an absolute <source dir='...'/>");
        }
    }

    /** libvirt's rule: a name and a UUID belong together; neither may be reused by another domain. */
    private LxcDomain existing(DomainDef def) {
        LxcDomain byName = node.lookupName(def.name());
        LxcDomain byUuid = node.lookup(def.uuid());
        if (byName != null && byName != byUuid) {
            throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: domain '" + def.name()
                    + "' is already defined with uuid " + byName.uuid);
        }
        if (byUuid != null && byName == null) {
            throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: domain '" + byUuid.name()
                    + "' already exists with uuid " + def.uuid());
        }
        return byName;
    }

    DomainRef define(String xml) {
        DomainDef def = parse(xml);
        synchronized (node) {
            LxcDomain d = existing(def);
            DomainEventDetail detail;
            node.store.saveDefinition(def.uuid(), def.format(true, true));
            if (d == null) {
                d = new LxcDomain(def, true);
                node.add(d);
                detail = DomainEventDetail.DEFINED_ADDED;
            } else {
                synchronized (d) {
                    if (!d.state.isActive()) {
                        d.def = def;
                    }
                    d.persistentDef = def;
                    d.changed();
                }
                detail = DomainEventDetail.DEFINED_UPDATED;
            }
            DomainRef ref = d.ref();
            node.emit(ref, detail);
            return ref;
        }
    }

    /** The domain a definition about to be started belongs to: an inactive one of that name and UUID, or a new one. */
    LxcDomain claim(DomainDef def) {
        synchronized (node) {
            LxcDomain d = existing(def);
            if (d != null) {
                if (d.isActive()) {
                    throw VirtException.invalidOperation("domain '" + def.name() + "' is already active");
                }
                return d;
            }
            d = new LxcDomain(def, false);
            node.add(d);
            return d;
        }
    }

    void undefine(LxcDomain d) {
        DomainRef ref;
        synchronized (node) {
            synchronized (d) {
                if (d.persistentDef == null) {
                    throw VirtException.invalidOperation("cannot undefine transient domain");
                }
                ref = d.ref();
                node.store.deleteDefinition(d.uuid);
                d.autostart = false;
                d.persistentDef = null;
                d.changed();
            }
            if (!d.isActive()) {
                node.remove(d);
            }
        }
        node.emit(ref, DomainEventDetail.UNDEFINED_REMOVED);
    }

    void setAutostart(LxcDomain d, boolean on) {
        synchronized (d) {
            if (d.persistentDef == null) {
                throw VirtException.invalidOperation("cannot set autostart for transient domain");
            }
            node.store.setAutostart(d.uuid, d.def.name(), on);
            d.autostart = on;
        }
    }

    /** Reads every stored definition into the registry. */
    void loadAll() {
        for (String xml : node.store.definitions()) {
            try {
                DomainDef def = parse(xml);
                LxcDomain d = new LxcDomain(def, true);
                d.autostart = node.store.autostart(def.uuid());
                node.add(d);
            } catch (VirtException e) {
                System.getLogger(Definitions.class.getName()).log(System.Logger.Level.WARNING,
                        "ignoring a stored definition of " + node.uri + ": " + e.getMessage());
            }
        }
    }
}
