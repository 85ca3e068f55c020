package org.virtlayer.api.event;

/** A network lifecycle event's type, libvirt's {@code virNetworkEventLifecycleType}. */
public enum NetworkEventType {
    DEFINED("Defined"), UNDEFINED("Undefined"), STARTED("Started"), STOPPED("Stopped");

    private final String label;

    NetworkEventType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
