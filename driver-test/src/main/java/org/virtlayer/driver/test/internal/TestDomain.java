package org.virtlayer.driver.test.internal;

import org.virtlayer.api.DomainInfo;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.DomainStateInfo;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.DomainSummary;
import org.virtlayer.xml.DomainDef;

/**
 * One domain of a test node. While it runs, {@code def} is the live definition and {@code persistentDef} the one it
 * returns to when it stops; while it is shut off they are the same object. Guarded by the node's lock.
 */
final class TestDomain {
    /** A domain's name and UUID never change (define refuses to change either), so they are read once. */
    final String name;
    final java.util.UUID uuid;
    DomainDef def;
    DomainDef persistentDef;
    boolean persistent;
    boolean autostart;
    boolean managedSave;
    DomainState state = DomainState.SHUTOFF;
    DomainStateReason reason = DomainStateReason.SHUTOFF_UNKNOWN;
    int id = -1;
    /** CPU time used by earlier runs; the current run adds the time since {@link #runningSince}. */
    long cpuTimeNanos;
    long runningSince;
    /** Formatted XML, [inactive][secure], formatted on first use after a change. */
    private final String[][] xml = new String[2][2];
    /** The sizes {@code virDomainGetInfo} reports, read from the live definition once per change; -1: not read. */
    private long maxMemoryKiB = -1;
    private long memoryKiB;
    private int vcpus;
    private DomainSummary summary;
    /** Told of every change, so that the node's cached list is rebuilt. */
    Runnable onChange = () -> { };

    TestDomain(DomainDef def, boolean persistent) {
        this.name = def.name();
        this.uuid = def.uuid();
        this.def = def;
        this.persistentDef = def;
        this.persistent = persistent;
    }

    String name() {
        return name;
    }

    boolean isActive() {
        return state.isActive();
    }

    DomainRef ref() {
        return new DomainRef(name, uuid, id);
    }

    /** Lists ask for this of every domain: it is kept until something it shows changes ({@link #changed()}). */
    DomainSummary summary() {
        DomainSummary s = summary;
        if (s == null) {
            summary = s = new DomainSummary(ref(), state, persistent, autostart, managedSave, false);
        }
        return s;
    }

    DomainStateInfo stateInfo() {
        return new DomainStateInfo(state, reason);
    }

    void setState(DomainStateReason r) {
        if (state == DomainState.RUNNING && r.state() != DomainState.RUNNING) {
            cpuTimeNanos += System.nanoTime() - runningSince;
        } else if (state != DomainState.RUNNING && r.state() == DomainState.RUNNING) {
            runningSince = System.nanoTime();
        }
        state = r.state();
        reason = r;
        summary = null;
        onChange.run();
    }

    /** CPU time so far, counting running time as if every vCPU were busy: plausible and steadily growing. */
    long cpuTime() {
        long t = cpuTimeNanos;
        if (state == DomainState.RUNNING) {
            t += System.nanoTime() - runningSince;
        }
        return t * def.currentVcpus();
    }

    /** The definition as XML; an unchanged domain is formatted once per form. */
    String xml(boolean inactive, boolean secure) {
        boolean persistentForm = inactive || !isActive();
        String[] cached = xml[persistentForm ? 1 : 0];
        int i = secure ? 1 : 0;
        if (cached[i] == null) {
            cached[i] = (persistentForm ? persistentDef : def).format(persistentForm, secure);
        }
        return cached[i];
    }

    /**
     * The XML a plain {@code dumpxml} shows, formatted now rather than when first read: management tools read a
     * definition far more often than they change it, so a change pays for the formatting once.
     */
    void formatAhead() {
        xml(false, false);
    }

    DomainInfo info() {
        if (maxMemoryKiB < 0) {
            maxMemoryKiB = def.memoryKiB();
            memoryKiB = def.currentMemoryKiB();
            vcpus = def.currentVcpus();
        }
        return new DomainInfo(state, maxMemoryKiB, memoryKiB, vcpus, cpuTime());
    }

    /** Call after any change to a definition. */
    void changed() {
        maxMemoryKiB = -1;
        xml[0][0] = null;
        xml[0][1] = null;
        xml[1][0] = null;
        xml[1][1] = null;
        summary = null;
        onChange.run();
    }
}
