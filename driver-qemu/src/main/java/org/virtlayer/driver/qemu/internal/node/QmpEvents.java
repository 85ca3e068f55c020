package org.virtlayer.driver.qemu.internal.node;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.driver.qemu.internal.argv.Dev;
import org.virtlayer.driver.qemu.internal.qmp.QmpEvent;
import org.virtlayer.driver.qemu.internal.qmp.QmpMonitor;
import org.virtlayer.linux.ProcessExit;
import org.virtlayer.linux.Syscalls;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.kit.Json;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.XmlElement;

/**
 * QMP events turned into domain states and lifecycle events with libvirt 9's details: SHUTDOWN (the guest's or the
 * host's, then {@code on_poweroff}), STOP and RESUME (paused and resumed, with the reason the driver expected),
 * GUEST_PANICKED ({@code on_crash}), BALLOON_CHANGE, DEVICE_DELETED, MIGRATION. Everything runs on the node's event
 * thread, in the order QEMU sent it; a process's exit is handled after the last event its monitor delivered.
 */
final class QmpEvents {
    /** How long an exit waits for its monitor's end before being handled anyway. */
    private static final long EXIT_WAITS_FOR_MONITOR_MS = 1000;

    private final QemuNode node;

    QmpEvents(QemuNode node) {
        this.node = node;
    }

    /** The listener of one QEMU's monitor: hands everything to the node's event thread. */
    QmpMonitor.Listener listener(QemuDomain d, Running r) {
        return new QmpMonitor.Listener() {
            @Override
            public void onEvent(QmpEvent event) {
                node.events.execute(() -> handle(d, r, event));
            }

            @Override
            public void onClose() {
                node.events.execute(() -> monitorClosed(d, r));
            }
        };
    }

    /**
     * The process exited (event thread). If its monitor is still open, the exit waits until the monitor has
     * delivered its last events (its end follows the exit at once), so that a SHUTDOWN sent just before exiting
     * counts.
     */
    void processExited(QemuDomain d, Running r, ProcessExit exit) {
        r.exit = exit;
        if (r.monitor == null || r.monitorClosed) {
            node.lifecycle.exited(d, r, exit);
        } else {
            CompletableFuture.delayedExecutor(EXIT_WAITS_FOR_MONITOR_MS, TimeUnit.MILLISECONDS, node.events)
                    .execute(() -> node.lifecycle.exited(d, r, exit));
        }
    }

    private void monitorClosed(QemuDomain d, Running r) {
        r.monitorClosed = true;
        if (r.exit != null) {
            node.lifecycle.exited(d, r, r.exit);
        }
    }

    private void handle(QemuDomain d, Running r, QmpEvent e) {
        synchronized (d) {
            if (d.run != r) {
                return;
            }
        }
        switch (e.name()) {
            case "SHUTDOWN" -> shutdown(d, r, e);
            case "STOP" -> stop(d, r);
            case "RESUME" -> resume(d, r);
            case "GUEST_PANICKED" -> panicked(d, r);
            case "BALLOON_CHANGE" -> balloon(d, e);
            case "DEVICE_DELETED" -> deviceDeleted(d, r, e);
            case "BLOCK_IO_ERROR" -> {
                if ("stop".equals(Json.string(e.data(), "action"))) {
                    r.pendingPause = DomainStateReason.PAUSED_IOERROR;
                }
            }
            case "WATCHDOG" -> {
                if ("pause".equals(Json.string(e.data(), "action"))) {
                    r.pendingPause = DomainStateReason.PAUSED_WATCHDOG;
                }
            }
            case "MIGRATION" -> {
                String status = Json.string(e.data(), "status");
                CompletableFuture<String> m = r.migration;
                if (m != null && ("completed".equals(status) || "failed".equals(status)
                        || "cancelled".equals(status))) {
                    m.complete(status);
                }
            }
            default -> {
                // RESET, POWERDOWN, NIC_RX_FILTER_CHANGED, ...: no lifecycle change
            }
        }
    }

