package org.virtlayer.driver.test.internal;

import java.util.List;
import org.virtlayer.api.NetworkUpdateCommand;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.NetworkDef;
import org.virtlayer.xml.XmlElement;

/** {@code net-update ... ip-dhcp-host}: adding, changing and removing static DHCP hosts, as libvirt does. */
final class DhcpHosts {
    private DhcpHosts() {
    }

    static void update(NetworkDef def, String network, NetworkUpdateCommand command, int parentIndex,
            XmlElement host) {
        List<XmlElement> ips = def.ips();
        XmlElement ip = null;
        if (parentIndex >= 0) {
            if (parentIndex >= ips.size()) {
                throw VirtException.invalidArg("couldn't update dhcp host entry - no <ip> element found at index "
                        + parentIndex + " in network '" + network + "'");
            }
            ip = ips.get(parentIndex);
        } else {
            for (XmlElement i : ips) {
                if (!"ipv6".equals(i.attr("family"))) {
                    ip = i;
                    break;
                }
            }
        }
        if (ip == null) {
            throw VirtException.invalidArg("can't update 'ip-dhcp-host' section of network '" + network
                    + "' - no IPv4 address found");
        }
        XmlElement dhcp = ip.childOrCreate("dhcp");
        XmlElement match = null;
        for (XmlElement h : dhcp.children("host")) {
            if (same(h, host)) {
                match = h;
                break;
            }
        }
        switch (command) {
            case ADD_FIRST, ADD_LAST -> {
                if (match != null) {
                    throw VirtException.invalidOperation("there is an existing dhcp host entry in network '"
                            + network + "' that matches \"" + host.toString().strip() + "\"");
                }
                XmlElement copy = host.copy();
                if (command == NetworkUpdateCommand.ADD_FIRST) {
                    int first = dhcp.children().isEmpty() ? 0 : firstHostIndex(dhcp);
                    dhcp.add(first, copy);
                } else {
                    dhcp.add(copy);
                }
            }
            case DELETE -> {
                if (match == null) {
                    throw VirtException.invalidOperation("couldn't locate a matching dhcp host entry in network '"
                            + network + "'");
                }
                dhcp.remove(match);
            }
            case MODIFY -> {
                if (match == null) {
                    throw VirtException.invalidOperation("couldn't locate an existing dhcp host entry with \"mac='"
                            + host.attr("mac") + "'\" in network '" + network + "'");
                }
                dhcp.replace(match, host.copy());
            }
        }
        dhcp.orderChildren(List.of("range", "host", "bootp"));
    }

    private static int firstHostIndex(XmlElement dhcp) {
        for (int i = 0; i < dhcp.children().size(); i++) {
            if (dhcp.children().get(i).name().equals("host")) {
                return i;
            }
        }
        return dhcp.children().size();
    }

    /** Two host entries designate the same host if they share a MAC, a name or an address. */
    private static boolean same(XmlElement a, XmlElement b) {
        return eq(a.attr("mac"), b.attr("mac")) || eq(a.attr("name"), b.attr("name"))
                || eq(a.attr("ip"), b.attr("ip"));
    }

    private static boolean eq(String x, String y) {
        return x != null && x.equalsIgnoreCase(y);
    }
}
