package org.virtlayer.network.bridge.internal;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.spi.MacAddresses;
import org.virtlayer.xml.NetworkDef;
import org.virtlayer.xml.XmlElement;

/**
 * Reads a network definition with the rules of this backend: the forward modes it serves, libvirt's checks for
 * bridge networks, and every value that ends up in a dnsmasq file, an nft script or an ip command checked to be what
 * it claims (an address, a host name, a device name), so that no definition can smuggle a line into any of them.
 */
final class NetworkDefs {
    static final Set<String> MODES = Set.of("nat", "route", "open", "bridge");

    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?");
    private static final Pattern DHCP_ID = Pattern.compile("[0-9A-Fa-f]{1,2}(:[0-9A-Fa-f]{1,2})*");

    private NetworkDefs() {
    }

    static NetworkDef parse(String xml) {
        NetworkDef def = NetworkDef.parse(xml);
        check(def);
        return def;
    }

    /** A managed bridge: the network makes and owns it (every mode but bridge). */
    static boolean managesBridge(NetworkDef def) {
        return !"bridge".equals(def.forwardMode());
    }

    static void check(NetworkDef def) {
        String name = def.name();
        String mode = def.forwardMode();
        if (mode != null && !MODES.contains(mode)) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: forward mode '" + mode
                    + "' of network '" + name + "' is not served by the network-bridge backend (nat, route, open,"
                    + " bridge, or none for an isolated network)");
        }
        XmlElement forward = def.root().child("forward");
        if (forward != null && forward.attr("dev") != null) {
            device(forward.attr("dev"), "forward dev of network '" + name + "'");
        }
        String bridge = def.bridgeName();
        if (bridge != null && !bridge.contains("%d")) {
            device(bridge, "bridge name of network '" + name + "'");
        }
        if (!managesBridge(def)) {
            if (bridge == null) {
                throw VirtException.xml("network '" + name + "' has forward mode 'bridge' but no bridge device"
                        + " defined");
            }
            for (String unsupported : List.of("ip", "dns", "domain", "mac", "route")) {
                if (def.root().child(unsupported) != null) {
                    throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: Unsupported <"
                            + unsupported + "> element in network '" + name + "' with forward mode='bridge'");
                }
            }
        }
        if (def.macAddress() != null) {
            MacAddresses.normalize(def.macAddress());
        }
        List<IpDef> ips = IpDef.of(def.ips(), name);
        if (ips.stream().filter(i -> !i.v6() && i.hasDhcp()).count() > 1) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: Multiple IPv4 dhcp"
                    + " sections found -- dhcp is supported only for a single IPv4 address on each network");
        }
        if (ips.stream().filter(i -> i.v6() && i.hasDhcp()).count() > 1) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: Multiple IPv6 dhcp"
                    + " sections found -- dhcp is supported only for a single IPv6 address on each network");
        }
        checkNat(forward, name);
        checkDns(def, name);
        for (XmlElement r : def.root().children("route")) {
            boolean v6 = "ipv6".equals(r.attr("family"));
            IpDef.literal(r.attr("address"), v6, "route address of network '" + name + "'");
            IpDef.literal(r.attr("gateway"), v6, "route gateway of network '" + name + "'");
            number(r.attr("prefix"), 0, v6 ? 128 : 32, "route prefix");
            number(r.attr("metric"), 0, Integer.MAX_VALUE, "route metric");
        }
    }

    private static void checkNat(XmlElement forward, String name) {
        XmlElement nat = forward == null ? null : forward.child("nat");
        if (nat == null) {
            return;
        }
        XmlElement address = nat.child("address");
        if (address != null) {
            IpDef.literal(address.attr("start"), false, "nat address of network '" + name + "'");
            if (address.attr("end") != null) {
                IpDef.literal(address.attr("end"), false, "nat address of network '" + name + "'");
            }
        }
        XmlElement port = nat.child("port");
        if (port != null) {
            number(port.attr("start"), 1, 65535, "nat port");
            number(port.attr("end"), 1, 65535, "nat port");
        }
    }

    private static void checkDns(NetworkDef def, String name) {
        XmlElement domain = def.root().child("domain");
        if (domain != null && domain.attr("name") != null) {
            hostname(domain.attr("name"), "domain of network '" + name + "'");
        }
        XmlElement dns = def.root().child("dns");
        if (dns == null) {
            return;
        }
        for (XmlElement f : dns.children("forwarder")) {
            if (f.attr("addr") != null) {
                String a = f.attr("addr");
                IpDef.literal(a, a.contains(":"), "DNS forwarder of network '" + name + "'");
            }
            if (f.attr("domain") != null) {
                hostname(f.attr("domain"), "DNS forwarder domain of network '" + name + "'");
            }
        }
        for (XmlElement h : dns.children("host")) {
            String ip = h.attr("ip");
            IpDef.literal(ip, ip != null && ip.contains(":"), "DNS host of network '" + name + "'");
            for (XmlElement n : h.children("hostname")) {
                hostname(n.trimmedText(), "DNS host name of network '" + name + "'");
            }
        }
        for (IpDef ip : IpDef.of(def.ips(), name)) {
            for (IpDef.Host host : ip.hosts()) {
                if (host.id() != null && !DHCP_ID.matcher(host.id()).matches()) {
                    throw VirtException.xml("invalid DHCP identifier '" + host.id() + "' in network '" + name + "'");
                }
            }
        }
    }

    static void device(String value, String what) {
        if (!DEVICE.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            throw VirtException.xml("invalid " + what + ": '" + value + "' (1 to 15 letters, digits, '_', '.', '-')");
        }
    }

    private static void hostname(String value, String what) {
        if (value == null || value.length() > 253 || !HOSTNAME.matcher(value).matches()) {
            throw VirtException.xml("invalid " + what + ": '" + value + "'");
        }
    }

    private static void number(String value, long min, long max, String what) {
        if (value == null) {
            return;
        }
        try {
            long n = Long.parseLong(value);
            if (n < min || n > max) {
                throw VirtException.xml(what + " " + value + " is out of range");
            }
        } catch (NumberFormatException e) {
            throw VirtException.xml("invalid " + what + " '" + value + "'");
        }
    }

    /**
     * The live definition a network starts with: the persistent one, plus what libvirt shows of a running NAT network,
     * the source port range its masquerading uses ({@code <nat><port start='1024' end='65535'/>}).
     */
    static NetworkDef live(NetworkDef def) {
        NetworkDef live = def.copy();
        XmlElement forward = live.root().child("forward");
        if ("nat".equals(live.forwardMode()) && forward != null) {
            XmlElement nat = forward.childOrCreate("nat");
            if (nat.child("port") == null) {
                nat.add(XmlElement.of("port", "start", "1024", "end", "65535"));
            }
            nat.orderChildren(List.of("address", "port"));
            forward.orderChildren(List.of("nat", "interface", "pf", "address", "driver"));
        }
        return live;
    }

    /**
     * Gives a network what libvirt gives it when it is defined: a bridge name from its template ({@code virbr%d} when
     * it names none) and, for a bridge it manages, a MAC address, so that both stay the same across restarts.
     */
    static void assign(NetworkDef def, BridgeNames names) {
        if (!managesBridge(def)) {
            return;
        }
        String bridge = def.bridgeName();
        if (bridge == null || bridge.contains("%d")) {
            def.setBridgeName(names.free(bridge == null ? BridgeNames.DEFAULT_TEMPLATE : bridge, def.name()));
        } else {
            names.checkUnused(bridge, def.name());
        }
        XmlElement b = def.root().child("bridge");
        if (b.attr("stp") == null) {
            b.attr("stp", "on");
        }
        if (b.attr("delay") == null) {
            b.attr("delay", "0");
        }
        b.orderAttributes(List.of("name", "stp", "delay"));
        if (def.macAddress() == null) {
            def.setMacAddress(MacAddresses.generate());
        } else {
            def.setMacAddress(MacAddresses.normalize(def.macAddress()));
        }
    }
}
