package org.virtlayer.driver.lxc.internal.node;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.driver.lxc.internal.launch.ContainerPlan.HostSide;
import org.virtlayer.linux.Cgroup;
import org.virtlayer.linux.PidFd;
import org.virtlayer.linux.ProcessWatcher;

/**
 * One running container and what the driver knows about it: its supervisor (util-linux {@code unshare}, outside the
 * container, whose end is the container's end), its init (PID 1 inside), its console keeper, its cgroup, and the
 * intentions that decide how its end is reported (destroyed, shut down, rebooting).
 */
final class Container {
    final PidFd supervisor;
    final long supervisorTicks;
    final PidFd init;
    final long initTicks;
    /** The console keeper, or null without a console (or when it is gone). */
    final PidFd console;
    final long consoleTicks;
    final Cgroup cgroup;
    final Path runDir;
    /** The console's host terminal, {@code /dev/pts/N}, or null. */
    final String tty;
    volatile ProcessWatcher.Watch watch;

    /** A shutdown was asked for: however init ends (an exit, or a reboot(2)), the container stays off. */
    volatile boolean shutdownRequested;
    /** A reboot was asked for: once init has ended, the container starts again. */
    volatile boolean rebootRequested;
    /** How the end will be reported when the driver ended it on purpose (destroy). */
    volatile DomainStateReason stopReason;
    volatile DomainEventDetail stopDetail;
    /** Completes once the end has been handled (state updated, cgroup and files removed, event sent). */
    final CompletableFuture<Void> stopped = new CompletableFuture<>();
    /** The connection that asked for AUTODESTROY, if one did. */
    volatile Object autodestroyOwner;
    /**
     * Where its veths' host ends are when not plainly in the host's namespace (a network port's namespace, MTU), by
     * host end name: to make them again after a reboot, read their counters, remove them.
     */
    final Map<String, HostSide> hostSides;

    Container(PidFd supervisor, long supervisorTicks, PidFd init, long initTicks, PidFd console, long consoleTicks,
            Cgroup cgroup, Path runDir, String tty, Map<String, HostSide> hostSides) {
        this.supervisor = supervisor;
        this.supervisorTicks = supervisorTicks;
        this.init = init;
        this.initTicks = initTicks;
        this.console = console;
        this.consoleTicks = consoleTicks;
        this.cgroup = cgroup;
        this.runDir = runDir;
        this.tty = tty;
        this.hostSides = Map.copyOf(hostSides);
    }

    /** Decides how the coming end is reported, unless an earlier decision stands. */
    synchronized void stopAs(DomainStateReason reason, DomainEventDetail detail) {
        if (stopReason == null) {
            stopReason = reason;
            stopDetail = detail;
        }
    }

    /** Stops watching the supervisor (the driver is going away; the container runs on). */
    void unwatch() {
        ProcessWatcher.Watch w = watch;
        if (w != null) {
            w.cancel();
        }
    }

    /** Closes this driver's pidfds of the container's processes; they run on. */
    void closePidfds() {
        supervisor.close();
        init.close();
        if (console != null) {
            console.close();
        }
    }
}
