package org.virtlayer.api;

/**
 * Filters for {@link Connection#listDomains}, libvirt's {@code VIR_CONNECT_LIST_DOMAINS_*}. Flags of one group are
 * alternatives (ACTIVE or INACTIVE); groups combine (ACTIVE and PERSISTENT). No flag lists every domain.
 */
public enum DomainListFlag {
    ACTIVE(Group.ACTIVITY), INACTIVE(Group.ACTIVITY),
    PERSISTENT(Group.PERSISTENCE), TRANSIENT(Group.PERSISTENCE),
    RUNNING(Group.STATE), PAUSED(Group.STATE), SHUTOFF(Group.STATE), OTHER(Group.STATE),
    MANAGEDSAVE(Group.MANAGEDSAVE), NO_MANAGEDSAVE(Group.MANAGEDSAVE),
    AUTOSTART(Group.AUTOSTART), NO_AUTOSTART(Group.AUTOSTART),
    HAS_SNAPSHOT(Group.SNAPSHOT), NO_SNAPSHOT(Group.SNAPSHOT);

    /** Flags in one group are OR-ed; groups are AND-ed. */
    public enum Group { ACTIVITY, PERSISTENCE, STATE, MANAGEDSAVE, AUTOSTART, SNAPSHOT }

    private final Group group;

    DomainListFlag(Group group) {
        this.group = group;
    }

    public Group group() {
        return group;
    }
}
