package org.virtlayer.driver.lxc.internal.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.virtlayer.linux.Cgroup;
import org.virtlayer.linux.NamespaceLauncher;
import org.virtlayer.linux.NamespaceLauncher.Namespace;
import org.virtlayer.linux.PidFd;
import org.virtlayer.linux.Pipe;
import org.virtlayer.linux.ProcStat;
import org.virtlayer.linux.ProcessLauncher;
import org.virtlayer.linux.Pty;
import org.virtlayer.linux.Syscalls;
import org.virtlayer.linux.UserNamespaces;
import org.virtlayer.linux.Veth;

/**
 * Starts one container, the whole sequence in one place:
 * <ol>
 * <li>a pseudo-terminal for the console, whose master goes to a <em>console keeper</em> ({@code busybox cat}) that
 * appends everything the container prints to the domain's log, outliving the JVM like the container;</li>
 * <li>the container's first process in new PID, mount, UTS, IPC and network namespaces (and a user namespace with
 * {@code <idmap>}) through {@link NamespaceLauncher}, which leaves util-linux {@code unshare} outside as the
 * <em>supervisor</em>; it runs the {@link SetupScript};</li>
 * <li>the handshake: the first process reports its PID and waits; the ID maps are written, the network interfaces'
 * inner ends created in its namespace; "go": the script mounts and switches root, reports "ready" and waits again;
 * "go" once the console keeper, the supervisor and the first process are in the container's cgroup (whose limits the
 * caller set before anything started), and the script execs init.</li>
 * </ol>
 * Nothing of the container runs before its limits are in place. The moves into the cgroup run on a thread of their
 * own from the moment each process exists: the first move after a quiet spell waits for an RCU grace period (5 to 15
 * ms measured here, {@code cgroup_threadgroup_rwsem}), which then overlaps the script's work instead of lengthening
 * the start. A failure at any step kills what was started and says why, with what the script printed.
 */
public final class ContainerLauncher {
    /** Where things are and how long to wait. */
    public record Settings(Path busybox, Path skeleton, long timeoutMillis) {
    }

    /** A started container's processes, each with its start time (PID plus start time survives PID reuse). */
    public record Launched(PidFd supervisor, long supervisorTicks, PidFd init, long initTicks, PidFd console,
            long consoleTicks, String tty) {
    }

    /** Why a start failed, with what the container's setup printed. */
    public static final class LaunchFailure extends Exception {
        private static final long serialVersionUID = 1L;

        LaunchFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Settings settings;
    /** Moves processes into cgroups while the launching thread goes on. */
    private final ExecutorService mover = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "virtlayer-lxc-cgroup-moves");
        t.setDaemon(true);
        return t;
    });

    public ContainerLauncher(Settings settings) {
        this.settings = settings;
    }

    /** Stops the mover's threads (the node is closing). */
    public void close() {
        mover.shutdown();
    }

    /**
     * Starts the container.
     *
     * @param runDir the run folder, empty; its {@code root} becomes the staging folder
     * @param log where the supervisor's and the console's output go (appended)
     * @param cgroup the container's cgroup, created, limits set
     * @param console whether the container has a console (a pty)
     * @param whileSettingUp told the processes as soon as they are known, while the script still mounts: the caller
     *        records them then (a status file a later driver finds) rather than after
     */
    public Launched launch(ContainerPlan plan, Path runDir, Path log, Cgroup cgroup, boolean console,
            Consumer<Launched> whileSettingUp) throws LaunchFailure {
        Path staging = runDir.resolve("root");
        Path rootTable = runDir.resolve("fstab.root");
        Path deviceTable = runDir.resolve("fstab.devices");
        List<PidFd> started = new ArrayList<>();
        List<Future<?>> moves = new ArrayList<>();
        Future<PidFd> keeper = null;
        Pty pty = null;
        int slave = -1;
        try (Pipe go = Pipe.open(); Pipe report = Pipe.open()) {
            if (console) {
                pty = Pty.open();
                slave = pty.openSlave();
            }
            ContainerMounts mounts = new ContainerMounts(plan, staging, console ? pty.slavePath() : null);
            Files.createDirectories(staging);
            Files.writeString(rootTable, mounts.rootTable(), StandardCharsets.UTF_8);
            Files.writeString(deviceTable, mounts.deviceTable(), StandardCharsets.UTF_8);
            String script = SetupScript.text(plan, mounts, rootTable, deviceTable, settings.skeleton(), console,
                    settings.busybox());
            NamespaceLauncher.Spec spec = new NamespaceLauncher.Spec(List.of(settings.busybox().toString(), "sh",
                    "-c", script, "lxc-setup"))
                    .namespaces(namespaces(plan)).dropCapabilities(plan.droppedCapabilities())
                    .env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").log(log)
                    .passFd(go.readEnd(), 3).passFd(report.writeEnd(), 4);
            if (console) {
                spec.passFd(slave, 5);
            }
            if (plan.userNamespace()) {
                spec.runAs(UserNamespaces.hostId(plan.uidMap(), 0), UserNamespaces.hostId(plan.gidMap(), 0));
            }
            PidFd supervisor = NamespaceLauncher.launch(spec);
            started.add(supervisor);
            moves.add(move(cgroup, supervisor));
            go.closeReadEnd();
            report.closeWriteEnd();
            Syscalls.close(slave);
            slave = -1;
            if (console) {
                // off the critical path: the container's output waits in the terminal until the keeper reads it
                Pty terminal = pty;
                keeper = mover.submit(() -> {
                    PidFd k = ProcessLauncher.launch(new ProcessLauncher.Spec(List.of(settings.busybox().toString(),
                            "cat")).stdin(terminal.master()).log(log));
                    synchronized (started) {
                        started.add(k);
                    }
                    cgroup.addProcess(k.pid());
                    return k;
                });
            }

            String hello = report.readLine(settings.timeoutMillis(), supervisor);
            if (hello == null || !hello.startsWith("pid ")) {
                throw new LaunchFailure("the container's first process ended before it started", null);
            }
            PidFd init = PidFd.open(Integer.parseInt(hello.substring(4).strip()));
            synchronized (started) {
                started.add(init);
            }
            moves.add(move(cgroup, init));
            if (plan.userNamespace()) {
                UserNamespaces.writeMaps(init.pid(), plan.uidMap(), plan.gidMap());
            }
            for (ContainerPlan.Nic n : plan.nics()) {
                List<Veth.Address> addresses = new ArrayList<>();
                for (ContainerPlan.Address a : n.hostAddresses()) {
                    addresses.add(new Veth.Address(a.address(), a.prefix(), a.peer()));
                }
                List<Veth.Route> routes = new ArrayList<>();
                for (ContainerPlan.Route r : n.hostRoutes()) {
                    routes.add(new Veth.Route(r.address(), r.prefix(), r.gateway()));
                }
                Veth.create(new Veth.HostEnd(n.hostName(), n.hostSide().namespace(), n.hostMac(), n.hostSide().mtu(),
                        n.bridge()), new Veth.Peer(n.guestName(), n.mac(), init.pid()), addresses, routes);
            }
            go.write("go\n");
            PidFd k = keeper == null ? null : awaitTask(keeper);
            Launched launched = new Launched(supervisor, ticks(supervisor), init, ticks(init), k,
                    k == null ? -1 : ticks(k), console ? mounts.consoleTty() : null);
            whileSettingUp.accept(launched);
            String done = report.readLine(settings.timeoutMillis(), supervisor);
            if (!"ready".equals(done)) {
                throw new LaunchFailure(done != null && done.startsWith("error: ") ? done.substring(7)
                        : "the container's setup ended without a word", null);
            }
            for (Future<?> m : moves) {
                awaitTask(m);
            }
            // in its cgroup, limits set: init may run
            go.write("go\n");
            return launched;
        } catch (LaunchFailure e) {
            stop(started, moves, keeper);
            throw e;
        } catch (IOException | RuntimeException e) {
            stop(started, moves, keeper);
            throw new LaunchFailure(e.getMessage(), e);
        } finally {
            Syscalls.close(slave);
            if (pty != null) {
                pty.close();
            }
        }
    }

    private Future<?> move(Cgroup cgroup, PidFd p) {
        return mover.submit(() -> cgroup.addProcess(p.pid()));
    }

    /** The result of a task of the mover thread: a process moved into the cgroup, the console keeper started. */
    private <T> T awaitTask(Future<T> m) throws LaunchFailure {
        try {
            return m.get(settings.timeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new LaunchFailure("cannot start the console keeper or move a process into the container's cgroup: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new LaunchFailure("starting the console keeper or moving a process into the container's cgroup"
                    + " took longer than " + settings.timeoutMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchFailure("interrupted", e);
        }
    }

    private static Set<Namespace> namespaces(ContainerPlan plan) {
        Set<Namespace> ns = EnumSet.of(Namespace.PID, Namespace.MOUNT, Namespace.UTS, Namespace.IPC, Namespace.NET);
        if (plan.userNamespace()) {
            ns.add(Namespace.USER);
        }
        return ns;
    }

    private static long ticks(PidFd p) {
        return ProcStat.of(p.pid()).map(ProcStat::startTicks).orElse(-1L);
    }

    /** Kills what a failed start left (the supervisor's end kills the first process too) and reaps it. */
    private static void stop(List<PidFd> started, List<Future<?>> moves, Future<PidFd> keeper) {
        List<Future<?>> pending = new ArrayList<>(moves);
        if (keeper != null) {
            pending.add(keeper);
        }
        for (Future<?> m : pending) {
            // no move may land after the caller removes the cgroup
            try {
                m.get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // the process died first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<PidFd> all;
        synchronized (started) {
            all = new ArrayList<>(started);
        }
        for (PidFd p : all) {
            p.signal(Syscalls.SIGKILL);
        }
        for (PidFd p : all) {
            p.awaitExit(5_000);
            p.reap();
            p.close();
        }
    }
}
