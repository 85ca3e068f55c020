package org.virtlayer.driver.qemu.internal.node;

import java.util.UUID;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.DomainStateInfo;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.DomainSummary;
import org.virtlayer.spi.kit.DomainJob;
import org.virtlayer.spi.kit.DriverNode;
import org.virtlayer.xml.DomainDef;

/**
 * One domain of a node. While it runs, {@code def} is the live definition and {@code persistentDef} the one it
 * returns to (null for a transient domain); while shut off they are the same object. State fields are guarded by
 * this object's monitor; the QEMU process, when there is one, is {@link #run}. Lifecycle operations take turns on
 * {@link #job} ({@link DomainLifecycle#job}).
 */
final class QemuDomain implements DriverNode.Entry {
    final UUID uuid;
    /**
     * The driver's own job lock of this domain: held for the whole of a start, destroy, shutdown, reboot, reset,
     * suspend, resume or save, whoever asks (a connection, autostart, a connection's AUTODESTROY), so that one never
     * finds another half done. The core's job lock covers calls through connections only.
     */
    final DomainJob job = new DomainJob();
    DomainDef def;
    DomainDef persistentDef;
    boolean autostart;
    DomainState state = DomainState.SHUTOFF;
    DomainStateReason reason = DomainStateReason.SHUTOFF_UNKNOWN;
    int id = -1;
    /** The QEMU process while there is one (starting, running, paused, stopping). */
    Running run;
    private String liveXml;
    private String inactiveXml;

    QemuDomain(DomainDef def, boolean persistent) {
        this.uuid = def.uuid();
        this.def = def;
        this.persistentDef = persistent ? def : null;
    }

    @Override
    public UUID uuid() {
        return uuid;
    }

    @Override
    public synchronized String name() {
        return def.name();
    }

    @Override
    public synchronized int id() {
        return id;
    }

    @Override
    public synchronized void setId(int id) {
        this.id = id;
    }

    synchronized boolean persistent() {
        return persistentDef != null;
    }

    synchronized boolean isActive() {
        return state.isActive();
    }

    synchronized DomainRef ref() {
        return new DomainRef(def.name(), uuid, id);
    }

    synchronized DomainSummary summary() {
        return new DomainSummary(new DomainRef(def.name(), uuid, id), state, persistentDef != null, autostart,
                false, false);
    }

    synchronized DomainStateInfo stateInfo() {
        return new DomainStateInfo(state, reason);
    }

    synchronized void setState(DomainStateReason r) {
        state = r.state();
        reason = r;
    }

    /** The XML a caller sees, formatted once per change. */
    synchronized String xml(boolean inactive, boolean secure) {
        boolean live = !inactive && state.isActive();
        if (!secure) {
            return (live ? def : persistentDef != null ? persistentDef : def).format(!live, false);
        }
        if (live) {
            if (liveXml == null) {
                liveXml = def.format(false, true);
            }
            return liveXml;
        }
        if (inactiveXml == null) {
            inactiveXml = (persistentDef != null ? persistentDef : def).format(true, true);
        }
        return inactiveXml;
    }

    /** Call after any change to a definition. */
    synchronized void changed() {
        liveXml = null;
        inactiveXml = null;
    }
}
