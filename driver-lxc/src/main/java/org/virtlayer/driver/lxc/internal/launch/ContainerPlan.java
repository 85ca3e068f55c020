package org.virtlayer.driver.lxc.internal.launch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.virtlayer.api.VirtException;
import org.virtlayer.linux.UserNamespaces;
import org.virtlayer.spi.MacAddresses;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.ScaledSize;
import org.virtlayer.xml.XmlElement;

/**
 * What a container is made of, read from its live definition: the root file system and the others, init with its
 * arguments, environment and folder, the host name, the user namespace's ID maps, and the network interfaces with the
 * host-side names and bridges {@code HostInterfaces} has already written into the definition, and where the host ends
 * go beyond that ({@link HostSide}: what a network port said).
 */
public record ContainerPlan(String name, UUID uuid, String hostname, Filesystem root, List<Filesystem> filesystems,
        List<String> initArgv, Map<String, String> initEnv, String initDir, List<UserNamespaces.Range> uidMap,
        List<UserNamespaces.Range> gidMap, List<Nic> nics, List<String> droppedCapabilities) {

    /**
     * Capabilities no process of a container may ever hold under libvirt's default policy: loading kernel modules,
     * setting the clock, creating device nodes, controlling audit and the security module.
     */
    public static final List<String> DEFAULT_DROPPED = List.of("sys_module", "sys_time", "mknod", "audit_control",
            "mac_admin");

    /**
     * What the setup script itself needs before init runs (mounting, configuring interfaces, reading its tables):
     * the bounding set is cut before it starts, so a definition cannot take these away.
     */
    public static final List<String> NEEDED_BY_SETUP = List.of("sys_admin", "net_admin", "dac_override",
            "dac_read_search", "fowner");

    /** How a file system gets into the container. */
    public enum Kind {
        /** {@code type='mount'}: a host folder bound in. */
        HOST_DIR,
        /** {@code type='bind'}: a folder of the container's own root bound elsewhere in it. */
        CONTAINER_DIR,
        /** {@code type='ram'}: a tmpfs of the given size. */
        RAM
    }

    public record Filesystem(Kind kind, String source, String target, boolean readonly, long ramBytes) {
    }

    /**
     * An interface: the veth's ends, the container end's MAC, the host end's MAC ({@code MacAddresses.hostSideOf}
     * the container's: a bridge then never takes a container's address), namespace, MTU and bridge, the container
     * end's addresses and routes ({@code <ip>}, {@code <route>}), and the host end's ({@code <source><ip/><route/>}
     * of an ethernet interface).
     */
    public record Nic(String hostName, String guestName, String mac, String hostMac, HostSide hostSide,
            String bridge, List<Address> addresses, List<Route> routes, List<Address> hostAddresses,
            List<Route> hostRoutes) {
    }

    /**
     * Where a host end goes that its definition does not say: the network namespace ({@code ip netns} name, null for
     * the host's own) and MTU (0: the kernel's) of the port of a virtual network it joins.
     */
    public record HostSide(String namespace, int mtu) {
        public static final HostSide HOST = new HostSide(null, 0);
    }

    /** An address: {@code <ip address='...' prefix='...' peer='...'/>} (peer: the far end of a point-to-point link). */
    public record Address(String address, int prefix, String peer) {
    }

    /** A route through an interface: {@code <route address='0.0.0.0' gateway='...'/>} is the default route. */
    public record Route(String address, int prefix, String gateway, boolean ipv6) {
    }

    /** A user namespace is made when the definition has an {@code <idmap>}. */
    public boolean userNamespace() {
        return !uidMap.isEmpty();
    }

    /** The plan of a definition whose host ends are all in the host's namespace with the kernel's MTU. */
    public static ContainerPlan of(DomainDef live) {
        return of(live, Map.of());
    }

    /** The plan of a definition, {@code hostSides} saying where host ends (by name) that are not plain go. */
    public static ContainerPlan of(DomainDef live, Map<String, HostSide> hostSides) {
        XmlElement os = live.os();
        List<String> argv = new ArrayList<>();
        argv.add(os.childText("init") == null ? "/sbin/init" : os.childText("init").strip());
        for (XmlElement a : os.children("initarg")) {
            argv.add(a.text() == null ? "" : a.text());
        }
        Map<String, String> env = new LinkedHashMap<>();
        // what libvirt gives a container's init, so that software inside finds what it looks for
        env.put("PATH", "/bin:/sbin");
        env.put("TERM", "linux");
        env.put("container", "lxc-libvirt");
        env.put("HOME", "/");
        env.put("container_uuid", live.uuid().toString());
        env.put("LIBVIRT_LXC_UUID", live.uuid().toString());
        env.put("LIBVIRT_LXC_NAME", live.name());
        for (XmlElement e : os.children("initenv")) {
            env.put(e.attr("name"), e.text() == null ? "" : e.text());
        }
        String initDir = os.childText("initdir") == null ? "/" : os.childText("initdir").strip();

        Filesystem root = new Filesystem(Kind.HOST_DIR, "/", "/", false, 0);
        List<Filesystem> others = new ArrayList<>();
        for (XmlElement fs : live.devices("filesystem")) {
            Filesystem f = filesystem(fs);
            if (f.target().equals("/")) {
                root = f;
            } else {
                others.add(f);
            }
        }
        List<UserNamespaces.Range> uids = new ArrayList<>();
        List<UserNamespaces.Range> gids = new ArrayList<>();
        XmlElement idmap = live.element("idmap");
        if (idmap != null) {
            for (XmlElement u : idmap.children("uid")) {
                uids.add(range(u));
            }
            for (XmlElement g : idmap.children("gid")) {
                gids.add(range(g));
            }
        }
        List<Nic> nics = new ArrayList<>();
        List<XmlElement> interfaces = live.devices("interface");
        for (int i = 0; i < interfaces.size(); i++) {
            nics.add(nic(interfaces.get(i), i, hostSides));
        }
        return new ContainerPlan(live.name(), live.uuid(), hostname(live.name()), root, others, argv, env, initDir,
                uids, gids, nics, droppedCapabilities(live));
    }

    /**
     * libvirt's {@code <features><capabilities policy='default|allow'>}: the default drops what {@link
     * #DEFAULT_DROPPED} lists unless turned on, allow drops nothing; either drops what is turned off.
     */
    static List<String> droppedCapabilities(DomainDef def) {
        XmlElement features = def.element("features");
        XmlElement caps = features == null ? null : features.child("capabilities");
        List<String> out = new ArrayList<>();
        String policy = caps == null || caps.attr("policy") == null ? "default" : caps.attr("policy");
        if (policy.equals("default")) {
            out.addAll(DEFAULT_DROPPED);
        }
        if (caps != null) {
            for (XmlElement c : caps.children()) {
                if ("on".equals(c.attr("state"))) {
                    out.remove(c.name());
                } else if ("off".equals(c.attr("state")) && !out.contains(c.name())) {
                    out.add(c.name());
                }
            }
        }
        return out;
    }

    /** libvirt's rule: the domain's name with only letters, digits and '-', no leading '-'. */
    static String hostname(String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : name.toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
                sb.append(c);
            }
        }
        while (sb.length() > 0 && sb.charAt(0) == '-') {
            sb.deleteCharAt(0);
        }
        if (sb.length() > 64) {
            sb.setLength(64);
        }
        return sb.toString();
    }

    private static Filesystem filesystem(XmlElement fs) {
        String type = fs.attr("type") == null ? "mount" : fs.attr("type");
        XmlElement source = fs.child("source");
        String target = fs.child("target") == null ? null : fs.child("target").attr("dir");
        boolean ro = fs.child("readonly") != null;
        return switch (type) {
            case "mount" -> new Filesystem(Kind.HOST_DIR, source.attr("dir"), target, ro, 0);
            case "bind" -> new Filesystem(Kind.CONTAINER_DIR, source.attr("dir"), target, ro, 0);
            case "ram" -> new Filesystem(Kind.RAM, null, target, ro,
                    ScaledSize.toKiB(source.attr("usage"), source.attr("units"), "./devices/filesystem/source")
                            * 1024);
            default -> throw VirtException.xml("filesystem type '" + type + "' is not supported by the LXC driver");
        };
    }

    private static UserNamespaces.Range range(XmlElement e) {
        return new UserNamespaces.Range(Long.parseLong(e.attr("start")), Long.parseLong(e.attr("target")),
                Long.parseLong(e.attr("count")));
    }

    private static Nic nic(XmlElement nic, int index, Map<String, HostSide> hostSides) {
        String host = nic.child("target") == null ? null : nic.child("target").attr("dev");
        String guest = nic.child("guest") != null && nic.child("guest").attr("dev") != null
                ? nic.child("guest").attr("dev") : "eth" + index;
        String mac = nic.child("mac") == null ? null : nic.child("mac").attr("address");
        XmlElement source = nic.child("source");
        String bridge = source == null ? null : source.attr("bridge");
        boolean ethernet = "ethernet".equals(nic.attr("type"));
        HostSide side = host == null ? HostSide.HOST : hostSides.getOrDefault(host, HostSide.HOST);
        return new Nic(host, guest, mac, mac == null ? null : MacAddresses.hostSideOf(mac), side, bridge,
                addresses(nic), routes(nic),
                ethernet && source != null ? addresses(source) : List.of(),
                ethernet && source != null ? routes(source) : List.of());
    }

    private static List<Address> addresses(XmlElement parent) {
        List<Address> out = new ArrayList<>();
        for (XmlElement ip : parent.children("ip")) {
            String a = ip.attr("address");
            boolean v6 = "ipv6".equals(ip.attr("family")) || a.contains(":");
            out.add(new Address(a, ip.attr("prefix") == null ? (v6 ? 64 : 24) : Integer.parseInt(ip.attr("prefix")),
                    ip.attr("peer")));
        }
        return out;
    }

    private static List<Route> routes(XmlElement parent) {
        List<Route> out = new ArrayList<>();
        for (XmlElement r : parent.children("route")) {
            String a = r.attr("address");
            boolean v6 = "ipv6".equals(r.attr("family")) || (a != null && a.contains(":"));
            boolean any = a == null || a.equals("0.0.0.0") || a.equals("::");
            int prefix = r.attr("prefix") != null ? Integer.parseInt(r.attr("prefix")) : any ? 0 : v6 ? 128 : 32;
            out.add(new Route(a == null ? (v6 ? "::" : "0.0.0.0") : a, prefix, r.attr("gateway"), v6));
        }
        return out;
    }
}
