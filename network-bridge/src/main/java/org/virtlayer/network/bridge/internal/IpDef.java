package org.virtlayer.network.bridge.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.XmlElement;

/**
 * One {@code <ip>} element of a network, read and checked: the bridge's address and prefix, the subnet, and its DHCP
 * ranges and static hosts.
 */
record IpDef(boolean v6, InetAddress address, int prefix, List<Range> ranges, List<Host> hosts) {
    /** A DHCP range, both ends inside the subnet. */
    record Range(InetAddress start, InetAddress end) {
        long size() {
            return toNumber(end).subtract(toNumber(start)).longValueExact() + 1;
        }
    }

    /** A static DHCP host: IPv4 hosts by MAC, IPv6 hosts by DHCP identifier (id) or name. */
    record Host(String mac, String id, String name, InetAddress ip) {
    }

    private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    /** All {@code <ip>} elements of a definition. */
    static List<IpDef> of(List<XmlElement> ips, String network) {
        List<IpDef> out = new ArrayList<>();
        for (XmlElement ip : ips) {
            out.add(of(ip, network));
        }
        return out;
    }

    static IpDef of(XmlElement ip, String network) {
        boolean v6 = "ipv6".equals(ip.attr("family"));
        InetAddress address = literal(ip.attr("address"), v6, "address of network '" + network + "'");
        int bits = v6 ? 128 : 32;
        int prefix;
        if (ip.attr("prefix") != null) {
            try {
                prefix = Integer.parseInt(ip.attr("prefix"));
            } catch (NumberFormatException e) {
                throw VirtException.xml("invalid prefix '" + ip.attr("prefix") + "' in network '" + network + "'");
            }
        } else if (ip.attr("netmask") != null && !v6) {
            prefix = prefixOf(literal(ip.attr("netmask"), false, "netmask of network '" + network + "'"), network);
        } else {
            prefix = v6 ? 64 : classfulPrefix(address);
        }
        if (prefix < 1 || prefix > bits) {
            throw VirtException.xml("invalid prefix " + prefix + " in network '" + network + "'");
        }
        List<Range> ranges = new ArrayList<>();
        List<Host> hosts = new ArrayList<>();
        XmlElement dhcp = ip.child("dhcp");
        IpDef bare = new IpDef(v6, address, prefix, ranges, hosts);
        if (dhcp != null) {
            for (XmlElement r : dhcp.children("range")) {
                InetAddress start = literal(r.attr("start"), v6, "dhcp range start in network '" + network + "'");
                InetAddress end = literal(r.attr("end"), v6, "dhcp range end in network '" + network + "'");
                if (!bare.contains(start) || !bare.contains(end)
                        || toNumber(start).compareTo(toNumber(end)) > 0) {
                    throw VirtException.invalidArg("range " + r.attr("start") + " - " + r.attr("end")
                            + " is not entirely within network " + bare.subnet() + " of network '" + network + "'");
                }
                ranges.add(new Range(start, end));
            }
            for (XmlElement h : dhcp.children("host")) {
                hosts.add(host(h, v6, bare, network));
            }
        }
        return bare;
    }

    static Host host(XmlElement h, boolean v6, IpDef ip, String network) {
        InetAddress addr = h.attr("ip") == null ? null : literal(h.attr("ip"), v6, "dhcp host ip in network '"
                + network + "'");
        if (addr != null && !ip.contains(addr)) {
            throw VirtException.invalidArg("dhcp host ip " + h.attr("ip") + " is not within network " + ip.subnet()
                    + " of network '" + network + "'");
        }
        String mac = h.attr("mac") == null ? null : org.virtlayer.spi.MacAddresses.normalize(h.attr("mac"));
        if (!v6 && mac == null && h.attr("name") == null) {
            throw VirtException.xml("static host definition in IPv4 network '" + network + "' must have mac or"
                    + " name attribute");
        }
        if (v6 && h.attr("id") == null && h.attr("name") == null) {
            throw VirtException.xml("static host definition in IPv6 network '" + network + "' must have id or"
                    + " name attribute");
        }
        if (h.attr("name") != null && !h.attr("name").matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw VirtException.xml("invalid host name '" + h.attr("name") + "' in network '" + network + "'");
        }
        return new Host(mac, h.attr("id"), h.attr("name"), addr);
    }

    /**
     * Parses an address literal only. IPv4 is parsed here: {@link InetAddress#getByName} would take {@code 999.1.1.1}
     * for a host name and ask DNS; with a colon it accepts IPv6 literals only.
     */
    static InetAddress literal(String text, boolean v6, String what) {
        if (text == null || !(v6 ? V6 : V4).matcher(text).matches()) {
            throw VirtException.xml("invalid " + (v6 ? "IPv6" : "IPv4") + " " + what + ": '" + text + "'");
        }
        try {
            if (v6) {
                return InetAddress.getByName(text);
            }
            String[] parts = text.split("\\.");
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    throw new UnknownHostException(text);
                }
                b[i] = (byte) octet;
            }
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw VirtException.xml("invalid " + what + ": '" + text + "'");
        }
    }

    private static int prefixOf(InetAddress netmask, String network) {
        int bits = toNumber(netmask).bitCount();
        long expected = ((1L << bits) - 1) << (32 - bits);
        if (toNumber(netmask).longValue() != expected) {
            throw VirtException.xml("invalid netmask " + netmask.getHostAddress() + " in network '" + network + "'");
        }
        return bits;
    }

    /** The prefix of an old-style class A, B or C address, as libvirt assumes when neither prefix nor netmask is given. */
    private static int classfulPrefix(InetAddress a) {
        int first = a.getAddress()[0] & 0xff;
        return first < 128 ? 8 : first < 192 ? 16 : 24;
    }

    /**
     * The address as text: dotted for IPv4; for IPv6 RFC 5952's short form (lower case, the longest run of zero
     * groups as {@code ::}), as ip, nft and dnsmasq print it.
     */
    static String text(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return a.getHostAddress();
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8;) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }

    static BigInteger toNumber(InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }

    private BigInteger mask() {
        int bits = v6 ? 128 : 32;
        return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(prefix).not()
                .and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
    }

    boolean contains(InetAddress a) {
        return a.getAddress().length == address.getAddress().length
                && toNumber(a).and(mask()).equals(toNumber(address).and(mask()));
    }

    /** The subnet's first address, e.g. 192.168.122.0. */
    InetAddress network() {
        return fromNumber(toNumber(address).and(mask()));
    }

    /** The subnet in CIDR form, e.g. {@code 192.168.122.0/24}. */
    String subnet() {
        return text(network()) + "/" + prefix;
    }

    /** The bridge's address in CIDR form, e.g. {@code 192.168.122.1/24}. */
    String cidr() {
        return text(address) + "/" + prefix;
    }

    /** IPv4's broadcast address of the subnet. */
    InetAddress broadcast() {
        BigInteger all = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
        return fromNumber(toNumber(address).or(mask().not().and(all)));
    }

    /** The netmask in dotted form (IPv4). */
    String netmask() {
        return fromNumber(mask()).getHostAddress();
    }

    private InetAddress fromNumber(BigInteger n) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[v6 ? 16 : 4];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean hasDhcp() {
        return !ranges.isEmpty() || !hosts.isEmpty();
    }
}
