package org.virtlayer.xml.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.XmlElement;

/**
 * libvirt's parse-time rules for a network definition: the forward mode and its device pool, the bridge defaults of
 * the modes where libvirt creates the bridge itself, MAC addresses in lower case, and libvirt's element order.
 */
public final class NetworkCanonicalForm {
    private NetworkCanonicalForm() {
    }

    public static final List<String> TOP_ORDER = List.of("name", "uuid", "title", "description", "metadata",
            "forward", "bridge", "mtu", "mac", "domain", "dns", "vlan", "bandwidth", "port", "ip", "route",
            "virtualport", "portgroup", "dnsmasq:options");

    private static final Set<String> MODES = Set.of("nat", "route", "open", "bridge", "private", "vepa",
            "passthrough", "hostdev");
    /** Modes where libvirt creates and owns the bridge, so spanning tree and forward delay apply. */
    private static final Set<String> OWN_BRIDGE = Set.of("none", "nat", "route", "open");

    private static final OrderRule ORDER = order();

    private static OrderRule order() {
        OrderRule r = new OrderRule().attrs("connections", "ipv6", "trustGuestRxFilters")
                .children(TOP_ORDER.toArray(String[]::new));
        r.child("forward").attrs("dev", "mode", "managed").children("driver", "nat", "pf", "interface", "address");
        r.path("forward/nat").children("address", "port");
        r.path("forward/address").attrs("type", "domain", "bus", "slot", "function");
        r.child("bridge").attrs("name", "zone", "stp", "delay", "macTableManager");
        r.child("domain").attrs("name", "localOnly", "register");
        r.child("dns").attrs("enable", "forwardPlainNames").children("forwarder", "txt", "srv", "host");
        r.path("dns/forwarder").attrs("domain", "addr");
        r.path("dns/srv").attrs("service", "protocol", "domain", "target", "port", "priority", "weight");
        r.child("ip").attrs("family", "address", "netmask", "prefix", "localPtr").children("tftp", "dhcp")
                .expanded();
        r.path("ip/dhcp").children("range", "host", "bootp");
        r.path("ip/dhcp/range").attrs("start", "end");
        r.path("ip/dhcp/host").attrs("mac", "id", "name", "ip");
        r.path("ip/dhcp/bootp").attrs("file", "server");
        r.child("route").attrs("family", "address", "netmask", "prefix", "gateway", "metric");
        r.child("portgroup").attrs("name", "default", "trustGuestRxFilters")
                .children("vlan", "virtualport", "bandwidth");
        return r;
    }

    public static void apply(XmlElement root) {
        Names.expectRoot(root, "network");
        Names.checkName(root);
        Names.uuid(root);
        if (root.attr("ipv6") != null && !root.attr("ipv6").equals("yes")) {
            // libvirt keeps only the positive form of the switch
            root.removeAttr("ipv6");
        }
        String mode = forward(root);
        bridge(root, mode);
        mac(root);
        ORDER.apply(root);
    }

