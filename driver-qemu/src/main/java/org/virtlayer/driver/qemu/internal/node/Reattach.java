package org.virtlayer.driver.qemu.internal.node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.api.VirtException;
import org.virtlayer.driver.qemu.internal.qmp.QmpError;
import org.virtlayer.driver.qemu.internal.qmp.QmpMonitor;
import org.virtlayer.linux.Cgroup;
import org.virtlayer.linux.LinuxException;
import org.virtlayer.linux.PidFd;
import org.virtlayer.linux.ProcStat;
import org.virtlayer.linux.Syscalls;
import org.virtlayer.spi.kit.Json;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.DomainParseOptions;

/**
 * Finds the QEMUs an earlier driver started (after a bundle restart or update, or the JVM killed): each runtime
 * folder's status names a process by PID and start time; if that very process lives, its exit is watched again, its
 * monitor reconnected and its state read with {@code query-status}. Nothing is killed, and a domain found running
 * keeps its taps and network ports; a QEMU whose monitor does not answer is kept as it was. A process that is gone
 * leaves a shut-off domain, no files and no network port.
 */
final class Reattach {
    private static final System.Logger LOG = System.getLogger(Reattach.class.getName());
    private static final DomainParseOptions LIVE = new DomainParseOptions("x86_64", false);

    private final QemuNode node;

    Reattach(QemuNode node) {
        this.node = node;
    }

    void all() {
        for (String dir : node.store.runDirs()) {
            try {
                one(dir);
            } catch (VirtException | LinuxException | IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot reattach the domain of " + dir + " in " + node.uri + ": "
                        + e.getMessage());
            }
        }
    }

    private void one(String dir) {
        Optional<RuntimeStatus> st = node.store.readStatus(dir);
        if (st.isEmpty() || st.get().liveXml() == null) {
            node.store.clearRuntime(dir);
            return;
        }
        RuntimeStatus s = st.get();
        DomainDef live = DomainDef.parse(s.liveXml(), LIVE);
        QemuDomain d = node.lookup(live.uuid());
        PidFd pidfd = alive(s);
        if (pidfd == null) {
            LOG.log(System.Logger.Level.INFO, "domain '" + live.name() + "' of " + node.uri
                    + " stopped while no driver watched it");
            node.store.clearRuntime(dir);
            if (s.cgroup() != null && node.cgroups != null) {
                DomainCgroups.remove(Cgroup.of(node.cgroups, s.cgroup()));
            }
            // its taps went with it; its network ports are the node's and go now
            node.lifecycle.taps.releaseAll(live);
            if (d != null) {
                d.setState(DomainStateReason.SHUTOFF_UNKNOWN);
            }
            return;
        }
        if (d == null) {
            d = new QemuDomain(live, false);
            node.add(d);
        }
        Path runDir = node.store.runDir(live.uuid());
        Cgroup cg = s.cgroup() != null && node.cgroups != null ? Cgroup.of(node.cgroups, s.cgroup()) : null;
        Running r = new Running(pidfd, s.startTicks(), runDir, cg);
        r.starting = false;
        // its taps are QEMU's and its network ports the node's: both stay as they are
        r.tapNamespaces.putAll(s.tapNamespaces());
        QemuDomain dom = d;
        synchronized (d) {
            d.run = r;
            d.def = live;
            d.setState(s.reason().state().isActive() ? s.reason() : DomainStateReason.RUNNING_UNKNOWN);
            d.changed();
        }
        node.adoptId(d, s.id());
        r.watch = node.watcher.watch(pidfd, exit -> node.events.execute(() -> node.qmpEvents.processExited(dom, r,
                exit)));
        try {
            r.monitor = QmpMonitor.connect(runDir.resolve("qmp.sock"), node.loop, node.qmpEvents.listener(d, r),
                    live.name());
            r.monitor.handshake(node.config.monitorTimeoutMillis());
            status(d, r, Json.asObject(r.monitor.call("query-status", null, node.config.monitorTimeoutMillis())));
        } catch (IOException | QmpError e) {
            LOG.log(System.Logger.Level.WARNING, "domain '" + live.name() + "' runs (process " + pidfd.pid()
                    + ") but its monitor does not answer: " + e.getMessage() + "; it is kept as it was");
        }
        LOG.log(System.Logger.Level.INFO, "reattached domain '" + live.name() + "' (process " + pidfd.pid() + ")");
    }

    /** The recorded process, if it is still that process: same PID and start time, not exited. */
    private static PidFd alive(RuntimeStatus s) {
        if (s.pid() <= 0) {
            return null;
        }
        PidFd p;
        try {
            p = PidFd.open(s.pid());
        } catch (LinuxException e) {
            return null;
        }
        Optional<ProcStat> stat = ProcStat.of(s.pid());
        if (stat.isEmpty() || stat.get().exited() || stat.get().startTicks() != s.startTicks() || p.hasExited()) {
            p.close();
            return null;
        }
        return p;
    }

    /** The state QEMU reports now, which may have changed while no driver listened. */
    private void status(QemuDomain d, Running r, Map<String, Object> status) {
        String st = Json.string(status, "status");
        synchronized (d) {
            switch (st == null ? "" : st) {
                case "running" -> {
                    if (d.state != DomainState.RUNNING) {
                        d.setState(DomainStateReason.RUNNING_UNKNOWN);
                    }
                }
                case "paused", "inmigrate", "postmigrate", "prelaunch", "suspended", "debug", "io-error",
                        "watchdog" -> {
                    if (d.state != DomainState.PAUSED) {
                        d.setState(DomainStateReason.PAUSED_UNKNOWN);
                    }
                }
                case "guest-panicked" -> d.setState(DomainStateReason.CRASHED_PANICKED);
                case "shutdown" -> {
                    // the guest powered off while no driver listened: finish as the SHUTDOWN would have
                    r.gotShutdown = true;
                    d.setState(DomainStateReason.SHUTDOWN_UNKNOWN);
                    String action = d.def.lifecycleAction("on_poweroff");
                    if (!"preserve".equals(action)) {
                        r.pidfd.signal(Syscalls.SIGTERM);
                    }
                }
                default -> {
                    // unknown: keep the recorded state
                }
            }
        }
        node.lifecycle.persist(d);
    }
}
