package org.virtlayer.driver.lxc.internal.node;

import java.nio.file.Path;
import java.util.ArrayList;
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
import org.virtlayer.driver.lxc.internal.launch.ContainerLauncher;
import org.virtlayer.driver.lxc.internal.launch.ContainerPlan;
import org.virtlayer.driver.lxc.internal.launch.ContainerPlan.HostSide;
import org.virtlayer.linux.Cgroup;
import org.virtlayer.linux.LinuxException;
import org.virtlayer.linux.PidFd;
import org.virtlayer.linux.ProcessExit;
import org.virtlayer.linux.Syscalls;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.kit.DomainLog;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.XmlElement;

/**
 * Starting and stopping containers: start (cgroup with limits, then {@link ContainerLauncher}), shutdown (SIGTERM to
 * init, libvirt's signal mode), destroy (SIGKILL to init, which takes its whole PID namespace along), reboot (init
 * asked to stop, then the container starts again), suspend and resume (the cgroup freezer); and the one place a
 * container's end is turned into the domain's new state, its event and a clean host (no process, cgroup, veth or
 * runtime file left).
 *
 * <p>Each operation runs under the domain's job lock ({@link #job}), whoever asks for it: a destroy that arrives
 * while autostart is starting the container waits for the start to end, then destroys. An end is handled on the
 * node's event thread without that lock (a destroy holds it while waiting for that thread to handle the end); the
 * end's changes, a reboot's new start included, are tied to the very container ({@code d.run}) they are about, and a
 * destroy ends a container started again meanwhile too.
 */
final class ContainerLifecycle {
    private static final System.Logger LOG = System.getLogger(ContainerLifecycle.class.getName());
    private static final long STOP_WAIT_MS = 10_000;

    private final LxcNode node;

    ContainerLifecycle(LxcNode node) {
        this.node = node;
    }

    /**
     * Starts a container.
     *
     * <p>Networks are resolved through the node's own context, whoever starts the container (a connection, or
     * autostart).
     *
     * @param basis the definition to run (createXML), or null for the domain's own
     * @param autodestroyOwner the connection whose closing destroys the container, or null
     */
    DomainRef start(LxcDomain d, DomainDef basis, Object autodestroyOwner) {
        return job(d, () -> startNow(d, basis, autodestroyOwner));
    }

    /**
     * Runs one lifecycle operation of a domain under its job lock, after the one holding it (reentrant).
     *
     * @throws VirtException OPERATION_ABORTED if interrupted while waiting (the core's timeout, the driver stopping)
     */
    <T> T job(LxcDomain d, Supplier<T> operation) {
        return d.job.run(d.name(), operation);
    }

    private void job(LxcDomain d, Runnable operation) {
        job(d, () -> {
            operation.run();
            return null;
        });
    }

    private DomainRef startNow(LxcDomain d, DomainDef basis, Object autodestroyOwner) {
        DomainDef live;
        synchronized (d) {
            if (d.state.isActive() || d.run != null || d.starting) {
                throw VirtException.invalidOperation("domain '" + d.def.name() + "' is already running");
            }
            d.starting = true;
            live = basis != null ? basis.copy() : d.persistentDef != null ? d.persistentDef.copy() : d.def.copy();
        }
        Map<String, HostSide> sides;
        try {
            sides = node.interfaces.resolve(live);
        } catch (RuntimeException e) {
            startFailed(d);
            throw e;
        }
        Container c;
        try {
            live.setId(node.assignId(d));
            c = launch(d, live, sides);
        } catch (RuntimeException e) {
            node.releaseId(d);
            node.interfaces.removeVeths(live, sides);
            node.interfaces.releasePorts(live);
            startFailed(d);
            throw e;
        }
        c.autodestroyOwner = autodestroyOwner;
        DomainRef ref;
        synchronized (d) {
            d.starting = false;
            d.run = c;
            d.def = live;
            d.setState(DomainStateReason.RUNNING_BOOTED);
            d.changed();
            ref = d.ref();
        }
        node.emit(ref, DomainEventDetail.STARTED_BOOTED);
        watch(d, c);
        return ref;
    }

    private void startFailed(LxcDomain d) {
        synchronized (d) {
            d.starting = false;
            d.setState(DomainStateReason.SHUTOFF_FAILED);
        }
        if (!d.persistent() && !d.isActive()) {
            node.remove(d);
        }
    }

