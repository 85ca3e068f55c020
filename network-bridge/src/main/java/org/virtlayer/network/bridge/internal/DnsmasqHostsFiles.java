package org.virtlayer.network.bridge.internal;

import java.util.List;
import org.virtlayer.xml.NetworkDef;
import org.virtlayer.xml.XmlElement;

/**
 * Writes the two host files dnsmasq re-reads on SIGHUP: the static DHCP hosts ({@code dhcp-hostsfile}, one
 * {@code MAC,IP,NAME} line per IPv4 host, {@code id:ID,[IP],NAME} per IPv6 host) and the DNS hosts of
 * {@code <dns><host>} ({@code addn-hosts}, one {@code IP NAME...} line per address).
 */
final class DnsmasqHostsFiles {
    private DnsmasqHostsFiles() {
    }

    static String dhcpHosts(List<IpDef> ips) {
        StringBuilder b = new StringBuilder();
        for (IpDef ip : ips) {
            for (IpDef.Host h : ip.hosts()) {
                StringBuilder line = new StringBuilder();
                if (ip.v6()) {
                    if (h.id() != null) {
                        line.append("id:").append(h.id());
                    }
                    if (h.ip() != null) {
                        comma(line).append('[').append(IpDef.text(h.ip())).append(']');
                    }
                } else {
                    if (h.mac() != null) {
                        line.append(h.mac());
                    }
                    if (h.ip() != null) {
                        comma(line).append(IpDef.text(h.ip()));
                    }
                }
                if (h.name() != null) {
                    comma(line).append(h.name());
                }
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    private static StringBuilder comma(StringBuilder line) {
        return line.length() == 0 ? line : line.append(',');
    }

    static String dnsHosts(NetworkDef def) {
        StringBuilder b = new StringBuilder();
        XmlElement dns = def.root().child("dns");
        if (dns == null) {
            return "";
        }
        for (XmlElement h : dns.children("host")) {
            if (h.attr("ip") == null) {
                continue;
            }
            StringBuilder line = new StringBuilder(h.attr("ip"));
            for (XmlElement name : h.children("hostname")) {
                line.append(' ').append(name.trimmedText());
            }
            b.append(line).append('\n');
        }
        return b.toString();
    }
}
