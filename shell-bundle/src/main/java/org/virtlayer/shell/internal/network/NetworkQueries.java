package org.virtlayer.shell.internal.network;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.karaf.shell.support.table.ShellTable;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.Network;
import org.virtlayer.api.NetworkListFlag;
import org.virtlayer.api.VirtException;
import org.virtlayer.shell.internal.Attempt;
import org.virtlayer.shell.internal.CommandFailure;
import org.virtlayer.shell.internal.ObjectLookup;
import org.virtlayer.shell.internal.format.KeyValueBlock;

/** What virsh's network queries print: {@code net-list}, {@code net-info}, {@code net-dumpxml}. */
public final class NetworkQueries {
    private final Connection conn;

    public NetworkQueries(Connection conn) {
        this.conn = conn;
    }

    /** One listed network, read once. */
    private record Row(String name, String uuid, boolean active, boolean autostart, boolean persistent) {
    }

    private List<Row> rows(NetworkListOptions options) {
        List<Network> networks = Attempt.get("Failed to list networks",
                () -> conn.listNetworks(options.flags().toArray(NetworkListFlag[]::new)));
        List<Row> rows = new ArrayList<>();
        for (Network n : networks) {
            try {
                rows.add(new Row(n.name(), n.uuid().toString(), n.isActive(), n.autostart(), n.isPersistent()));
            } catch (VirtException e) {
                // gone since the listing: leave it out
                if (e.code() != ErrorCode.NO_NETWORK) {
                    throw new CommandFailure("Failed to list networks", e);
                }
            }
        }
        rows.sort(Comparator.comparing(Row::name));
        return rows;
    }

    public ShellTable list(NetworkListOptions options) {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("State");
        table.column("Autostart");
        table.column("Persistent");
        for (Row r : rows(options)) {
            table.addRow().addContent(r.name, r.active ? "active" : "inactive", yesNo(r.autostart),
                    yesNo(r.persistent));
        }
        return table;
    }

    public String listNames(NetworkListOptions options, boolean names, boolean uuids) {
        StringBuilder out = new StringBuilder();
        for (Row r : rows(options)) {
            out.append(uuids && names ? r.uuid + " " + r.name : uuids ? r.uuid : r.name).append('\n');
        }
        return out.toString();
    }

    public String info(String name) {
        Network n = ObjectLookup.NETWORK.resolve(conn, name);
        String context = "failed to get information of network " + n.name();
        KeyValueBlock b = new KeyValueBlock(15);
        b.add("Name:", n.name());
        b.add("UUID:", n.uuid());
        boolean active = Attempt.get(context, n::isActive);
        b.add("Active:", yesNo(active));
        b.add("Persistent:", yesNo(Attempt.get(context, n::isPersistent)));
        b.add("Autostart:", yesNo(Attempt.get(context, n::autostart)));
        String bridge = Attempt.get(context, n::bridgeName);
        if (bridge != null && !bridge.isEmpty()) {
            b.add("Bridge:", bridge);
        }
        return b.toString();
    }

    public String dumpxml(String name, boolean inactive) {
        Network n = ObjectLookup.NETWORK.resolve(conn, name);
        return Attempt.get("failed to get XML of network " + n.name(), () -> n.xml(inactive));
    }

    static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
