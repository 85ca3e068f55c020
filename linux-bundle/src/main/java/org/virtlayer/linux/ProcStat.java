package org.virtlayer.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process's {@code /proc/PID/stat} line, the fields drivers use: its state, its CPU time and its start time (which
 * with the PID identifies a process across PID reuse). Times are in clock ticks ({@link #TICKS_PER_SECOND}).
 */
public record ProcStat(int pid, char state, long userTicks, long systemTicks, long startTicks) {
    /** {@code sysconf(_SC_CLK_TCK)}: 100 on every Linux configuration in use. */
    public static final long TICKS_PER_SECOND = 100;

    /** The process's stat, or empty if it does not exist. */
    public static Optional<ProcStat> of(int pid) {
        return read(Path.of("/proc", Integer.toString(pid), "stat"), pid);
    }

    /** A thread's stat ({@code /proc/PID/task/TID/stat}), or empty. */
    public static Optional<ProcStat> ofThread(int pid, int tid) {
        return read(Path.of("/proc", Integer.toString(pid), "task", Integer.toString(tid), "stat"), tid);
    }

    private static Optional<ProcStat> read(Path p, int id) {
        String line;
        try {
            line = Files.readString(p);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(parse(id, line));
    }

    /** Parses a stat line; the command name may hold spaces and parentheses, so fields are counted after the last ')'. */
    public static ProcStat parse(int pid, String line) {
        int close = line.lastIndexOf(')');
        String[] f = line.substring(close + 2).trim().split(" ");
        // f[0] is field 3 (state); utime is field 14, stime 15, starttime 22
        return new ProcStat(pid, f[0].charAt(0), Long.parseLong(f[11]), Long.parseLong(f[12]),
                Long.parseLong(f[19]));
    }

    /** User plus system time in nanoseconds. */
    public long cpuNanos() {
        return (userTicks + systemTicks) * (1_000_000_000L / TICKS_PER_SECOND);
    }

    public long userNanos() {
        return userTicks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    public long systemNanos() {
        return systemTicks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /** True for a zombie or a dead process. */
    public boolean exited() {
        return state == 'Z' || state == 'X';
    }
}
