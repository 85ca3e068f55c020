package org.virtlayer.spi;

import java.util.EnumSet;
import java.util.Set;
import org.virtlayer.api.DomainListFlag;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.NetworkListFlag;
import org.virtlayer.api.StoragePoolListFlag;

/** libvirt's list-filter semantics, for drivers: flags of one group are alternatives, groups combine. */
public final class ListFilters {
    private ListFilters() {
    }

    public static boolean matches(Set<DomainListFlag> flags, DomainSummary d) {
        if (flags.isEmpty()) {
            return true;
        }
        boolean active = d.state().isActive();
        return group(flags, DomainListFlag.ACTIVE, active, DomainListFlag.INACTIVE, !active)
                && group(flags, DomainListFlag.PERSISTENT, d.persistent(), DomainListFlag.TRANSIENT, !d.persistent())
                && group(flags, DomainListFlag.AUTOSTART, d.autostart(), DomainListFlag.NO_AUTOSTART, !d.autostart())
                && group(flags, DomainListFlag.MANAGEDSAVE, d.managedSave(), DomainListFlag.NO_MANAGEDSAVE,
                        !d.managedSave())
                && group(flags, DomainListFlag.HAS_SNAPSHOT, d.hasSnapshot(), DomainListFlag.NO_SNAPSHOT,
                        !d.hasSnapshot())
                && stateMatches(flags, d.state());
    }

    private static final Set<DomainListFlag> STATE_FLAGS = EnumSet.of(DomainListFlag.RUNNING, DomainListFlag.PAUSED,
            DomainListFlag.SHUTOFF, DomainListFlag.OTHER);

    private static boolean stateMatches(Set<DomainListFlag> flags, DomainState s) {
        boolean any = false;
        for (DomainListFlag f : STATE_FLAGS) {
            if (flags.contains(f)) {
                any = true;
                break;
            }
        }
        if (!any) {
            return true;
        }
        return (flags.contains(DomainListFlag.RUNNING) && s == DomainState.RUNNING)
                || (flags.contains(DomainListFlag.PAUSED) && s == DomainState.PAUSED)
                || (flags.contains(DomainListFlag.SHUTOFF) && s == DomainState.SHUTOFF)
                || (flags.contains(DomainListFlag.OTHER) && s != DomainState.RUNNING && s != DomainState.PAUSED
                        && s != DomainState.SHUTOFF);
    }

    public static boolean matches(Set<NetworkListFlag> flags, NetworkSummary n) {
        return flags.isEmpty()
                || group(flags, NetworkListFlag.ACTIVE, n.active(), NetworkListFlag.INACTIVE, !n.active())
                        && group(flags, NetworkListFlag.PERSISTENT, n.persistent(), NetworkListFlag.TRANSIENT,
                                !n.persistent())
                        && group(flags, NetworkListFlag.AUTOSTART, n.autostart(), NetworkListFlag.NO_AUTOSTART,
                                !n.autostart());
    }

    public static boolean matches(Set<StoragePoolListFlag> flags, PoolSummary p) {
        return flags.isEmpty()
                || group(flags, StoragePoolListFlag.ACTIVE, p.active(), StoragePoolListFlag.INACTIVE, !p.active())
                        && group(flags, StoragePoolListFlag.PERSISTENT, p.persistent(), StoragePoolListFlag.TRANSIENT,
                                !p.persistent())
                        && group(flags, StoragePoolListFlag.AUTOSTART, p.autostart(), StoragePoolListFlag.NO_AUTOSTART,
                                !p.autostart());
    }

    /** A two-flag group: passes if neither flag is set, or a set flag's condition holds. */
    private static <F> boolean group(Set<F> flags, F yes, boolean yesHolds, F no, boolean noHolds) {
        boolean hasYes = flags.contains(yes);
        boolean hasNo = flags.contains(no);
        if (!hasYes && !hasNo) {
            return true;
        }
        return (hasYes && yesHolds) || (hasNo && noHolds);
    }
}
