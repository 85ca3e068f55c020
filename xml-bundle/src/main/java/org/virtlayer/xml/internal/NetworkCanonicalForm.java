package org.virtlayer.xml.internal;

import java.util.List;
import java.util.Set;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.ElementOrder;
import org.virtlayer.xml.XmlElement;

/** libvirt's parse-time rules for a network definition. */
public final class NetworkCanonicalForm {
    private NetworkCanonicalForm() {
    }

    public static final ElementOrder TOP_ORDER = ElementOrder.of("name", "uuid", "title", "description", "metadata",
            "forward", "bridge", "mtu", "mac", "domain", "dns", "ip", "route", "virtualport", "portgroup", "bandwidth",
            "vlan", "port");

    private static final Set<String> MODES = Set.of("nat", "route", "open", "bridge", "private", "vepa",
            "passthrough", "hostdev");

    public static void apply(XmlElement root) {
        Names.expectRoot(root, "network");
        Names.checkName(root);
        Names.uuid(root);
        XmlElement fwd = root.child("forward");
        if (fwd != null && fwd.attr("mode") != null && !MODES.contains(fwd.attr("mode"))) {
            throw VirtException.xml("unknown forwarding type '" + fwd.attr("mode") + "'");
        }
        String mode = fwd == null ? null : fwd.attr("mode") == null ? "nat" : fwd.attr("mode");
        boolean routed = mode == null || mode.equals("nat") || mode.equals("route") || mode.equals("open");
        XmlElement bridge = root.child("bridge");
        if (routed && bridge != null) {
            // a bridge libvirt creates itself gets spanning tree on and no forward delay unless told otherwise
            if (bridge.attr("stp") == null) {
                bridge.attr("stp", "on");
            }
            if (bridge.attr("delay") == null) {
                bridge.attr("delay", "0");
            }
            bridge.orderAttributes(List.of("name", "stp", "delay"));
        }
        for (XmlElement ip : root.children("ip")) {
            ip.expanded(true);
        }
        orderTop(root);
    }

    public static void orderTop(XmlElement root) {
        root.orderChildren(TOP_ORDER);
    }
}
