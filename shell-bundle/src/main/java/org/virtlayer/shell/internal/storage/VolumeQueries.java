package org.virtlayer.shell.internal.storage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.karaf.shell.support.table.ShellTable;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.StoragePool;
import org.virtlayer.api.StorageVolume;
import org.virtlayer.api.StorageVolumeInfo;
import org.virtlayer.api.VirtException;
import org.virtlayer.shell.internal.Attempt;
import org.virtlayer.shell.internal.CommandFailure;
import org.virtlayer.shell.internal.ObjectLookup;
import org.virtlayer.shell.internal.format.Capacity;
import org.virtlayer.shell.internal.format.KeyValueBlock;

/** What virsh's volume queries print: {@code vol-list}, {@code vol-info}, {@code vol-dumpxml}, {@code vol-path}. */
public final class VolumeQueries {
    private final Connection conn;

    public VolumeQueries(Connection conn) {
        this.conn = conn;
    }

    /** One listed volume, read once. */
    private record Row(String name, String path, StorageVolumeInfo info) {
    }

    public ShellTable list(String poolName, boolean details) {
        StoragePool pool = ObjectLookup.POOL.resolve(conn, poolName);
        List<StorageVolume> volumes = Attempt.get("Failed to list volumes of pool " + pool.name(),
                pool::listVolumes);
        List<Row> rows = new ArrayList<>();
        for (StorageVolume v : volumes) {
            try {
                rows.add(new Row(v.name(), v.path(), details ? v.info() : null));
            } catch (VirtException e) {
                if (e.code() != ErrorCode.NO_STORAGE_VOL) {
                    throw new CommandFailure("Failed to list volumes of pool " + pool.name(), e);
                }
            }
        }
        rows.sort(Comparator.comparing(Row::name));
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Path");
        if (details) {
            table.column("Type");
            table.column("Capacity").alignRight();
            table.column("Allocation").alignRight();
        }
        for (Row r : rows) {
            if (details) {
                table.addRow().addContent(r.name, r.path, r.info.type().label(), Capacity.pretty(r.info.capacity()),
                        Capacity.pretty(r.info.allocation()));
            } else {
                table.addRow().addContent(r.name, r.path);
            }
        }
        return table;
    }

    public String info(String name, String poolName, boolean bytes) {
        StorageVolume v = VolumeResolver.resolve(conn, name, poolName);
        StorageVolumeInfo info = Attempt.get("failed to get information of vol " + v.name(), v::info);
        KeyValueBlock b = new KeyValueBlock(15);
        b.add("Name:", v.name());
        b.add("Type:", info.type().label());
        b.add("Capacity:", bytes ? Capacity.bytes(info.capacity()) : Capacity.pretty(info.capacity()));
        b.add("Allocation:", bytes ? Capacity.bytes(info.allocation()) : Capacity.pretty(info.allocation()));
        return b.toString();
    }

    public String dumpxml(String name, String poolName) {
        StorageVolume v = VolumeResolver.resolve(conn, name, poolName);
        return Attempt.get("failed to get XML of vol " + v.name(), v::xml);
    }

    public String path(String name, String poolName) {
        StorageVolume v = VolumeResolver.resolve(conn, name, poolName);
        return Attempt.get("failed to get path of vol " + v.name(), v::path);
    }
}
