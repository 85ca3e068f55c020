package org.virtlayer.api.event;

/** A domain lifecycle event's type, libvirt's {@code virDomainEventType}, with virsh's words. */
public enum DomainEventType {
    DEFINED(0, "Defined"),
    UNDEFINED(1, "Undefined"),
    STARTED(2, "Started"),
    SUSPENDED(3, "Suspended"),
    RESUMED(4, "Resumed"),
    STOPPED(5, "Stopped"),
    SHUTDOWN(6, "Shutdown"),
    PMSUSPENDED(7, "PMSuspended"),
    CRASHED(8, "Crashed");

    private final int number;
    private final String label;

    DomainEventType(int number, String label) {
        this.number = number;
        this.label = label;
    }

    public int number() {
        return number;
    }

    /** What {@code virsh event} prints. */
    public String label() {
        return label;
    }
}
