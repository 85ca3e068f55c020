package org.virtlayer.driver.qemu.internal.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.ShutdownMode;
import org.virtlayer.api.VirtException;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.driver.qemu.internal.argv.CommandLine;
import org.virtlayer.driver.qemu.internal.argv.Dev;
import org.virtlayer.driver.qemu.internal.argv.DeviceLayout;
import org.virtlayer.driver.qemu.internal.caps.QemuCaps;
import org.virtlayer.driver.qemu.internal.qmp.QmpError;
import org.virtlayer.driver.qemu.internal.qmp.QmpMonitor;
import org.virtlayer.linux.Cgroup;
import org.virtlayer.linux.LinuxException;
import org.virtlayer.linux.PidFd;
import org.virtlayer.linux.ProcStat;
import org.virtlayer.linux.ProcessExit;
import org.virtlayer.linux.ProcessLauncher;
import org.virtlayer.linux.Syscalls;
import org.virtlayer.linux.UnixSockets;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.kit.DomainLog;
import org.virtlayer.spi.kit.Json;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.XmlElement;

/**
 * Starting and stopping QEMU: start (spawn with the monitor socket handed over, QMP handshake, {@code cont}),
 * shutdown ({@code system_powerdown}), destroy (SIGTERM, SIGKILL after a grace period), reboot, reset, suspend and
 * resume; and the one place a process's exit is turned into the domain's new state, its event and clean runtime files.
 *
 * <p>Each operation runs under the domain's job lock ({@link #job}), whoever asks for it: a destroy that arrives
 * while autostart is starting the domain waits for the start to end, then destroys. An exit is handled on the node's
 * event thread without that lock: a start (which waits for its {@code cont} to be handled) and a destroy (which waits
 * for the exit to be handled) hold it while waiting for that thread; the exit's changes are tied to the very process
 * ({@code d.run}) they are about.
 */
final class DomainLifecycle {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Descriptor numbers in QEMU: the monitor's socket, a restore's stream, the handover monitor's socket. */
    private static final int MONITOR_FD = 3;
    private static final int INCOMING_FD = 4;
    private static final int HANDOVER_FD = 5;
    /** The socket of a running QEMU's descriptor handover monitor, in its run folder. */
    static final String HANDOVER_SOCKET = "handover.sock";

    private final QemuNode node;
    final TapNics taps;

    DomainLifecycle(QemuNode node) {
        this.node = node;
        this.taps = new TapNics(node);
    }

    /** What a start restores from instead of booting: a descriptor of a save image's migration stream. */
    record Incoming(int fd) {
    }

    /**
     * Starts a domain.
     *
     * <p>Volumes and networks are resolved through the node's own context, whoever starts the domain (a connection, or
     * autostart).
     *
     * @param basis the definition to run (createXML, restore), or null for the domain's own
     * @param autodestroyOwner the connection whose closing destroys the domain, or null
     * @param incoming a save image to restore, or null to boot
     */
    DomainRef start(QemuDomain d, DomainDef basis, boolean paused, Object autodestroyOwner, Incoming incoming) {
        return job(d, () -> startNow(d, basis, paused, autodestroyOwner, incoming));
    }

    /**
     * Runs one lifecycle operation of a domain under its job lock, after the one holding it (reentrant: a save
     * suspends and kills within its own turn).
     *
     * @throws VirtException OPERATION_ABORTED if interrupted while waiting (the core's timeout, the driver stopping)
     */
    <T> T job(QemuDomain d, Supplier<T> operation) {
        return d.job.run(d.name(), operation);
    }

    private void job(QemuDomain d, Runnable operation) {
        job(d, () -> {
            operation.run();
            return null;
        });
    }

    private DomainRef startNow(QemuDomain d, DomainDef basis, boolean paused, Object autodestroyOwner,
            Incoming incoming) {
        DomainDef live;
        synchronized (d) {
            if (d.state.isActive() || d.run != null) {
                throw VirtException.invalidOperation("domain '" + d.def.name() + "' is already running");
            }
            live = basis != null ? basis.copy() : d.persistentDef != null ? d.persistentDef.copy() : d.def.copy();
        }
        try {
            return launch(d, live, paused, autodestroyOwner, incoming);
        } catch (RuntimeException e) {
            if (!d.persistent() && !d.isActive()) {
                node.remove(d);
            }
            throw e;
        }
    }

