package org.virtlayer.shell.internal.network;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.support.table.ShellTable;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Network;
import org.virtlayer.api.NetworkDhcpLease;
import org.virtlayer.shell.internal.Attempt;
import org.virtlayer.shell.internal.ObjectLookup;

/** virsh's {@code net-dhcp-leases}: one row per lease, ordered by MAC address, expiry in the console's time zone. */
public final class NetworkLeases {
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Connection conn;
    private final ZoneId zone;

    public NetworkLeases(Connection conn) {
        this(conn, ZoneId.systemDefault());
    }

    /** With the zone expiry times are shown in (virsh uses the local one). */
    public NetworkLeases(Connection conn, ZoneId zone) {
        this.conn = conn;
        this.zone = zone;
    }

    /** The leases of the network, or only those of {@code mac} when it is given. */
    public ShellTable table(String name, String mac) {
        Network n = ObjectLookup.NETWORK.resolve(conn, name);
        List<NetworkDhcpLease> leases = new ArrayList<>(Attempt.get("Failed to get leases info for " + n.name(),
                () -> n.dhcpLeases(mac)));
        leases.sort((a, b) -> String.CASE_INSENSITIVE_ORDER.compare(orEmpty(a.mac()), orEmpty(b.mac())));
        ShellTable table = new ShellTable();
        table.column("Expiry Time");
        table.column("MAC address");
        table.column("Protocol");
        table.column("IP address");
        table.column("Hostname");
        table.column("Client ID or DUID");
        for (NetworkDhcpLease l : leases) {
            table.addRow().addContent(EXPIRY.format(Instant.ofEpochSecond(l.expiryTime()).atZone(zone)),
                    orMinus(l.mac()), l.ipv6() ? "ipv6" : "ipv4", l.ipAddress() + "/" + l.prefix(),
                    orMinus(l.hostname()), orMinus(l.clientId()));
        }
        return table;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** virsh shows a missing value as {@code -}. */
    private static String orMinus(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
