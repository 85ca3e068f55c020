package org.virtlayer.driver.lxc.internal.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
 * <li>the handshake: the first process reports its PID and waits; the supervisor, the console keeper and it are put
 * into the container's cgroup (whose limits the caller has already set), the ID maps are written, the network
 * interfaces' inner ends created in its namespace; then "go", and the script mounts, switches root and execs init,
 * reporting "ok" just before.</li>
 * </ol>
 * Nothing of the container runs before its limits are in place. A failure at any step kills what was started and
 * says why, with what the script printed.
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

    public ContainerLauncher(Settings settings) {
        this.settings = settings;
    }

    /**
     * Starts the container.
     *
     * @param runDir the run folder, empty; its {@code root} becomes the staging folder
     * @param log where the supervisor's and the console's output go (appended)
     * @param cgroup the container's cgroup, created, limits set
     * @param console whether the container has a console (a pty)
     */
    public Launched launch(ContainerPlan plan, Path runDir, Path log, Cgroup cgroup, boolean console)
            throws LaunchFailure {
        Path staging = runDir.resolve("root");
        Path rootTable = runDir.resolve("fstab.root");
        Path deviceTable = runDir.resolve("fstab.devices");
        List<PidFd> started = new ArrayList<>();
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

            PidFd keeper = null;
            if (console) {
                keeper = ProcessLauncher.launch(new ProcessLauncher.Spec(List.of(settings.busybox().toString(),
                        "cat")).stdin(pty.master()).log(log));
                started.add(keeper);
                cgroup.addProcess(keeper.pid());
                // the keeper holds the master now; the terminal lives as long as it does
                pty.close();
            }
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
            cgroup.addProcess(supervisor.pid());
            go.closeReadEnd();
            report.closeWriteEnd();
            Syscalls.close(slave);
            slave = -1;

            String hello = report.readLine(settings.timeoutMillis(), supervisor);
            if (hello == null || !hello.startsWith("pid ")) {
                throw new LaunchFailure("the container's first process ended before it started", null);
            }
            PidFd init = PidFd.open(Integer.parseInt(hello.substring(4).strip()));
            started.add(init);
            cgroup.addProcess(init.pid());
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
                Veth.create(n.hostName(), new Veth.Peer(n.guestName(), n.mac(), init.pid()), n.bridge(), addresses,
                        routes);
            }
            go.write("go\n");
            String done = report.readLine(settings.timeoutMillis(), supervisor);
            if (!"ok".equals(done)) {
                throw new LaunchFailure(done != null && done.startsWith("error: ") ? done.substring(7)
                        : "the container's setup ended without a word", null);
            }
            return new Launched(supervisor, ticks(supervisor), init, ticks(init), keeper,
                    keeper == null ? -1 : ticks(keeper), console ? ttyPath(mounts) : null);
        } catch (LaunchFailure e) {
            stop(started);
            throw e;
        } catch (IOException | RuntimeException e) {
            stop(started);
            throw new LaunchFailure(e.getMessage(), e);
        } finally {
            Syscalls.close(slave);
            if (pty != null) {
                pty.close();
            }
        }
    }

    private static String ttyPath(ContainerMounts mounts) {
        return mounts.consoleTty();
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
    private static void stop(List<PidFd> started) {
        for (PidFd p : started) {
            p.signal(Syscalls.SIGKILL);
        }
        for (PidFd p : started) {
            p.awaitExit(5_000);
            p.reap();
            p.close();
        }
    }
}