    private void shutdown(QemuDomain d, Running r, QmpEvent e) {
        boolean guest = Json.bool(e.data(), "guest");
        String reason = Json.string(e.data(), "reason");
        if (r.fakeReboot && guest) {
            // libvirt's reboot: no lifecycle event, the guest is reset and runs on
            r.fakeReboot = false;
            restart(r);
            return;
        }
        if (r.gotShutdown) {
            return;
        }
        if (r.stopDetail == null) {
            r.gotShutdown = true;
        }
        DomainRef ref;
        synchronized (d) {
            if (!d.state.isActive() || r.starting) {
                return;
            }
            d.setState(DomainStateReason.SHUTDOWN_UNKNOWN);
            ref = d.ref();
        }
        node.emit(ref, guest ? DomainEventDetail.SHUTDOWN_GUEST : DomainEventDetail.SHUTDOWN_HOST);
        if (!guest) {
            return;
        }
        DomainDef def;
        synchronized (d) {
            def = d.def;
        }
        String action = "guest-reset".equals(reason) ? def.lifecycleAction("on_reboot")
                : def.lifecycleAction("on_poweroff");
        switch (action == null ? "destroy" : action) {
            case "preserve" -> {
                // QEMU stays, paused in its shutdown state (-no-shutdown)
            }
            case "restart" -> {
                r.gotShutdown = false;
                restart(r);
                synchronized (d) {
                    d.setState(DomainStateReason.RUNNING_BOOTED);
                }
            }
            default -> r.pidfd.signal(Syscalls.SIGTERM);
        }
    }

    /** Resets the guest and lets it run again; the STOP and RESUME this causes are not reported. */
    private void restart(Running r) {
        r.rebooting = true;
        r.monitor.send("system_reset", null);
        r.monitor.send("cont", null);
    }

    private void stop(QemuDomain d, Running r) {
        if (r.gotShutdown || r.rebooting || r.starting) {
            return;
        }
        DomainStateReason reason = r.pendingPause != null ? r.pendingPause : DomainStateReason.PAUSED_UNKNOWN;
        r.pendingPause = null;
        DomainEventDetail detail = switch (reason) {
            case PAUSED_IOERROR -> DomainEventDetail.SUSPENDED_IOERROR;
            case PAUSED_WATCHDOG -> DomainEventDetail.SUSPENDED_WATCHDOG;
            default -> DomainEventDetail.SUSPENDED_PAUSED;
        };
        node.lifecycle.transition(d, r, DomainState.RUNNING, reason, detail);
    }

    private void resume(QemuDomain d, Running r) {
        if (r.rebooting) {
            r.rebooting = false;
            return;
        }
        node.lifecycle.transition(d, r, DomainState.PAUSED,
                r.starting ? DomainStateReason.RUNNING_BOOTED : DomainStateReason.RUNNING_UNPAUSED,
                DomainEventDetail.RESUMED_UNPAUSED);
    }

    private void panicked(QemuDomain d, Running r) {
        DomainDef def;
        synchronized (d) {
            def = d.def;
        }
        if (!node.lifecycle.transition(d, r, DomainState.RUNNING, DomainStateReason.CRASHED_PANICKED,
                DomainEventDetail.CRASHED_PANICKED)) {
            node.lifecycle.transition(d, r, DomainState.PAUSED, DomainStateReason.CRASHED_PANICKED,
                    DomainEventDetail.CRASHED_PANICKED);
        }
        String action = def.lifecycleAction("on_crash");
        switch (action == null ? "destroy" : action) {
            case "preserve" -> {
                // left as it is, for a dump
            }
            case "restart", "rename-restart" -> restart(r);
            default -> {
                r.stopAs(DomainStateReason.SHUTOFF_CRASHED, DomainEventDetail.STOPPED_CRASHED);
                r.pidfd.signal(Syscalls.SIGTERM);
            }
        }
    }

    private void balloon(QemuDomain d, QmpEvent e) {
        long actual = Json.number(e.data(), "actual", -1);
        if (actual <= 0) {
            return;
        }
        synchronized (d) {
            d.def.setCurrentMemoryKiB(actual / 1024);
            d.changed();
        }
    }

    private void deviceDeleted(QemuDomain d, Running r, QmpEvent e) {
        String alias = Json.string(e.data(), "device");
        if (alias == null) {
            return;
        }
        synchronized (d) {
            for (XmlElement dev : d.def.devices()) {
                if (alias.equals(Dev.alias(dev))) {
                    d.def.root().child("devices").remove(dev);
                    d.changed();
                    break;
                }
            }
        }
        CompletableFuture<Void> f = r.unplugs.remove(alias);
        if (f != null) {
            f.complete(null);
        }
        node.events.execute(() -> node.lifecycle.persist(d));
    }
}
