package org.virtlayer.driver.lxc.internal.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        for (String dir : node.store.runDirs()) {
            try {
                one(dir);
            } catch (VirtException | LinuxException | IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot reattach the container of " + dir + ": "
                        + e.getMessage());
            }
        }
    }

    private void one(String dir) {
        Optional<String> text = node.store.readStatus(dir);
        if (text.isEmpty()) {
            node.store.clearRuntime(dir);
            return;
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
            return;
        }
        PidFd console = alive(s.consolePid(), s.consoleTicks());
        if (d == null) {
            d = new LxcDomain(s.live(), false);
            node.add(d);
        }
        Container c = new Container(supervisor, s.supervisorTicks(), init, s.initTicks(), console, s.consoleTicks(),
                cg, node.store.runDir(s.live().uuid()), s.tty());
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
    }

    /** What a container that ended unwatched left: killed, its cgroup, veths and files removed. */
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
        node.interfaces.release(s.live());
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
