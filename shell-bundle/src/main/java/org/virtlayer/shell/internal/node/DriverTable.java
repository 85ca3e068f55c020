package org.virtlayer.shell.internal.node;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.support.table.ShellTable;
import org.virtlayer.api.DriverInfo;

/** {@code virt:driver-list}: the drivers and backends installed now, what they serve and the bundle they came from. */
public final class DriverTable {
    private DriverTable() {
    }

    public static ShellTable of(List<DriverInfo> drivers) {
        ShellTable table = new ShellTable();
        table.column("Kind");
        table.column("Name");
        table.column("Serves");
        table.column("Bundle");
        table.emptyTableText("no driver or backend is installed");
        drivers.stream()
                .sorted(Comparator.comparing(DriverInfo::kind).thenComparing(DriverInfo::name))
                .forEach(d -> table.addRow().addContent(d.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        d.name(), serves(d), d.bundle()));
        return table;
    }

    private static String serves(DriverInfo d) {
        if (d.serves().isEmpty()) {
            return "-";
        }
        // a hypervisor driver serves URI schemes, a storage backend pool types
        return d.kind() == DriverInfo.Kind.HYPERVISOR
                ? String.join(", ", d.serves().stream().map(s -> s + "://").toList())
                : String.join(", ", d.serves());
    }
}
