package org.virtlayer.network.bridge.internal;

import java.util.List;
import org.virtlayer.api.NetworkUpdateCommand;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.NetworkDef;
import org.virtlayer.xml.XmlElement;

/**
 * {@code net-update ... ip-dhcp-host}: adds, changes or removes one static DHCP host of a definition, with libvirt's
 * rules: a host entry is the same host as another if they share a MAC address, a name or an address; a new one must
 * not be the same as any; a changed one is found by its MAC address.
 */
final class DhcpHostSection {
    private DhcpHostSection() {
    }

    static void update(NetworkDef def, NetworkUpdateCommand command, int parentIndex, XmlElement host) {
        if (!host.name().equals("host")) {
            throw VirtException.xml("unexpected element <" + host.name() + ">, expecting <host>");
        }
        String network = def.name();
        XmlElement ip = parent(def.ips(), parentIndex, network);
        IpDef.host(host, "ipv6".equals(ip.attr("family")), IpDef.of(ip, network), network);
        XmlElement dhcp = ip.childOrCreate("dhcp");
        XmlElement same = null;
        for (XmlElement h : dhcp.children("host")) {
            if (sameHost(h, host)) {
                same = h;
                break;
            }
        }
        switch (command) {
            case ADD_FIRST, ADD_LAST -> {
                if (same != null) {
                    throw VirtException.invalidOperation("there is an existing dhcp host entry in network '" + network
                            + "' that matches \"" + host.toString().strip() + "\"");
                }
                List<XmlElement> hosts = dhcp.children("host");
                if (command == NetworkUpdateCommand.ADD_FIRST && !hosts.isEmpty()) {
                    dhcp.add(dhcp.indexOf(hosts.get(0)), host.copy());
                } else {
                    dhcp.add(host.copy());
                }
            }
            case DELETE -> {
                if (same == null) {
                    throw VirtException.invalidOperation("couldn't locate a matching dhcp host entry in network '"
                            + network + "'");
                }
                dhcp.remove(same);
            }
            case MODIFY -> {
                XmlElement byMac = null;
                for (XmlElement h : dhcp.children("host")) {
                    if (equalIgnoringCase(h.attr("mac"), host.attr("mac"))) {
                        byMac = h;
                    }
                }
                if (byMac == null) {
                    throw VirtException.invalidOperation("couldn't locate an existing dhcp host entry with \"mac='"
                            + host.attr("mac") + "'\" in network '" + network + "'");
                }
                dhcp.replace(byMac, host.copy());
            }
        }
        if (dhcp.children().isEmpty()) {
            ip.remove(dhcp);
        } else {
            dhcp.orderChildren(List.of("range", "host", "bootp"));
        }
    }

    /** The {@code <ip>} the command names, or the first IPv4 one. */
    private static XmlElement parent(List<XmlElement> ips, int parentIndex, String network) {
        if (parentIndex >= 0) {
            if (parentIndex >= ips.size()) {
                throw VirtException.invalidArg("couldn't update dhcp host entry - no <ip> element found at index "
                        + parentIndex + " in network '" + network + "'");
            }
            return ips.get(parentIndex);
        }
        for (XmlElement ip : ips) {
            if (!"ipv6".equals(ip.attr("family"))) {
                return ip;
            }
        }
        throw VirtException.invalidArg("can't update 'ip-dhcp-host' section of network '" + network
                + "' - no IPv4 address found");
    }

    private static boolean sameHost(XmlElement a, XmlElement b) {
        return equalIgnoringCase(a.attr("mac"), b.attr("mac")) || equalIgnoringCase(a.attr("name"), b.attr("name"))
                || equalIgnoringCase(a.attr("ip"), b.attr("ip"));
    }

    private static boolean equalIgnoringCase(String x, String y) {
        return x != null && x.equalsIgnoreCase(y);
    }
}
