package org.virtlayer.driver.test.internal;

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
    private String liveXml;
    private String inactiveXml;

    TestDomain(DomainDef def, boolean persistent) {
        this.def = def;
        this.persistentDef = def;
        this.persistent = persistent;
    }

    String name() {
        return def.name();
    }

    boolean isActive() {
        return state.isActive();
    }

    DomainRef ref() {
        return new DomainRef(def.name(), def.uuid(), id);
    }

    DomainSummary summary() {
        return new DomainSummary(ref(), state, persistent, autostart, managedSave, false);
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
    }

    /** CPU time so far, counting running time as if every vCPU were busy: plausible and steadily growing. */
    long cpuTime() {
        long t = cpuTimeNanos;
        if (state == DomainState.RUNNING) {
            t += System.nanoTime() - runningSince;
        }
        return t * def.currentVcpus();
    }

    /** Formatted XML is cached: dumping an unchanged domain repeatedly formats it once. */
    String xml(boolean inactive) {
        if (inactive || !isActive()) {
            if (inactiveXml == null) {
                inactiveXml = persistentDef.format(true, true);
            }
            return inactiveXml;
        }
        if (liveXml == null) {
            liveXml = def.format(false, true);
        }
        return liveXml;
    }

    /** Call after any change to a definition. */
    void changed() {
        liveXml = null;
        inactiveXml = null;
    }
}
