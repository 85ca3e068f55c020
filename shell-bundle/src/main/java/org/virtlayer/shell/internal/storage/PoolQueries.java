package org.virtlayer.shell.internal.storage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.karaf.shell.support.table.ShellTable;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.StoragePool;
import org.virtlayer.api.StoragePoolInfo;
import org.virtlayer.api.StoragePoolListFlag;
import org.virtlayer.api.StoragePoolState;
import org.virtlayer.api.VirtException;
import org.virtlayer.shell.internal.Attempt;
import org.virtlayer.shell.internal.CommandFailure;
import org.virtlayer.shell.internal.ObjectLookup;
import org.virtlayer.shell.internal.format.Capacity;
import org.virtlayer.shell.internal.format.KeyValueBlock;

/** What virsh's pool queries print: {@code pool-list}, {@code pool-info}, {@code pool-dumpxml}. */
public final class PoolQueries {
    private final Connection conn;

    public PoolQueries(Connection conn) {
        this.conn = conn;
    }

    /** One listed pool, read once. */
    private record Row(String name, String uuid, StoragePoolInfo info, boolean active, boolean autostart,
            boolean persistent) {
    }

    private List<Row> rows(PoolListOptions options) {
        List<StoragePool> pools = Attempt.get("Failed to list pools",
                () -> conn.listStoragePools(options.flags().toArray(StoragePoolListFlag[]::new)));
        List<Row> rows = new ArrayList<>();
        for (StoragePool p : pools) {
            try {
                rows.add(new Row(p.name(), p.uuid().toString(), p.info(), p.isActive(), p.autostart(),
                        p.isPersistent()));
            } catch (VirtException e) {
                if (e.code() != ErrorCode.NO_STORAGE_POOL) {
                    throw new CommandFailure("Failed to list pools", e);
                }
            }
        }
        rows.sort(Comparator.comparing(Row::name));
        return rows;
    }

    public ShellTable list(PoolListOptions options, boolean details) {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("State");
        table.column("Autostart");
        if (details) {
            table.column("Persistent");
            table.column("Capacity").alignRight();
            table.column("Allocation").alignRight();
            table.column("Available").alignRight();
        }
        for (Row r : rows(options)) {
            if (!details) {
                table.addRow().addContent(r.name, r.active ? "active" : "inactive", yesNo(r.autostart));
                continue;
            }
            boolean sized = hasSizes(r.info.state());
            table.addRow().addContent(r.name, r.info.state().label(), yesNo(r.autostart), yesNo(r.persistent),
                    sized ? Capacity.pretty(r.info.capacity()) : "-",
                    sized ? Capacity.pretty(r.info.allocation()) : "-",
                    sized ? Capacity.pretty(r.info.available()) : "-");
        }
        return table;
    }

    public String listNames(PoolListOptions options, boolean names, boolean uuids) {
        StringBuilder out = new StringBuilder();
        for (Row r : rows(options)) {
            out.append(uuids && names ? r.uuid + " " + r.name : uuids ? r.uuid : r.name).append('\n');
        }
        return out.toString();
    }

    public String info(String name, boolean bytes) {
        StoragePool p = ObjectLookup.POOL.resolve(conn, name);
        String context = "failed to get information of pool " + p.name();
        StoragePoolInfo info = Attempt.get(context, p::info);
        KeyValueBlock b = new KeyValueBlock(15);
        b.add("Name:", p.name());
        b.add("UUID:", p.uuid());
        b.add("State:", info.state().label());
        b.add("Persistent:", yesNo(Attempt.get(context, p::isPersistent)));
        b.add("Autostart:", yesNo(Attempt.get(context, p::autostart)));
        if (hasSizes(info.state())) {
            b.add("Capacity:", bytes ? Long.toString(info.capacity()) : Capacity.pretty(info.capacity()));
            b.add("Allocation:", bytes ? Long.toString(info.allocation()) : Capacity.pretty(info.allocation()));
            b.add("Available:", bytes ? Long.toString(info.available()) : Capacity.pretty(info.available()));
        }
        return b.toString();
    }

    public String dumpxml(String name, boolean inactive) {
        StoragePool p = ObjectLookup.POOL.resolve(conn, name);
        return Attempt.get("failed to get XML of pool " + p.name(), () -> p.xml(inactive));
    }

    /** Sizes mean something only while the pool runs, as virsh shows them. */
    private static boolean hasSizes(StoragePoolState s) {
        return s == StoragePoolState.RUNNING || s == StoragePoolState.DEGRADED;
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