    private DomainRef launch(QemuDomain d, DomainDef live, boolean paused, Object autodestroyOwner,
            Incoming incoming) {
        SourceResolver.resolve(live, node.nodeContext.storage());
        DeviceLayout.prepare(live);
        QemuCaps caps = node.caps.get(Path.of(live.emulator()));
        int id = node.assignId(d);
        live.setId(id);
        Path runDir = node.store.freshRunDir(d.uuid);
        Path sock = runDir.resolve("qmp.sock");
        Path log = node.store.logFile(live.name());
        // -1 until the start line is written: a failure before it has nothing of this QEMU to quote
        long logStart = -1;
        int listenFd = -1;
        int handoverFd = -1;
        List<TapNics.Plugged> plugged = List.of();
        Running r = null;
        try {
            writeMasterKey(runDir);
            plugged = taps.plugAll(live);
            CommandLine.Built built = CommandLine.build(live, caps, new CommandLine.Paths(runDir, MONITOR_FD,
                    HANDOVER_FD), incoming == null ? null : "defer");
            listenFd = UnixSockets.listen(sock);
            handoverFd = UnixSockets.listen(runDir.resolve(HANDOVER_SOCKET));
            logStart = DomainLog.starting(log, commandLine(built.env(), built.argv()));
            Cgroup cg = DomainCgroups.create(node, live);
            ProcessLauncher.Spec spec = new ProcessLauncher.Spec(built.argv()).log(log).passFd(listenFd, MONITOR_FD)
                    .passFd(handoverFd, HANDOVER_FD);
            built.env().forEach(spec::env);
            if (incoming != null) {
                spec.passFd(incoming.fd(), INCOMING_FD);
            }
            Map<String, String> tapNamespaces = new HashMap<>();
            for (TapNics.Plugged p : plugged) {
                spec.passFd(p.tap().fd(), built.tapFds().get(Dev.alias(p.nic())));
                if (p.tap().namespace() != null) {
                    tapNamespaces.put(Dev.alias(p.nic()), p.tap().namespace());
                }
            }
            PidFd pidfd;
            try {
                pidfd = ProcessLauncher.launch(spec);
            } catch (LinuxException e) {
                DomainCgroups.remove(cg);
                throw new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: cannot start "
                        + built.argv().get(0) + ": " + e.getMessage());
            } finally {
                // QEMU has its own descriptors now (or never will): a tap lives as long as QEMU holds it
                closeTaps(plugged);
            }
            Syscalls.close(listenFd);
            listenFd = -1;
            Syscalls.close(handoverFd);
            handoverFd = -1;
            long ticks = ProcStat.of(pidfd.pid()).map(ProcStat::startTicks).orElse(-1L);
            Running run = new Running(pidfd, ticks, runDir, cg);
            run.tapNamespaces.putAll(tapNamespaces);
            r = run;
            r.autodestroyOwner = autodestroyOwner;
            synchronized (d) {
                d.run = run;
                d.def = live;
                d.setState(DomainStateReason.PAUSED_STARTING_UP);
                d.changed();
            }
            r.watch = node.watcher.watch(pidfd,
                    exit -> node.events.execute(() -> node.qmpEvents.processExited(d, run, exit)));
            DomainCgroups.place(cg, pidfd.pid(), live);
            r.monitor = QmpMonitor.connect(sock, node.loop, node.qmpEvents.listener(d, run), live.name());
            r.monitor.handshake(node.config.monitorTimeoutMillis());
            afterHandshake(d, r, live);
            if (incoming != null) {
                node.saves.receive(r);
            }
            if (!paused) {
                r.monitor.call("cont", null, node.config.monitorTimeoutMillis());
                // the RESUME event is handled first, as libvirt reports it: "Resumed Unpaused", "Started Booted"
                node.barrier();
            }
            DomainStateReason reason = paused ? DomainStateReason.PAUSED_USER
                    : incoming != null ? DomainStateReason.RUNNING_RESTORED : DomainStateReason.RUNNING_BOOTED;
            DomainRef ref;
            synchronized (d) {
                d.setState(reason);
                r.starting = false;
                ref = d.ref();
            }
            persist(d);
            node.emit(ref, incoming != null ? DomainEventDetail.STARTED_RESTORED : DomainEventDetail.STARTED_BOOTED);
            if (paused) {
                node.emit(ref, DomainEventDetail.SUSPENDED_PAUSED);
            }
            return ref;
        } catch (VirtException | QmpError | LinuxException | IOException | IllegalArgumentException e) {
            Syscalls.close(listenFd);
            Syscalls.close(handoverFd);
            closeTaps(plugged);
            throw failedStart(d, r, live, e, log, logStart);
        }
    }

    private static void closeTaps(List<TapNics.Plugged> plugged) {
        for (TapNics.Plugged p : plugged) {
            p.tap().close();
        }
    }

    private static void writeMasterKey(Path runDir) throws IOException {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        Path p = runDir.resolve("master-key.aes");
        Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(p, key);
    }

    /** Runtime facts only QEMU knows: pty paths, the VNC port it found; VNC password; disk I/O limits. */
    private void afterHandshake(QemuDomain d, Running r, DomainDef live) {
        for (XmlElement disk : live.devices("disk")) {
            Map<String, Object> limits = IoTune.throttle(disk);
            if (limits != null) {
                r.monitor.call("block_set_io_throttle", limits, node.config.monitorTimeoutMillis());
            }
        }
        boolean pty = false;
        for (XmlElement s : live.devices("serial")) {
            pty |= "pty".equals(s.attr("type"));
        }
        boolean vnc = !live.devices("graphics").isEmpty();
        if (!pty && !vnc) {
            return;
        }
        long t = node.config.monitorTimeoutMillis();
        if (pty) {
            for (Object o : Json.asList(r.monitor.call("query-chardev", null, t))) {
                Map<String, Object> c = Json.asObject(o);
                String file = Json.string(c, "filename");
                String label = Json.string(c, "label");
                if (file == null || !file.startsWith("pty:")) {
                    continue;
                }
                for (XmlElement s : live.devices("serial")) {
                    if (("char" + Dev.alias(s)).equals(label)) {
                        s.removeChildren("source");
                        s.add(0, XmlElement.of("source", "path", file.substring(4)));
                    }
                }
            }
        }
        for (XmlElement g : live.devices("graphics")) {
            if (g.attr("passwd") != null) {
                r.monitor.call("set_password", Json.obj("protocol", "vnc", "password", g.attr("passwd")), t);
            }
            if ("yes".equals(g.attr("autoport")) || Dev.intAttr(g, "port", -1) < 5900) {
                Map<String, Object> info = Json.asObject(r.monitor.call("query-vnc", null, t));
                String service = Json.string(info, "service");
                if (service != null) {
                    g.attr("port", service);
                    g.attr("autoport", "yes");
                }
            }
        }
        synchronized (d) {
            d.changed();
        }
    }

    private VirtException failedStart(QemuDomain d, Running r, DomainDef live, Exception cause, Path log,
            long logStart) {
        String qemuSaid = logStart < 0 ? "" : DomainLog.since(log, logStart);
        if (r != null) {
            r.stopAs(DomainStateReason.SHUTOFF_FAILED, null);
            r.pidfd.signal(Syscalls.SIGKILL);
            if (r.watch == null) {
                // the exit was never watched: nothing else will clean up
                exited(d, r, new ProcessExit(r.pid(), java.util.OptionalInt.empty()));
            }
            await(r, 10_000);
        } else {
            node.releaseId(d);
            node.store.clearRuntime(d.uuid);
            taps.releaseAll(live);
            synchronized (d) {
                d.setState(DomainStateReason.SHUTOFF_FAILED);
                if (d.persistentDef != null) {
                    d.def = d.persistentDef;
                }
            }
        }
        String why = cause instanceof QmpError q && QmpError.CLOSED.equals(q.errorClass())
                ? "process exited while connecting to monitor" : cause.getMessage();
        if (cause instanceof VirtException v && qemuSaid.isEmpty()) {
            return v;
        }
        return new VirtException(cause instanceof VirtException v ? v.code() : ErrorCode.INTERNAL_ERROR,
                "internal error: cannot start domain '" + live.name() + "': " + why
                        + (qemuSaid.isEmpty() ? "" : ": " + qemuSaid));
    }

    // ---- stopping

    /** The domain's QEMU, if it is running (or paused) and started. */
    Running running(QemuDomain d) {
        synchronized (d) {
            Running r = d.run;
            if (r == null || !d.state.isActive() || r.starting) {
                throw VirtException.invalidOperation("domain is not running");
            }
            return r;
        }
    }

    void destroy(QemuDomain d) {
        job(d, () -> {
            Running r = running(d);
            r.stopAs(DomainStateReason.SHUTOFF_DESTROYED, DomainEventDetail.STOPPED_DESTROYED);
            kill(r);
        });
    }

    /** SIGTERM; SIGKILL after the grace period; returns once the exit has been handled. */
    void kill(Running r) {
        r.pidfd.signal(Syscalls.SIGTERM);
        if (await(r, node.config.destroyGraceMillis())) {
            return;
        }
        r.pidfd.signal(Syscalls.SIGKILL);
        if (!await(r, 5_000)) {
            throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: failed to kill QEMU process "
                    + r.pid() + " with SIGKILL");
        }
    }

    private static boolean await(Running r, long millis) {
        try {
            r.stopped.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VirtException(ErrorCode.OPERATION_ABORTED, "interrupted while waiting for QEMU " + r.pid());
        }
    }

    private static void checkModes(Set<ShutdownMode> modes) {
        for (ShutdownMode m : modes) {
            if (m != ShutdownMode.ACPI_POWER_BTN) {
                throw new VirtException(ErrorCode.ARGUMENT_UNSUPPORTED, "argument unsupported: shutdown mode " + m
                        + " (the QEMU driver uses the ACPI power button)");
            }
        }
    }

    void shutdown(QemuDomain d, Set<ShutdownMode> modes) {
        checkModes(modes);
        job(d, () -> {
            Running r = running(d);
            synchronized (d) {
                if (d.state != DomainState.RUNNING) {
                    throw VirtException.invalidOperation("domain is not running");
                }
            }
            r.monitor.call("system_powerdown", null, node.config.monitorTimeoutMillis());
        });
    }

    /** libvirt's ACPI reboot: the power button, and when the guest powers off, a reset instead of an exit. */
    void reboot(QemuDomain d, Set<ShutdownMode> modes) {
        checkModes(modes);
        job(d, () -> {
            Running r = running(d);
            r.fakeReboot = true;
            try {
                r.monitor.call("system_powerdown", null, node.config.monitorTimeoutMillis());
            } catch (QmpError e) {
                r.fakeReboot = false;
                throw e;
            }
        });
    }

    void reset(QemuDomain d) {
        job(d, () -> {
            running(d).monitor.call("system_reset", null, node.config.monitorTimeoutMillis());
        });
    }

    void suspend(QemuDomain d) {
        job(d, () -> {
            Running r = running(d);
            synchronized (d) {
                if (d.state == DomainState.PAUSED) {
                    return;
                }
            }
            r.pendingPause = DomainStateReason.PAUSED_USER;
            r.monitor.call("stop", null, node.config.monitorTimeoutMillis());
            node.barrier();
            transition(d, r, DomainState.RUNNING, DomainStateReason.PAUSED_USER, DomainEventDetail.SUSPENDED_PAUSED);
        });
    }

    void resume(QemuDomain d) {
        job(d, () -> {
            Running r = running(d);
            synchronized (d) {
                if (d.state != DomainState.PAUSED) {
                    return;
                }
            }
            r.monitor.call("cont", null, node.config.monitorTimeoutMillis());
            node.barrier();
            transition(d, r, DomainState.PAUSED, DomainStateReason.RUNNING_UNPAUSED,
                    DomainEventDetail.RESUMED_UNPAUSED);
        });
    }

    /** Moves a running domain from one state to another and reports it, unless it already moved. */
    boolean transition(QemuDomain d, Running r, DomainState from, DomainStateReason to, DomainEventDetail detail) {
        DomainRef ref;
        synchronized (d) {
            if (d.run != r || d.state != from) {
                return false;
            }
            d.setState(to);
            ref = d.ref();
        }
        if (!r.starting) {
            node.events.execute(() -> persist(d));
        }
        if (detail != null) {
            node.emit(ref, detail);
        }
        return true;
    }

    /**
     * Writes a running domain's runtime status (state, live XML) for a later driver to find. Writers of one run take
     * turns, each writing what it read, so the file ends with the latest state.
     */
    void persist(QemuDomain d) {
        Running r;
        synchronized (d) {
            r = d.run;
        }
        if (r == null) {
            return;
        }
        synchronized (r) {
            RuntimeStatus s;
            synchronized (d) {
                if (d.run != r) {
                    return;
                }
                s = new RuntimeStatus(r.pid(), r.startTicks, d.id, d.reason, d.persistentDef != null,
                        r.cgroup == null ? null : r.cgroup.path(), Map.copyOf(r.tapNamespaces), d.xml(false, true));
            }
            node.store.writeStatus(d.uuid, s);
        }
    }

    /**
     * A QEMU process ended (on the node's event thread): the domain is shut off, with the reason its end had — the
     * driver's intent (destroyed, saved), the guest's SHUTDOWN, or else a crash (libvirt's "failed" event) — its
     * runtime files and cgroup are removed and every connection hears of it.
     */
    void exited(QemuDomain d, Running r, ProcessExit exit) {
        synchronized (d) {
            if (d.run != r) {
                r.stopped.complete(null);
                return;
            }
        }
        if (r.monitor != null) {
            r.monitor.close();
        }
        r.pidfd.close();
        DomainCgroups.remove(r.cgroup);
        node.store.clearRuntime(d.uuid);
        DomainStateReason reason;
        DomainEventDetail detail;
        if (r.stopDetail != null || r.stopReason != null) {
            reason = r.stopReason;
            detail = r.starting ? null : r.stopDetail;
        } else if (r.starting) {
            reason = DomainStateReason.SHUTOFF_FAILED;
            detail = null;
        } else if (r.gotShutdown) {
            reason = DomainStateReason.SHUTOFF_SHUTDOWN;
            detail = DomainEventDetail.STOPPED_SHUTDOWN;
        } else {
            reason = DomainStateReason.SHUTOFF_CRASHED;
            detail = DomainEventDetail.STOPPED_FAILED;
        }
        DomainRef ref;
        DomainDef live;
        boolean transientGone;
        synchronized (d) {
            ref = d.ref();
            live = d.def;
            d.run = null;
            d.setState(reason);
            if (d.persistentDef != null) {
                d.def = d.persistentDef;
            } else {
                d.def.setId(-1);
            }
            d.changed();
            transientGone = d.persistentDef == null;
        }
        taps.releaseAll(live);
        node.releaseId(d);
        if (transientGone) {
            node.remove(d);
        }
        DomainLog.stopped(node.store.logFile(live.name()), reason.label() + " (" + exit + ")");
        for (var f : r.unplugs.values()) {
            f.completeExceptionally(new VirtException(ErrorCode.OPERATION_FAILED, "domain stopped"));
        }
        if (detail != null) {
            node.emit(ref, detail);
        }
        r.stopped.complete(null);
    }

    /** The log's start header, as libvirt writes it: the environment and the command line, one item a line. */
    private static String commandLine(Map<String, String> env, List<String> argv) {
        StringBuilder sb = new StringBuilder();
        env.forEach((k, v) -> sb.append('\n').append(k).append('=').append(v).append(" \\"));
        for (int i = 0; i < argv.size(); i++) {
            sb.append('\n').append(argv.get(i)).append(i + 1 < argv.size() ? " \\" : "");
        }
        return sb.toString();
    }
}
