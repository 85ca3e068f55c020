package org.virtlayer.shell.internal.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.karaf.shell.support.table.ShellTable;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainInfo;
import org.virtlayer.api.DomainListFlag;
import org.virtlayer.api.DomainStatsRecord;
import org.virtlayer.api.DomainXmlFlag;
import org.virtlayer.api.SecurityLabel;
import org.virtlayer.api.SecurityModel;
import org.virtlayer.api.StatsGroup;
import org.virtlayer.shell.internal.Attempt;
import org.virtlayer.shell.internal.format.KeyValueBlock;
import org.virtlayer.shell.internal.format.TypedValue;

/** What virsh's domain queries print: {@code list}, {@code dominfo}, {@code domstate}, {@code domstats}, {@code dumpxml}. */
public final class DomainQueries {
    /** virsh lists running domains by ID, then the others by name. */
    static final Comparator<Row> VIRSH_ORDER = Comparator.<Row>comparingInt(r -> r.id < 0 ? Integer.MAX_VALUE : r.id)
            .thenComparing(r -> r.name);

    private final Connection conn;

    public DomainQueries(Connection conn) {
        this.conn = conn;
    }

    /** One listed domain, read once so that the table shows one consistent moment per domain. */
    record Row(int id, String name, String uuid, String state) {
    }

    private List<Row> rows(DomainListOptions options) {
        List<Domain> domains = Attempt.get("Failed to list domains",
                () -> conn.listDomains(options.flags().toArray(DomainListFlag[]::new)));
        List<Row> rows = new ArrayList<>();
        for (Domain d : domains) {
            try {
                // the state first: it refreshes the ID the handle reports
                String state = d.state().state().label();
                rows.add(new Row(d.id(), d.name(), d.uuid().toString(), state));
            } catch (org.virtlayer.api.VirtException e) {
                // the domain went away between the listing and this look: virsh leaves it out too
                if (e.code() != org.virtlayer.api.ErrorCode.NO_DOMAIN) {
                    throw new org.virtlayer.shell.internal.CommandFailure("Failed to list domains", e);
                }
            }
        }
        rows.sort(VIRSH_ORDER);
        return rows;
    }

    public ShellTable list(DomainListOptions options) {
        ShellTable table = new ShellTable();
        table.column("Id").alignRight();
        table.column("Name");
        table.column("State");
        for (Row r : rows(options)) {
            table.addRow().addContent(r.id < 0 ? "-" : Integer.toString(r.id), r.name, r.state);
        }
        return table;
    }

    /** {@code list --name}, {@code list --uuid}, or both: one domain a line, UUID first. */
    public String listNames(DomainListOptions options, boolean names, boolean uuids) {
        StringBuilder out = new StringBuilder();
        for (Row r : rows(options)) {
            if (uuids && names) {
                out.append(r.uuid).append(' ').append(r.name);
            } else {
                out.append(uuids ? r.uuid : r.name);
            }
            out.append('\n');
        }
        return out.toString();
    }

    public String dominfo(String name) {
        Domain d = DomainResolver.resolve(conn, name);
        String context = "failed to get information of domain '" + d.name() + "'";
        DomainInfo info = Attempt.get(context, d::info);
        KeyValueBlock b = new KeyValueBlock(15);
        b.add("Id:", d.id() < 0 ? "-" : Integer.toString(d.id()));
        b.add("Name:", d.name());
        b.add("UUID:", d.uuid());
        b.add("OS Type:", Attempt.get(context, d::osType));
        b.add("State:", info.state().label());
        b.add("CPU(s):", info.vcpus());
        if (info.cpuTimeNanos() != 0) {
            b.add("CPU time:", String.format(Locale.ROOT, "%.1fs", info.cpuTimeNanos() / 1e9));
        }
        b.add("Max memory:", info.maxMemoryKiB() == Long.MAX_VALUE ? "no limit" : info.maxMemoryKiB() + " KiB");
        b.add("Used memory:", info.memoryKiB() + " KiB");
        b.add("Persistent:", Attempt.get(context, d::isPersistent) ? "yes" : "no");
        b.add("Autostart:", Attempt.get(context, d::autostart) ? "enable" : "disable");
        b.add("Managed save:", Attempt.get(context, d::hasManagedSave) ? "yes" : "no");
        SecurityModel model = Attempt.get(context, conn::securityModel);
        if (!model.model().isEmpty()) {
            b.add("Security model:", model.model());
            b.add("Security DOI:", model.doi());
            // a label exists only while the domain runs
            SecurityLabel label = info.state().isActive() ? Attempt.get(context, d::securityLabel) : null;
            if (label != null && !label.label().isEmpty()) {
                b.add("Security label:", label.label() + " (" + (label.enforcing() ? "enforcing" : "permissive") + ")");
            }
        }
        return b.toString();
    }

    public String domstate(String name, boolean reason) {
        Domain d = DomainResolver.resolve(conn, name);
        var state = Attempt.get("failed to get state of domain '" + d.name() + "'", d::state);
        return reason ? state.toString() : state.state().label();
    }

    /**
     * virsh's {@code domstats}: every statistic as {@code key=value} under {@code Domain: 'name'}, a blank line after
     * each domain. No names: every domain the list options select.
     */
    public String domstats(List<String> names, Set<StatsGroup> groups, DomainListOptions listOptions) {
        List<Domain> domains = new ArrayList<>();
        if (names == null || names.isEmpty()) {
            domains.addAll(Attempt.get("Failed to list domains",
                    () -> conn.listDomains(listOptions.flags().toArray(DomainListFlag[]::new))));
        } else {
            names.forEach(n -> domains.add(DomainResolver.resolve(conn, n)));
        }
        if (domains.isEmpty()) {
            return "";
        }
        List<DomainStatsRecord> records = Attempt.get("Failed to get domain statistics",
                () -> conn.domainStats(domains, groups.toArray(StatsGroup[]::new)));
        StringBuilder out = new StringBuilder();
        for (DomainStatsRecord r : records) {
            out.append("Domain: '").append(r.domainName()).append("'\n");
            r.stats().forEach((k, v) -> out.append("  ").append(k).append('=').append(TypedValue.format(v))
                    .append('\n'));
            out.append('\n');
        }
        return out.toString();
    }

    public String dumpxml(String name, Set<DomainXmlFlag> flags) {
        Domain d = DomainResolver.resolve(conn, name);
        return Attempt.get("failed to get XML of domain '" + d.name() + "'",
                () -> d.xml(flags.toArray(DomainXmlFlag[]::new)));
    }
}