    /** Checks the forward element and fills in its defaults; returns the mode ({@code none} without forwarding). */
    private static String forward(XmlElement root) {
        XmlElement fwd = root.child("forward");
        if (fwd == null) {
            return "none";
        }
        String mode = fwd.attr("mode");
        if (mode == null) {
            mode = "nat";
            fwd.attr("mode", mode);
        } else if (!MODES.contains(mode)) {
            throw VirtException.xml("unknown forwarding type '" + mode + "'");
        }
        List<XmlElement> pfs = fwd.children("pf");
        String dev = fwd.attr("dev");
        if (pfs.size() > 1) {
            throw VirtException.xml("Only one <pf> element is allowed in <forward> of network "
                    + root.childText("name"));
        }
        if (!pfs.isEmpty() && dev != null) {
            throw VirtException.xml("A forward Dev should not be used when using a SRIOV PF");
        }
        List<XmlElement> ifs = fwd.children("interface");
        Set<String> seen = new HashSet<>();
        for (XmlElement i : ifs) {
            String d = i.attr("dev");
            if (d == null || d.isEmpty()) {
                throw VirtException.xml("Missing required dev attribute in <forward> <interface> element of network "
                        + root.childText("name"));
            }
            if (!seen.add(d)) {
                throw VirtException.xml("forward interface name '" + d + "' is used multiple times in network "
                        + root.childText("name"));
            }
        }
        if (dev != null) {
            if (ifs.isEmpty()) {
                fwd.add(XmlElement.of("interface", "dev", dev));
            } else if (!dev.equals(ifs.get(0).attr("dev"))) {
                throw VirtException.xml("forward dev '" + dev + "' must match first interface element dev '"
                        + ifs.get(0).attr("dev") + "' in network '" + root.childText("name") + "'");
            }
        } else if (!ifs.isEmpty()) {
            // libvirt writes the first device of the pool as the forward dev
            fwd.attr("dev", ifs.get(0).attr("dev"));
        }
        if (mode.equals("hostdev")) {
            fwd.attr("managed", "yes".equals(fwd.attr("managed")) ? "yes" : "no");
        } else {
            fwd.removeAttr("managed");
        }
        if ((mode.equals("nat") || mode.equals("route")) && fwd.children("interface").size() > 1) {
            throw VirtException.xml("multiple forwarding interfaces specified for network '"
                    + root.childText("name") + "', only one is supported");
        }
        return mode;
    }

    private static void bridge(XmlElement root, String mode) {
        XmlElement bridge = root.child("bridge");
        String name = root.childText("name");
        if (OWN_BRIDGE.contains(mode)) {
            if (bridge == null) {
                bridge = root.add(new XmlElement("bridge"));
            }
            String stp = bridge.attr("stp");
            bridge.attr("stp", stp != null && stp.equals("off") ? "off" : "on");
            String delay = bridge.attr("delay");
            bridge.attr("delay", delay == null ? "0" : Long.toString(unsigned(delay, "bridge delay")));
            return;
        }
        if (root.child("mtu") != null && !mode.equals("bridge")) {
            throw VirtException.xml("mtu size only allowed in open, route, nat, and isolated mode, not in " + mode
                    + " (network '" + name + "')");
        }
        if (bridge == null) {
            return;
        }
        if (!mode.equals("bridge") && bridge.attr("name") != null) {
            throw VirtException.xml("bridge name not allowed in " + mode + " mode (network '" + name + "')");
        }
        if (bridge.attr("stp") != null || bridge.attr("delay") != null || bridge.attr("zone") != null) {
            throw VirtException.xml("bridge delay/stp/zone options only allowed in route, nat, and isolated mode, "
                    + "not in " + mode + " (network '" + name + "')");
        }
        if (bridge.attrCount() == 0 && bridge.children().isEmpty()) {
            root.remove(bridge);
        }
    }

    private static long unsigned(String s, String what) {
        try {
            long v = Long.parseLong(s.strip());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw VirtException.xml("Invalid " + what + " value '" + s + "'");
    }

    private static void mac(XmlElement root) {
        XmlElement mac = root.child("mac");
        if (mac == null) {
            return;
        }
        String a = mac.attr("address");
        if (a == null || !Macs.isValid(a)) {
            throw VirtException.xml("Invalid bridge mac address '" + a + "' in network '" + root.childText("name")
                    + "'");
        }
        String lower = a.toLowerCase(Locale.ROOT);
        if (Macs.isMulticast(lower)) {
            throw VirtException.xml("Invalid multicast bridge mac address '" + a + "' in network '"
                    + root.childText("name") + "'");
        }
        mac.attr("address", Macs.canonical(lower));
    }

    /** What {@code VIR_NETWORK_XML_INACTIVE} shows: the definition as parsed, without what a running network adds. */
    public static XmlElement inactiveView(XmlElement root) {
        return root;
    }

    public static void orderTop(XmlElement root) {
        root.orderChildren(TOP_ORDER);
    }
}
