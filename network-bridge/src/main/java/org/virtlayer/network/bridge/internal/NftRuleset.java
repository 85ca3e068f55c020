package org.virtlayer.network.bridge.internal;

import java.util.List;
import org.virtlayer.xml.NetworkDef;
import org.virtlayer.xml.XmlElement;

/**
 * Writes the nftables rules of one network, all in a table of its own ({@link #tableName}), so that the network's
 * rules are replaced in one transaction at start and removed whole at destroy, never mixed with anyone else's:
 * <ul>
 * <li>{@code forward}: guests on the bridge reach each other; nat lets the network's subnets out and lets back in
 * only what they started, route lets both directions through; every other packet into or out of the bridge is
 * refused (isolated networks refuse all but bridge-to-bridge traffic);</li>
 * <li>{@code postrouting} (nat only): the subnets' traffic leaving for elsewhere is masqueraded (TCP and UDP source
 * ports from the {@code <nat><port>} range, 1024-65535 by default), except multicast and broadcast.</li>
 * </ul>
 * Open networks get no table at all, bridge networks neither.
 */
final class NftRuleset {
    private NftRuleset() {
    }

    /** The table's name: the bridge's, which is unique on the node while the network runs. */
    static String tableName(String bridge) {
        return "virtlayer_" + bridge;
    }

    /** True if the forward mode has rules: nat, route and isolated (none). */
    static boolean needed(String forwardMode) {
        return forwardMode == null || forwardMode.equals("nat") || forwardMode.equals("route");
    }

    /** The script for {@code nft -f}: creates the table if missing, deletes it, writes it anew, in one transaction. */
    static String script(NetworkDef def, List<IpDef> ips, String bridge) {
        String mode = def.forwardMode();
        String table = tableName(bridge);
        String br = quoted(bridge);
        XmlElement forward = def.root().child("forward");
        String dev = forward == null ? null : forward.attr("dev");
        String out = dev == null ? "" : " oifname " + quoted(dev);

        StringBuilder s = new StringBuilder();
        s.append("table inet ").append(table).append('\n');
        s.append("delete table inet ").append(table).append('\n');
        s.append("table inet ").append(table).append(" {\n");
        String label = def.name().replaceAll("[^A-Za-z0-9 _.:-]", "_");
        s.append("  comment ").append(quoted("network '" + label + "', forward mode " + (mode == null ? "none"
                : mode))).append('\n');
        s.append("  chain forward {\n");
        s.append("    type filter hook forward priority filter; policy accept;\n");
        s.append("    iifname ").append(br).append(" oifname ").append(br).append(" accept\n");
        if (mode != null) {
            for (IpDef ip : ips) {
                String fam = ip.v6() ? "ip6" : "ip";
                boolean natted = mode.equals("nat") && (!ip.v6() || natIpv6(def));
                s.append("    iifname ").append(br).append(' ').append(fam).append(" saddr ").append(ip.subnet())
                        .append(out).append(" accept\n");
                s.append("    oifname ").append(br).append(' ').append(fam).append(" daddr ").append(ip.subnet());
                if (dev != null) {
                    s.append(" iifname ").append(quoted(dev));
                }
                s.append(natted ? " ct state related,established accept\n" : " accept\n");
            }
        }
        s.append("    iifname ").append(br).append(" reject\n");
        s.append("    oifname ").append(br).append(" reject\n");
        s.append("  }\n");
        if ("nat".equals(mode)) {
            s.append("  chain postrouting {\n");
            s.append("    type nat hook postrouting priority srcnat; policy accept;\n");
            for (IpDef ip : ips) {
                if (ip.v6() && !natIpv6(def)) {
                    continue;
                }
                String fam = ip.v6() ? "ip6" : "ip";
                String from = "    " + fam + " saddr " + ip.subnet() + " ";
                if (ip.v6()) {
                    s.append(from).append("ip6 daddr ff00::/8 return\n");
                } else {
                    s.append(from).append("ip daddr 224.0.0.0/24 return\n");
                    s.append(from).append("ip daddr 255.255.255.255 return\n");
                }
                String leaving = from + fam + " daddr != " + ip.subnet() + out;
                s.append(leaving).append(" meta l4proto { tcp, udp } ").append(translation(forward, fam, true))
                        .append('\n');
                s.append(leaving).append(' ').append(translation(forward, fam, false)).append('\n');
            }
            s.append("  }\n");
        }
        s.append("}\n");
        return s.toString();
    }

    private static boolean natIpv6(NetworkDef def) {
        XmlElement nat = def.root().child("forward") == null ? null : def.root().child("forward").child("nat");
        return nat != null && "yes".equals(nat.attr("ipv6"));
    }

    /** {@code masquerade}, or {@code snat} to the {@code <nat><address>} range, with the port range for TCP and UDP. */
    private static String translation(XmlElement forward, String fam, boolean withPorts) {
        XmlElement nat = forward == null ? null : forward.child("nat");
        XmlElement address = nat == null ? null : nat.child("address");
        XmlElement port = nat == null ? null : nat.child("port");
        String ports = "";
        if (withPorts) {
            String start = port == null || port.attr("start") == null ? "1024" : port.attr("start");
            String end = port == null || port.attr("end") == null ? "65535" : port.attr("end");
            ports = ":" + start + "-" + end;
        }
        if (address != null && fam.equals("ip")) {
            String start = address.attr("start");
            String end = address.attr("end") == null ? start : address.attr("end");
            return "snat ip to " + start + "-" + end + ports;
        }
        return "masquerade" + (ports.isEmpty() ? "" : " to " + ports);
    }

    /** nft's quoting of a device name or comment. */
    private static String quoted(String s) {
        return "\"" + s + "\"";
    }
}
