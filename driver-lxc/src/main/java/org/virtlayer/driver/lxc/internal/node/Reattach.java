package org.virtlayer.driver.lxc.internal.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.api.VirtException;
import org.virtlayer.linux.Cgroup;
import org.virtlayer.linux.LinuxException;
import org.virtlayer.linux.PidFd;
import org.virtlayer.linux.ProcStat;
import org.virtlayer.linux.Syscalls;

/**
 * Finds the containers an earlier driver started (after a bundle restart or update, or the JVM killed): each run
 * folder's status names the supervisor, init and console keeper by PID and start time; if the supervisor and init are
 * those very processes and alive, the supervisor's end is watched again and the state is read from the cgroup
 * (frozen: paused). Nothing running is killed. A container whose supervisor or init is gone is finished: what is left
 * of it killed, its cgroup and files removed, the domain shut off.
 */
final class Reattach {
    private static final System.Logger LOG = System.getLogger(Reattach.class.getName());

    private final LxcNode node;

    Reattach(LxcNode node) {
        this.node = node;
    }

    void all() {
        Set<String> kept = new HashSet<>();
        for (String dir : node.store.runDirs()) {
            try {
                String cgroup = one(dir);
                if (cgroup != null) {
                    kept.add(cgroup);
                }
            } catch (VirtException | LinuxException | IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot reattach the container of " + dir + ": "
                        + e.getMessage());
            }
        }
        sweepEmptyCgroups(kept);
    }

    /**
     * A start cut short by the JVM's death before its status was written leaves an empty cgroup (its processes ended
     * when the driver's end of their pipe closed): removed. A cgroup that still holds a process is left alone.
     */
    private void sweepEmptyCgroups(Set<String> kept) {
        if (node.cgroups == null || node.cgroups.hierarchies().isEmpty()) {
            return;
        }
        Path parent = node.cgroups.hierarchies().get(0).resolve(node.config.cgroupRoot());
        try (var children = Files.list(parent)) {
            for (Path p : children.toList()) {
                String path = node.config.cgroupRoot() + "/" + p.getFileName();
                if (Files.isDirectory(p) && p.getFileName().toString().startsWith("lxc-") && !kept.contains(path)) {
                    try {
                        Cgroup.of(node.cgroups, path).remove();
                    } catch (LinuxException e) {
                        // in use
                    }
                }
            }
        } catch (IOException e) {
            // no parent cgroup yet
        }
    }

    /** One run folder: the cgroup of a container found running, or null. */
    private String one(String dir) {
        Optional<String> text = node.store.readStatus(dir);
        if (text.isEmpty()) {
            node.store.clearRuntime(dir);
            return null;
        }
        RuntimeStatus s = RuntimeStatus.fromXml(text.get());
        Cgroup cg = s.cgroup() == null || node.cgroups == null ? null : Cgroup.of(node.cgroups, s.cgroup());
        PidFd supervisor = alive(s.supervisorPid(), s.supervisorTicks());
        PidFd init = alive(s.initPid(), s.initTicks());
        LxcDomain d = node.lookup(s.live().uuid());
        if (supervisor == null || init == null || cg == null) {
            LOG.log(System.Logger.Level.INFO, "container '" + s.live().name() + "' ended while no driver watched it");
            finishGone(s, supervisor, init, cg, dir);
            if (d != null) {
                d.setState(DomainStateReason.SHUTOFF_UNKNOWN);
            }
            return null;
        }
        PidFd console = alive(s.consolePid(), s.consoleTicks());
        if (d == null) {
            d = new LxcDomain(s.live(), false);
            node.add(d);
        }
        // its veths and network ports stay as they are
        Container c = new Container(supervisor, s.supervisorTicks(), init, s.initTicks(), console, s.consoleTicks(),
                cg, node.store.runDir(s.live().uuid()), s.tty(), s.hostSides());
        DomainStateReason reason;
        if (cg.isFrozen()) {
            reason = s.reason().state() == DomainState.PAUSED ? s.reason() : DomainStateReason.PAUSED_UNKNOWN;
        } else {
            reason = s.reason().state() == DomainState.RUNNING ? s.reason() : DomainStateReason.RUNNING_UNKNOWN;
        }
        LxcDomain dom = d;
        synchronized (d) {
            d.run = c;
            d.def = s.live();
            d.setState(reason);
            d.changed();
        }
        node.adoptId(d, s.id());
        node.interfaces.adopt(s.live());
        c.watch = node.watcher.watch(supervisor, exit -> node.events.execute(() -> node.lifecycle.exited(dom, c,
                exit)));
        LOG.log(System.Logger.Level.INFO, "reattached container '" + s.live().name() + "' (init " + init.pid() + ")");
        return cg.path();
    }

    /** What a container that ended unwatched left: killed, its cgroup, veths, network ports and files removed. */
    private void finishGone(RuntimeStatus s, PidFd supervisor, PidFd init, Cgroup cg, String dir) {
        List<PidFd> known = new ArrayList<>();
        for (PidFd p : new PidFd[] {init, supervisor}) {
            if (p != null) {
                p.signal(Syscalls.SIGKILL);
                known.add(p);
            }
        }
        ContainerCgroups.remove(cg, known);
        known.forEach(PidFd::close);
        node.interfaces.adopt(s.live());
        node.interfaces.removeVeths(s.live(), s.hostSides());
        node.interfaces.releasePorts(s.live());
        node.store.clearRuntime(dir);
    }

    /** The recorded process, if it is still that process: same PID and start time, not exited. */
    private static PidFd alive(int pid, long ticks) {
        if (pid <= 0) {
            return null;
        }
        PidFd p;
        try {
            p = PidFd.open(pid);
        } catch (LinuxException e) {
            return null;
        }
        Optional<ProcStat> stat = ProcStat.of(pid);
        if (stat.isEmpty() || stat.get().exited() || stat.get().startTicks() != ticks || p.hasExited()) {
            p.close();
            return null;
        }
        return p;
    }
}
