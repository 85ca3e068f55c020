package org.virtlayer.network.bridge.internal;

import java.util.List;
import org.virtlayer.xml.NetworkDef;
import org.virtlayer.xml.XmlElement;

/**
 * Writes a network's dnsmasq configuration: DHCP for the ranges and static hosts of its {@code <ip>} elements and DNS
 * for its {@code <dns>} and {@code <domain>}, bound to the network's bridge only. The static hosts live in separate
 * files ({@link DnsmasqHostsFiles}) so that a change to them needs a SIGHUP, not a restart.
 */
final class DnsmasqConfig {
    private DnsmasqConfig() {
    }

    /** True if the network needs a dnsmasq at all: it has an address on which to serve DHCP or DNS. */
    static boolean needed(List<IpDef> ips) {
        return !ips.isEmpty();
    }

    static String of(NetworkDef def, List<IpDef> ips, String bridge, DnsmasqFiles files) {
        StringBuilder c = new StringBuilder();
        c.append("# dnsmasq for network '").append(def.name()).append("', written by virtlayer's network-bridge"
                + " backend at each start; changes here are lost\n");
        // ask the upstream servers in the order given, as a resolv.conf user expects
        c.append("strict-order\n");
        c.append("pid-file=").append(files.pid()).append('\n');
        // serve the bridge only, binding to its addresses as they come and go, never to the host's other devices
        c.append("except-interface=lo\n");
        c.append("bind-dynamic\n");
        c.append("interface=").append(bridge).append('\n');

        XmlElement dns = def.root().child("dns");
        if (dns != null && "no".equals(dns.attr("enable"))) {
            c.append("port=0\n");
        } else if (dns != null) {
            for (XmlElement f : dns.children("forwarder")) {
                String addr = f.attr("addr");
                String domain = f.attr("domain");
                if (domain != null) {
                    c.append("server=/").append(domain).append('/').append(addr == null ? "" : addr).append('\n');
                } else if (addr != null) {
                    c.append("server=").append(addr).append('\n');
                }
            }
        }
        XmlElement domain = def.root().child("domain");
        if (domain != null && domain.attr("name") != null) {
            if ("yes".equals(domain.attr("localOnly"))) {
                c.append("local=/").append(domain.attr("name")).append("/\n");
            }
            c.append("domain=").append(domain.attr("name")).append('\n');
            c.append("expand-hosts\n");
        }

        long leaseMax = 0;
        boolean dhcp = false;
        boolean v6 = false;
        for (IpDef ip : ips) {
            v6 |= ip.v6();
            for (IpDef.Range r : ip.ranges()) {
                c.append("dhcp-range=").append(IpDef.text(r.start())).append(',')
                        .append(IpDef.text(r.end())).append(',')
                        .append(ip.v6() ? Integer.toString(ip.prefix()) : ip.netmask()).append('\n');
                leaseMax += r.size();
                dhcp = true;
            }
            if (ip.ranges().isEmpty() && !ip.hosts().isEmpty()) {
                // no dynamic range: dnsmasq then serves the static hosts only
                c.append("dhcp-range=").append(IpDef.text(ip.network())).append(",static")
                        .append(ip.v6() ? "," + ip.prefix() : "").append('\n');
                dhcp = true;
            }
        }
        if (dhcp) {
            // this dnsmasq is the only DHCP server on the bridge: it answers at once and keeps clients' options
            c.append("dhcp-no-override\n");
            c.append("dhcp-authoritative\n");
            if (leaseMax > 0) {
                // as many leases as the ranges hold; static hosts change with net-update, which must not need a
                // restart
                c.append("dhcp-lease-max=").append(leaseMax).append('\n');
            }
            c.append("dhcp-leasefile=").append(files.leases()).append('\n');
            c.append("dhcp-hostsfile=").append(files.hostsfile()).append('\n');
        }
        c.append("addn-hosts=").append(files.addnhosts()).append('\n');
        if (v6) {
            c.append("enable-ra\n");
        }
        return c.toString();
    }
}
