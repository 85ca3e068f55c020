package org.virtlayer.driver.qemu.internal.node;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.driver.qemu.internal.qmp.QmpMonitor;
import org.virtlayer.linux.Cgroup;
import org.virtlayer.linux.PidFd;
import org.virtlayer.linux.ProcessWatcher;

/**
 * One QEMU process of a domain and what the driver knows about it: its pidfd, monitor, cgroup, and the intentions
 * that decide how its end is reported (destroyed, saved, shut down by the guest, or died unexpectedly).
 */
final class Running {
    final PidFd pidfd;
    final long startTicks;
    final Path runDir;
    final Cgroup cgroup;
    volatile QmpMonitor monitor;
    volatile ProcessWatcher.Watch watch;

    /** True until the start has finished: an exit then is the start's failure, not an event. */
    volatile boolean starting = true;
    /** The guest (or QEMU) reported SHUTDOWN: an exit now is a shutdown, not a crash. */
    volatile boolean gotShutdown;
    /** A reboot was asked for: the next SHUTDOWN resets the guest instead of stopping it. */
    volatile boolean fakeReboot;
    /** A reset after a SHUTDOWN is under way: its STOP and RESUME are not reported. */
    volatile boolean rebooting;
    /** The process's exit, once seen (event thread only). */
    org.virtlayer.linux.ProcessExit exit;
    /** The monitor delivered its last message (event thread only). */
    boolean monitorClosed;
    /** Why the next STOP happens, when the driver asked for it. */
    volatile DomainStateReason pendingPause;
    /** How the process's end will be reported, when the driver ended it on purpose. */
    volatile DomainEventDetail stopDetail;
    volatile DomainStateReason stopReason;
    /** Completes once the exit has been handled (state updated, files cleaned, event sent). */
    final CompletableFuture<Void> stopped = new CompletableFuture<>();
    /** Hot-unplugs waiting for QEMU's DEVICE_DELETED, by device alias. */
    final Map<String, CompletableFuture<Void>> unplugs = new ConcurrentHashMap<>();
    /** The save or restore waiting for a MIGRATION event. */
    volatile CompletableFuture<String> migration;
    /** The connection that asked for AUTODESTROY, if one did. */
    volatile Object autodestroyOwner;
    /** vCPU number to host thread ID, read once from QMP. */
    volatile Map<Integer, Integer> vcpuThreads;
    /**
     * The network namespace of each tap NIC whose tap is not in the JVM's own (a network backend keeping its bridges
     * in one), by the NIC's alias: where its counters are read.
     */
    final Map<String, String> tapNamespaces = new ConcurrentHashMap<>();

    Running(PidFd pidfd, long startTicks, Path runDir, Cgroup cgroup) {
        this.pidfd = pidfd;
        this.startTicks = startTicks;
        this.runDir = runDir;
        this.cgroup = cgroup;
    }

    int pid() {
        return pidfd.pid();
    }

    /** Decides how the coming exit is reported, unless an earlier decision stands. */
    synchronized void stopAs(DomainStateReason reason, DomainEventDetail detail) {
        if (stopDetail == null) {
            stopReason = reason;
            stopDetail = detail;
        }
    }
}
