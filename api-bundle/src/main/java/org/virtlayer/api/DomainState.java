package org.virtlayer.api;

/** A domain's state, with libvirt's numbers ({@code virDomainState}) and virsh's words. */
public enum DomainState {
    NOSTATE(0, "no state"),
    RUNNING(1, "running"),
    BLOCKED(2, "idle"),
    PAUSED(3, "paused"),
    SHUTDOWN(4, "in shutdown"),
    SHUTOFF(5, "shut off"),
    CRASHED(6, "crashed"),
    PMSUSPENDED(7, "pmsuspended");

    private final int number;
    private final String label;

    DomainState(int number, String label) {
        this.number = number;
        this.label = label;
    }

    public int number() {
        return number;
    }

    /** What {@code virsh domstate} prints. */
    public String label() {
        return label;
    }

    /** True for the states of a domain whose process or container exists: everything but shut off and no state. */
    public boolean isActive() {
        return this != SHUTOFF && this != NOSTATE;
    }

    public static DomainState ofNumber(int n) {
        for (DomainState s : values()) {
            if (s.number == n) {
                return s;
            }
        }
        return NOSTATE;
    }
}
