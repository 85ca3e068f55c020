package org.virtlayer.driver.qemu.internal.caps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.driver.qemu.internal.qmp.MonitorLoop;
import org.virtlayer.driver.qemu.internal.qmp.QmpError;
import org.virtlayer.driver.qemu.internal.qmp.QmpEvent;
import org.virtlayer.driver.qemu.internal.qmp.QmpMonitor;
import org.virtlayer.linux.PidFd;
import org.virtlayer.linux.ProcStat;
import org.virtlayer.linux.ProcessExit;
import org.virtlayer.linux.ProcessLauncher;
import org.virtlayer.linux.ProcessWatcher;
import org.virtlayer.linux.Syscalls;
import org.virtlayer.linux.UnixSockets;
import org.virtlayer.spi.kit.Json;

/**
 * Reads a QEMU binary's capabilities over QMP: starts it with {@code -machine none}, asks for its version, machine
 * types, CPU models, KVM, the {@code sandbox} option and device types, then quits it. A few hundred milliseconds, once
 * per binary and modification time ({@link CapsCache}).
 */
public final class CapsProbe {
    private static final long TIMEOUT_MS = 30_000;

    private CapsProbe() {
    }

    public static QemuCaps probe(Path binary, long mtimeMillis, Path workDir, MonitorLoop loop,
            ProcessWatcher watcher) {
        Path sock = workDir.resolve("probe-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".sock");
        Path log = workDir.resolve(sock.getFileName() + ".log");
        int fd;
        try {
            Files.createDirectories(workDir);
            fd = UnixSockets.listen(sock);
        } catch (IOException | RuntimeException e) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, "cannot probe " + binary + ": " + e.getMessage());
        }
        PidFd pid = null;
        CompletableFuture<ProcessExit> exit = new CompletableFuture<>();
        try {
            pid = ProcessLauncher.launch(new ProcessLauncher.Spec(List.of(binary.toString(), "-S", "-no-user-config",
                    "-nodefaults", "-nographic", "-machine", "none", "-accel", "kvm", "-accel", "tcg", "-chardev",
                    "socket,id=mon,fd=3,server=on,wait=off", "-mon", "chardev=mon,mode=control"))
                    .env("LC_ALL", "C").env("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
                    .log(log).passFd(fd, 3));
            Syscalls.close(fd);
            fd = -1;
            watcher.watch(pid, exit::complete);
            try (QmpMonitor mon = QmpMonitor.connect(sock, loop, new QmpMonitor.Listener() {
                @Override
                public void onEvent(QmpEvent event) {
                }

                @Override
                public void onClose() {
                }
            }, binary.toString())) {
                mon.handshake(TIMEOUT_MS);
                QemuCaps caps = read(binary, mtimeMillis, mon);
                mon.send("quit", null);
                exit.get(5, TimeUnit.SECONDS);
                return caps;
            }
        } catch (QmpError | IOException | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            String out = "";
            try {
                out = Files.exists(log) ? Files.readString(log).strip() : "";
            } catch (IOException ignored) {
                // no log
            }
            throw new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: cannot read the capabilities of "
                    + binary + ": " + e.getMessage() + (out.isEmpty() ? "" : ": " + out) + whereItWas(pid, exit));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VirtException(ErrorCode.OPERATION_ABORTED, "interrupted probing " + binary);
        } finally {
            Syscalls.close(fd);
            if (pid != null) {
                if (!exit.isDone()) {
                    pid.signal(Syscalls.SIGKILL);
                    try {
                        exit.get(5, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        // reaped by whoever comes next
                    }
                }
                pid.close();
            }
            try {
                Files.deleteIfExists(sock);
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // leftovers in a runtime folder
            }
        }
    }

    /**
     * Where a probe that did not answer was, for the error: its CPU time and what its main thread waited on, which
     * tell a stuck QEMU from a starved one.
     */
    private static String whereItWas(PidFd pid, CompletableFuture<ProcessExit> exit) {
        if (pid == null || exit.isDone()) {
            return "";
        }
        var stat = ProcStat.of(pid.pid());
        if (stat.isEmpty()) {
            return "";
        }
        String wchan;
        try {
            wchan = Files.readString(Path.of("/proc/" + pid.pid() + "/wchan")).strip();
        } catch (IOException | RuntimeException e) {
            wchan = "?";
        }
        return " (QEMU pid " + pid.pid() + ": state " + stat.get().state() + ", "
                + stat.get().cpuNanos() / 1_000_000 + " ms of CPU, waiting in " + (wchan.isEmpty() ? "-" : wchan) + ")";
    }

    private static QemuCaps read(Path binary, long mtime, QmpMonitor mon) {
        var version = mon.send("query-version", null);
        var machines = mon.send("query-machines", null);
        var cpus = mon.send("query-cpu-definitions", null);
        var kvm = mon.send("query-kvm", null);
        var sandbox = mon.send("query-command-line-options", Json.obj("option", "sandbox"));
        var devices = mon.send("qom-list-types", Json.obj("implements", "device", "abstract", false));
        var target = mon.send("query-target", null);

        Map<String, Object> q = Json.asObject(Json.asObject(get(version)).get("qemu"));
        long v = Json.number(q, "major", 0) * 1_000_000 + Json.number(q, "minor", 0) * 1_000
                + Json.number(q, "micro", 0);
        List<QemuCaps.Machine> ms = new ArrayList<>();
        for (Object o : Json.asList(get(machines))) {
            Map<String, Object> m = Json.asObject(o);
            ms.add(new QemuCaps.Machine(Json.string(m, "name"), Json.string(m, "alias"),
                    Json.bool(m, "is-default"), (int) Json.number(m, "cpu-max", 1),
                    Json.bool(m, "hotpluggable-cpus")));
        }
        List<String> models = new ArrayList<>();
        for (Object o : Json.asList(get(cpus))) {
            models.add(Json.string(Json.asObject(o), "name"));
        }
        boolean kvmOn = Json.bool(Json.asObject(get(kvm)), "enabled");
        boolean hasSandbox;
        try {
            hasSandbox = !Json.asList(get(sandbox)).isEmpty();
        } catch (QmpError e) {
            hasSandbox = false;
        }
        Set<String> devs = new HashSet<>();
        for (Object o : Json.asList(get(devices))) {
            devs.add(Json.string(Json.asObject(o), "name"));
        }
        String arch = Json.string(Json.asObject(get(target)), "arch");
        return new QemuCaps(binary.toString(), mtime, v, arch, List.copyOf(ms), List.copyOf(models), kvmOn,
                hasSandbox, Set.copyOf(devs));
    }

    private static Object get(CompletableFuture<Object> f) {
        try {
            return f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof QmpError q) {
                throw q;
            }
            throw new QmpError("InternalError", String.valueOf(e.getCause()));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new QmpError(QmpError.TIMEOUT, "probe timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QmpError("Interrupted", "interrupted");
        }
    }
}