    /** Learns of the container's end as it happens: the supervisor's exit (and reaps the console keeper's). */
    private void watch(LxcDomain d, Container c) {
        c.watch = node.watcher.watch(c.supervisor, exit -> node.events.execute(() -> exited(d, c, exit)));
        if (c.console != null) {
            node.watcher.watch(c.console, exit -> { });
        }
    }

    /**
     * Everything of one start that touches the host: cgroup, launch, the console in the live definition, the runtime
     * status (written while the container's setup runs, so that it costs the start nothing).
     */
    private Container launch(LxcDomain d, DomainDef live, Map<String, HostSide> sides) {
        ContainerPlan plan = ContainerPlan.of(live, sides);
        Path runDir = node.store.freshRunDir(d.uuid);
        Path log = node.store.logFile(live.name());
        long logStart = DomainLog.starting(log, " container '" + live.name() + "' (init " + String.join(" ",
                plan.initArgv()) + ")");
        boolean console = !live.devices("console").isEmpty();
        Cgroup cg;
        try {
            cg = ContainerCgroups.create(node.cgroups, node.config.cgroupRoot(), live);
        } catch (VirtException e) {
            node.store.clearRuntime(d.uuid);
            throw e;
        }
        boolean persistent = d.persistent();
        ContainerLauncher.Launched l;
        try {
            l = node.launcher.launch(plan, runDir, log, cg, console, started -> {
                if (started.tty() != null) {
                    showConsole(live, started.tty());
                }
                node.store.writeStatus(d.uuid, new RuntimeStatus(DomainStateReason.RUNNING_BOOTED, live.id(),
                        persistent, started.supervisor().pid(), started.supervisorTicks(), started.init().pid(),
                        started.initTicks(), started.console() == null ? -1 : started.console().pid(),
                        started.consoleTicks(), cg.path(), started.tty(), sides, live).toXml());
            });
        } catch (ContainerLauncher.LaunchFailure e) {
            ContainerCgroups.remove(cg, List.of());
            node.store.clearRuntime(d.uuid);
            String said = DomainLog.since(log, logStart);
            DomainLog.stopped(log, "failed");
            throw new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: cannot start container '"
                    + live.name() + "': " + e.getMessage() + (said.isEmpty() ? "" : ": " + said));
        }
        return new Container(l.supervisor(), l.supervisorTicks(), l.init(), l.initTicks(), l.console(),
                l.consoleTicks(), cg, runDir, l.tty(), sides);
    }

    /** libvirt's live console: {@code <console type='pty' tty='/dev/pts/N'><source path='/dev/pts/N'/>...}. */
    private static void showConsole(DomainDef live, String tty) {
        XmlElement con = live.devices("console").get(0);
        con.attr("tty", tty);
        con.orderAttributes(List.of("type", "tty"));
        con.removeChildren("source");
        con.add(0, XmlElement.of("source", "path", tty));
        if (con.child("alias") == null) {
            con.add(XmlElement.of("alias", "name", "console0"));
        }
    }

    // ---- stopping

    /** The domain's container, if it is running or paused. */
    Container running(LxcDomain d) {
        synchronized (d) {
            if (d.run == null || !d.state.isActive()) {
                throw VirtException.invalidOperation("domain is not running");
            }
            return d.run;
        }
    }

    /**
     * SIGKILL to init: the kernel kills every process of its PID namespace with it. Returns once it has ended; a
     * container that was just starting again after a reboot is destroyed too.
     */
    void destroy(LxcDomain d) {
        job(d, () -> destroyNow(d));
    }

    private void destroyNow(LxcDomain d) {
        Container c = running(d);
        for (int round = 0; c != null && round < 3; round++) {
            c.stopAs(DomainStateReason.SHUTOFF_DESTROYED, DomainEventDetail.STOPPED_DESTROYED);
            c.init.signal(Syscalls.SIGKILL);
            thawIfFrozen(c);
            if (!await(c, STOP_WAIT_MS)) {
                // the supervisor's end kills what is left (PR_SET_PDEATHSIG)
                c.supervisor.signal(Syscalls.SIGKILL);
                if (!await(c, STOP_WAIT_MS)) {
                    throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: container '" + d.name()
                            + "' did not end after SIGKILL");
                }
            }
            synchronized (d) {
                c = d.run;
            }
        }
    }

    /** A frozen task dies of SIGKILL only once thawed (cgroup v1 freezer). */
    private static void thawIfFrozen(Container c) {
        try {
            if (c.cgroup.isFrozen()) {
                c.cgroup.setFrozen(false);
            }
        } catch (LinuxException e) {
            // no freezer: nothing was frozen
        }
    }

    private static boolean await(Container c, long millis) {
        try {
            c.stopped.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VirtException(ErrorCode.OPERATION_ABORTED, "interrupted while waiting for a container's end");
        }
    }

    private static void checkModes(Set<ShutdownMode> modes, String what) {
        for (ShutdownMode m : modes) {
            if (m != ShutdownMode.SIGNAL) {
                throw new VirtException(ErrorCode.ARGUMENT_UNSUPPORTED, "argument unsupported: " + what + " mode "
                        + m + " (the LXC driver signals the container's init)");
            }
        }
    }

    /**
     * libvirt's signal mode: SIGTERM to init, and the call returns. However init then ends (an exit, or reboot(2),
     * which a busybox init does on SIGTERM), the container stays off.
     */
    void shutdown(LxcDomain d, Set<ShutdownMode> modes) {
        checkModes(modes, "shutdown");
        job(d, () -> {
            Container c = running(d);
            c.shutdownRequested = true;
            c.init.signal(Syscalls.SIGTERM);
        });
    }

    /** init is asked to stop (SIGTERM); once it has ended, the container starts again with the same definition. */
    void reboot(LxcDomain d, Set<ShutdownMode> modes) {
        checkModes(modes, "reboot");
        job(d, () -> {
            Container c = running(d);
            c.rebootRequested = true;
            c.init.signal(Syscalls.SIGTERM);
        });
    }

    /** The cgroup freezer: every process of the container stops where it is. Returns once all are frozen. */
    void suspend(LxcDomain d) {
        job(d, () -> suspendNow(d));
    }

    private void suspendNow(LxcDomain d) {
        Container c = running(d);
        synchronized (d) {
            if (d.state == DomainState.PAUSED) {
                return;
            }
        }
        try {
            c.cgroup.setFrozen(true);
            // the v1 freezer reports FREEZING until the last task has stopped: a matter of microseconds
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!c.cgroup.isFrozen()) {
                if (System.nanoTime() > deadline) {
                    c.cgroup.setFrozen(false);
                    throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: unable to freeze"
                            + " container '" + d.name() + "'");
                }
                Thread.onSpinWait();
            }
        } catch (LinuxException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot freeze container '" + d.name() + "': "
                    + e.getMessage());
        }
        transition(d, c, DomainState.RUNNING, DomainStateReason.PAUSED_USER, DomainEventDetail.SUSPENDED_PAUSED);
    }

    void resume(LxcDomain d) {
        job(d, () -> resumeNow(d));
    }

    private void resumeNow(LxcDomain d) {
        Container c = running(d);
        synchronized (d) {
            if (d.state != DomainState.PAUSED) {
                return;
            }
        }
        try {
            c.cgroup.setFrozen(false);
        } catch (LinuxException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot thaw container '" + d.name() + "': "
                    + e.getMessage());
        }
        transition(d, c, DomainState.PAUSED, DomainStateReason.RUNNING_UNPAUSED, DomainEventDetail.RESUMED_UNPAUSED);
    }

    private void transition(LxcDomain d, Container c, DomainState from, DomainStateReason to,
            DomainEventDetail detail) {
        DomainRef ref;
        synchronized (d) {
            if (d.run != c || d.state != from) {
                return;
            }
            d.setState(to);
            ref = d.ref();
        }
        persist(d);
        node.emit(ref, detail);
    }

    /** Writes a running container's runtime status for a later driver to find. Writers take turns per container. */
    void persist(LxcDomain d) {
        Container c;
        synchronized (d) {
            c = d.run;
        }
        if (c == null) {
            return;
        }
        synchronized (c) {
            RuntimeStatus s;
            synchronized (d) {
                if (d.run != c) {
                    return;
                }
                s = new RuntimeStatus(d.reason, d.id, d.persistentDef != null, c.supervisor.pid(), c.supervisorTicks,
                        c.init.pid(), c.initTicks, c.console == null ? -1 : c.console.pid(), c.consoleTicks,
                        c.cgroup.path(), c.tty, c.hostSides, d.def);
                node.store.writeStatus(d.uuid, s.toXml());
            }
        }
    }

    // ---- the end

    /**
     * A container ended: its supervisor exited (on the node's event thread). Whatever is left is killed, the cgroup,
     * the host ends of its veths and its runtime files are removed; then either it starts again (a reboot) or the
     * domain is shut off with the reason its end had, and every connection hears of it: destroyed when the driver
     * killed it; shutdown when asked to, when init exited, or when init called reboot(2) or poweroff (the kernel ends a
     * PID namespace's init with SIGHUP or SIGINT then); failed (crashed) when init was killed by another signal.
     */
    void exited(LxcDomain d, Container c, ProcessExit exit) {
        DomainDef live;
        synchronized (d) {
            if (d.run != c) {
                c.stopped.complete(null);
                return;
            }
            live = d.def;
        }
        cleanUp(c, live);
        node.store.clearRuntime(d.uuid);
        int signal = exit.signal().orElse(0);
        boolean containerRebooted = signal == Syscalls.SIGHUP && "restart".equals(lifecycleAction(live));
        if (c.stopReason == null && !c.shutdownRequested && (c.rebootRequested || containerRebooted)) {
            DomainLog.stopped(node.store.logFile(live.name()), "reboot");
            if (restart(d, c, live)) {
                c.stopped.complete(null);
                return;
            }
            finish(d, c, live, DomainStateReason.SHUTOFF_FAILED, DomainEventDetail.STOPPED_FAILED, exit);
            return;
        }
        DomainStateReason reason;
        DomainEventDetail detail;
        if (c.stopReason != null) {
            reason = c.stopReason;
            detail = c.stopDetail;
        } else if (c.shutdownRequested || signal == 0 || signal == Syscalls.SIGHUP || signal == Syscalls.SIGINT) {
            reason = DomainStateReason.SHUTOFF_SHUTDOWN;
            detail = DomainEventDetail.STOPPED_SHUTDOWN;
        } else {
            reason = DomainStateReason.SHUTOFF_CRASHED;
            detail = DomainEventDetail.STOPPED_FAILED;
        }
        finish(d, c, live, reason, detail, exit);
    }

    private static String lifecycleAction(DomainDef def) {
        String a = def.lifecycleAction("on_reboot");
        return a == null ? "restart" : a;
    }

    /**
     * Nothing of the container may outlive it: processes, frozen or not, the cgroup, the veths' host ends. Its network
     * ports stay until it is known not to start again.
     */
    private void cleanUp(Container c, DomainDef live) {
        c.init.signal(Syscalls.SIGKILL);
        thawIfFrozen(c);
        List<PidFd> known = new ArrayList<>();
        known.add(c.init);
        if (c.console != null) {
            known.add(c.console);
        }
        ContainerCgroups.remove(c.cgroup, known);
        c.closePidfds();
        node.interfaces.removeVeths(live, c.hostSides);
    }

    /** The container of a reboot starts again in place: same ID, same definition, no lifecycle event. */
    private boolean restart(LxcDomain d, Container old, DomainDef live) {
        try {
            node.interfaces.adopt(live);
            Container c = launch(d, live, old.hostSides);
            c.autodestroyOwner = old.autodestroyOwner;
            synchronized (d) {
                d.run = c;
                d.setState(DomainStateReason.RUNNING_BOOTED);
                d.changed();
            }
            watch(d, c);
            return true;
        } catch (VirtException | LinuxException e) {
            LOG.log(System.Logger.Level.WARNING, "container '" + live.name() + "' could not start again after its"
                    + " reboot: " + e.getMessage());
            node.interfaces.removeVeths(live, old.hostSides);
            return false;
        }
    }

    private void finish(LxcDomain d, Container c, DomainDef live, DomainStateReason reason, DomainEventDetail detail,
            ProcessExit exit) {
        DomainRef ref;
        boolean transientGone;
        synchronized (d) {
            ref = d.ref();
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
        node.releaseId(d);
        node.interfaces.releasePorts(live);
        if (transientGone) {
            node.remove(d);
        }
        DomainLog.stopped(node.store.logFile(live.name()), reason.label() + " (supervisor: " + exit + ")");
        if (detail != null) {
            node.emit(ref, detail);
        }
        c.stopped.complete(null);
    }
}
