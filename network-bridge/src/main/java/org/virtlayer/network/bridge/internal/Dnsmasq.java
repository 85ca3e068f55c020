package org.virtlayer.network.bridge.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/**
 * Starts, signals and stops a network's dnsmasq. dnsmasq daemonizes itself and writes its pid file; a pid is only
 * trusted while {@code /proc/PID/cmdline} still names this network's configuration file, so a recycled pid is never
 * signalled.
 */
final class Dnsmasq {
    private static final long STOP_WAIT_MS = 5000;

    private final HostCommands commands;
    private final String program;

    Dnsmasq(HostCommands commands, String program) {
        this.commands = commands;
        this.program = program;
    }

    /** Starts dnsmasq on the configuration and returns its pid; its errors (a bad option, a busy port) are thrown. */
    long start(DnsmasqFiles files) {
        commands.run(List.of(program, "--conf-file=" + files.conf()));
        // dnsmasq's parent returns once the daemon is set up, pid file written
        long deadline = System.currentTimeMillis() + STOP_WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            Optional<Long> pid = readPid(files);
            if (pid.isPresent() && isOurs(pid.get(), files)) {
                return pid.get();
            }
            sleep(10);
        }
        throw new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: dnsmasq started on " + files.conf()
                + " but left no pid file " + files.pid());
    }

    static Optional<Long> readPid(DnsmasqFiles files) {
        try {
            return Optional.of(Long.parseLong(Files.readString(files.pid()).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True if the process is alive and is the dnsmasq of these files. */
    static boolean isOurs(long pid, DnsmasqFiles files) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String cmdline = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
            return cmdline.contains("--conf-file=" + files.conf() + " ") || cmdline.endsWith("--conf-file="
                    + files.conf());
        } catch (IOException e) {
            return false;
        }
    }

    /** Makes dnsmasq read its host files again (SIGHUP). */
    void reload(long pid, DnsmasqFiles files) {
        if (!isOurs(pid, files)) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: dnsmasq " + pid + " of " + files.conf()
                    + " is not running");
        }
        // Java cannot send SIGHUP itself; the shell's kill builtin can, whatever the host has installed
        commands.run(List.of("sh", "-c", "kill -HUP \"$1\"", "sh", Long.toString(pid)));
    }

    /** Stops it (SIGTERM, then SIGKILL if it lingers) and waits until it has exited. */
    static void stop(long pid, DnsmasqFiles files) {
        if (!isOurs(pid, files)) {
            return;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty()) {
            return;
        }
        h.get().destroy();
        long deadline = System.currentTimeMillis() + STOP_WAIT_MS;
        while (running(pid) && System.currentTimeMillis() < deadline) {
            sleep(5);
        }
        if (running(pid)) {
            h.get().destroyForcibly();
            while (running(pid) && System.currentTimeMillis() < deadline + STOP_WAIT_MS) {
                sleep(5);
            }
        }
        if (running(pid)) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: dnsmasq " + pid + " did not stop");
        }
    }

    /**
     * True while the process runs. An exited daemon stays a zombie until init reaps it, which on some hosts takes
     * a second or more; it holds no socket and no file any more, so it counts as gone.
     */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int end = stat.lastIndexOf(')');
            char state = end > 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : 'X';
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VirtException(ErrorCode.OPERATION_ABORTED, "interrupted while waiting for dnsmasq");
        }
    }
}
