package org.virtlayer.api;

/**
 * Why a domain is in its state: libvirt's per-state reason enums ({@code virDomainRunningReason},
 * {@code virDomainShutoffReason}, ...) in one type. {@link #number()} is the value within its state's enum.
 */
public enum DomainStateReason {
    NOSTATE_UNKNOWN(DomainState.NOSTATE, 0, "unknown"),

    RUNNING_UNKNOWN(DomainState.RUNNING, 0, "unknown"),
    RUNNING_BOOTED(DomainState.RUNNING, 1, "booted"),
    RUNNING_MIGRATED(DomainState.RUNNING, 2, "migrated"),
    RUNNING_RESTORED(DomainState.RUNNING, 3, "restored"),
    RUNNING_FROM_SNAPSHOT(DomainState.RUNNING, 4, "from snapshot"),
    RUNNING_UNPAUSED(DomainState.RUNNING, 5, "unpaused"),
    RUNNING_MIGRATION_CANCELED(DomainState.RUNNING, 6, "migration canceled"),
    RUNNING_SAVE_CANCELED(DomainState.RUNNING, 7, "save canceled"),
    RUNNING_WAKEUP(DomainState.RUNNING, 8, "event wakeup"),
    RUNNING_CRASHED(DomainState.RUNNING, 9, "crashed"),
    RUNNING_POSTCOPY(DomainState.RUNNING, 10, "post-copy"),
    RUNNING_POSTCOPY_FAILED(DomainState.RUNNING, 11, "post-copy failed"),

    BLOCKED_UNKNOWN(DomainState.BLOCKED, 0, "unknown"),

    PAUSED_UNKNOWN(DomainState.PAUSED, 0, "unknown"),
    PAUSED_USER(DomainState.PAUSED, 1, "user"),
    PAUSED_MIGRATION(DomainState.PAUSED, 2, "migrating"),
    PAUSED_SAVE(DomainState.PAUSED, 3, "saving"),
    PAUSED_DUMP(DomainState.PAUSED, 4, "dumping"),
    PAUSED_IOERROR(DomainState.PAUSED, 5, "I/O error"),
    PAUSED_WATCHDOG(DomainState.PAUSED, 6, "watchdog"),
    PAUSED_FROM_SNAPSHOT(DomainState.PAUSED, 7, "from snapshot"),
    PAUSED_SHUTTING_DOWN(DomainState.PAUSED, 8, "shutting down"),
    PAUSED_SNAPSHOT(DomainState.PAUSED, 9, "creating snapshot"),
    PAUSED_CRASHED(DomainState.PAUSED, 10, "crashed"),
    PAUSED_STARTING_UP(DomainState.PAUSED, 11, "starting up"),
    PAUSED_POSTCOPY(DomainState.PAUSED, 12, "post-copy"),
    PAUSED_POSTCOPY_FAILED(DomainState.PAUSED, 13, "post-copy failed"),
    PAUSED_API_ERROR(DomainState.PAUSED, 14, "api error"),

    SHUTDOWN_UNKNOWN(DomainState.SHUTDOWN, 0, "unknown"),
    SHUTDOWN_USER(DomainState.SHUTDOWN, 1, "user"),

    SHUTOFF_UNKNOWN(DomainState.SHUTOFF, 0, "unknown"),
    SHUTOFF_SHUTDOWN(DomainState.SHUTOFF, 1, "shutdown"),
    SHUTOFF_DESTROYED(DomainState.SHUTOFF, 2, "destroyed"),
    SHUTOFF_CRASHED(DomainState.SHUTOFF, 3, "crashed"),
    SHUTOFF_MIGRATED(DomainState.SHUTOFF, 4, "migrated"),
    SHUTOFF_SAVED(DomainState.SHUTOFF, 5, "saved"),
    SHUTOFF_FAILED(DomainState.SHUTOFF, 6, "failed"),
    SHUTOFF_FROM_SNAPSHOT(DomainState.SHUTOFF, 7, "from snapshot"),
    SHUTOFF_DAEMON(DomainState.SHUTOFF, 8, "daemon"),

    CRASHED_UNKNOWN(DomainState.CRASHED, 0, "unknown"),
    CRASHED_PANICKED(DomainState.CRASHED, 1, "panicked"),

    PMSUSPENDED_UNKNOWN(DomainState.PMSUSPENDED, 0, "unknown");

    private final DomainState state;
    private final int number;
    private final String label;

    DomainStateReason(DomainState state, int number, String label) {
        this.state = state;
        this.number = number;
        this.label = label;
    }

    public DomainState state() {
        return state;
    }

    public int number() {
        return number;
    }

    /** What {@code virsh domstate --reason} prints in brackets. */
    public String label() {
        return label;
    }

    public static DomainStateReason of(DomainState state, int number) {
        for (DomainStateReason r : values()) {
            if (r.state == state && r.number == number) {
                return r;
            }
        }
        return unknown(state);
    }

    public static DomainStateReason unknown(DomainState state) {
        for (DomainStateReason r : values()) {
            if (r.state == state && r.number == 0) {
                return r;
            }
        }
        return NOSTATE_UNKNOWN;
    }
}
