package org.virtlayer.shell.internal.domain;

import java.util.EnumSet;
import java.util.Set;
import org.virtlayer.api.DomainListFlag;

/** The filters of {@code virsh list}: which domains to show. */
public record DomainListOptions(boolean all, boolean inactive, boolean running, boolean paused, boolean shutoff,
        boolean other, boolean persistent, boolean transientOnly, boolean autostart, boolean noAutostart) {

    public static final DomainListOptions ACTIVE = new DomainListOptions(false, false, false, false, false, false,
            false, false, false, false);

    /** As virsh: only running domains unless {@code --all}, {@code --inactive} or a state filter says otherwise. */
    public Set<DomainListFlag> flags() {
        Set<DomainListFlag> flags = EnumSet.noneOf(DomainListFlag.class);
        boolean stateFilter = running || paused || shutoff || other;
        if (inactive) {
            flags.add(DomainListFlag.INACTIVE);
        } else if (!all && !stateFilter) {
            flags.add(DomainListFlag.ACTIVE);
        }
        add(flags, running, DomainListFlag.RUNNING);
        add(flags, paused, DomainListFlag.PAUSED);
        add(flags, shutoff, DomainListFlag.SHUTOFF);
        add(flags, other, DomainListFlag.OTHER);
        add(flags, persistent, DomainListFlag.PERSISTENT);
        add(flags, transientOnly, DomainListFlag.TRANSIENT);
        add(flags, autostart, DomainListFlag.AUTOSTART);
        add(flags, noAutostart, DomainListFlag.NO_AUTOSTART);
        return flags;
    }

    private static void add(Set<DomainListFlag> flags, boolean wanted, DomainListFlag flag) {
        if (wanted) {
            flags.add(flag);
        }
    }
}
