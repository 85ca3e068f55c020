package org.virtlayer.network.bridge.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.NetworkDhcpLease;
import org.virtlayer.api.VirtException;

/**
 * Reads dnsmasq's lease file: {@code EXPIRY MAC IP HOSTNAME CLIENTID} per IPv4 lease; after a {@code duid} line,
 * {@code EXPIRY IAID IP HOSTNAME DUID} per IPv6 lease. {@code *} stands for an unknown hostname or client id; an
 * expiry of 0 means never.
 */
final class DhcpLeaseFile {
    private DhcpLeaseFile() {
    }

    static List<NetworkDhcpLease> read(Path file, String bridge, List<IpDef> ips, String mac, long nowSeconds) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new VirtException(ErrorCode.READ_FAILED, "cannot read lease file " + file + ": " + e.getMessage(), e);
        }
        return parse(lines, bridge, ips, mac, nowSeconds);
    }

    static List<NetworkDhcpLease> parse(List<String> lines, String bridge, List<IpDef> ips, String mac,
            long nowSeconds) {
        List<NetworkDhcpLease> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 5 || f[0].equals("duid")) {
                continue;
            }
            long expiry;
            try {
                expiry = Long.parseLong(f[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (expiry != 0 && expiry < nowSeconds) {
                continue;
            }
            boolean v6 = f[2].contains(":");
            String leaseMac = v6 ? null : f[1].toLowerCase(java.util.Locale.ROOT);
            if (mac != null && !mac.equalsIgnoreCase(leaseMac == null ? "" : leaseMac)) {
                continue;
            }
            out.add(new NetworkDhcpLease(bridge, expiry, v6, leaseMac, v6 ? f[1] : null, f[2], prefixOf(f[2], v6,
                    ips), star(f[3]), star(f[4])));
        }
        return out;
    }

    private static String star(String s) {
        return s.equals("*") ? null : s;
    }

    private static int prefixOf(String address, boolean v6, List<IpDef> ips) {
        try {
            InetAddress a = IpDef.literal(address, v6, "lease address");
            for (IpDef ip : ips) {
                if (ip.v6() == v6 && ip.contains(a)) {
                    return ip.prefix();
                }
            }
        } catch (VirtException e) {
            // a line dnsmasq would not write: keep the lease, without a prefix
        }
        return 0;
    }
}
