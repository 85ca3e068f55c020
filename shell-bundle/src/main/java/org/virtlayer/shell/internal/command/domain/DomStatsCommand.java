package org.virtlayer.shell.internal.command.domain;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.virtlayer.api.StatsGroup;
import org.virtlayer.shell.internal.command.VirtCommandSupport;
import org.virtlayer.shell.internal.completer.DomainNameCompleter;
import org.virtlayer.shell.internal.domain.DomainListOptions;
import org.virtlayer.shell.internal.domain.DomainQueries;

/** virsh's {@code domstats}. */
@Command(scope = "virt", name = "domstats", description = "Shows domains' statistics as key=value lines; no group"
        + " option: every group")
@Service
public class DomStatsCommand extends VirtCommandSupport {
    @Argument(index = 0, name = "domains", description = "Domain names, IDs or UUIDs (none: every domain the"
            + " --list options select)", multiValued = true)
    @Completion(DomainNameCompleter.class)
    List<String> domains;

    @Option(name = "--state", description = "State and its reason")
    boolean state;

    @Option(name = "--cpu-total", description = "CPU time used")
    boolean cpuTotal;

    @Option(name = "--balloon", description = "Current and maximum memory")
    boolean balloon;

    @Option(name = "--vcpu", description = "Per vCPU state and time")
    boolean vcpu;

    @Option(name = "--interface", description = "Network interface traffic")
    boolean iface;

    @Option(name = "--block", description = "Disk I/O")
    boolean block;

    @Option(name = "--list-active", description = "Active domains")
    boolean listActive;

    @Option(name = "--list-inactive", description = "Inactive domains")
    boolean listInactive;

    @Option(name = "--list-persistent", description = "Persistent domains")
    boolean listPersistent;

    @Option(name = "--list-transient", description = "Transient domains")
    boolean listTransient;

    @Option(name = "--list-running", description = "Running domains")
    boolean listRunning;

    @Option(name = "--list-paused", description = "Paused domains")
    boolean listPaused;

    @Option(name = "--list-shutoff", description = "Shut off domains")
    boolean listShutoff;

    @Option(name = "--list-other", description = "Domains in any other state")
    boolean listOther;

    @Override
    protected void run() {
        Set<StatsGroup> groups = EnumSet.noneOf(StatsGroup.class);
        add(groups, state, StatsGroup.STATE);
        add(groups, cpuTotal, StatsGroup.CPU_TOTAL);
        add(groups, balloon, StatsGroup.BALLOON);
        add(groups, vcpu, StatsGroup.VCPU);
        add(groups, iface, StatsGroup.INTERFACE);
        add(groups, block, StatsGroup.BLOCK);
        // virsh: without --list-* options every domain, active or not
        boolean anyActivity = listActive || listInactive;
        DomainListOptions list = new DomainListOptions(!anyActivity || (listActive && listInactive),
                listInactive && !listActive, listRunning, listPaused, listShutoff, listOther, listPersistent,
                listTransient, false, false);
        print(new DomainQueries(connection()).domstats(domains, groups, list));
    }

    private static void add(Set<StatsGroup> groups, boolean wanted, StatsGroup group) {
        if (wanted) {
            groups.add(group);
        }
    }
}
