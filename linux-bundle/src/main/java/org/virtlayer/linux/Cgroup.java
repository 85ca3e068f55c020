package org.virtlayer.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One cgroup, the same relative path in every hierarchy of a {@link CgroupLayout}: the one class that writes cgroup
 * files. Each setting goes to the v1 controller's file or to its v2 equivalent, whichever the host serves
 * ({@code memory.limit_in_bytes} or {@code memory.max}, {@code cpu.shares} or {@code cpu.weight}, ...).
 */
public final class Cgroup {
    private static final long UNLIMITED = Long.MAX_VALUE;

    private final CgroupLayout layout;
    private final String path;

    private Cgroup(CgroupLayout layout, String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("..")) {
            throw new IllegalArgumentException("cgroup path must be relative and stay inside: " + path);
        }
        this.layout = layout;
        this.path = path;
    }

    /** A handle on a cgroup that may or may not exist. */
    public static Cgroup of(CgroupLayout layout, String relativePath) {
        return new Cgroup(layout, relativePath);
    }

    /**
     * Creates the cgroup (and its parents) in every hierarchy; on the unified hierarchy the controllers it offers are
     * enabled for the new cgroup's parents.
     *
     * @throws LinuxException EACCES when the host's cgroups are not writable by this process
     */
    public static Cgroup create(CgroupLayout layout, String relativePath) {
        Cgroup g = new Cgroup(layout, relativePath);
        for (Path h : layout.hierarchies()) {
            Path dir = h.resolve(relativePath);
            try {
                if (h.equals(layout.unifiedRoot().orElse(null)) && !layout.unifiedControllers().isEmpty()) {
                    g.enableControllersAbove(h, dir);
                }
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new LinuxException("cannot create cgroup " + dir, e);
            }
        }
        return g;
    }

    /** v2: a cgroup's controllers must be enabled in every ancestor's {@code cgroup.subtree_control}. */
    private void enableControllersAbove(Path root, Path dir) throws IOException {
        StringBuilder enable = new StringBuilder();
        for (String c : List.of("cpu", "memory", "pids", "io")) {
            if (layout.unifiedControllers().contains(c)) {
                enable.append(enable.length() == 0 ? "+" : " +").append(c);
            }
        }
        if (enable.length() == 0) {
            return;
        }
        List<Path> chain = new ArrayList<>();
        for (Path p = dir.getParent(); p != null && p.startsWith(root); p = p.getParent()) {
            chain.add(0, p);
        }
        for (Path p : chain) {
            Files.createDirectories(p);
            write(p.resolve("cgroup.subtree_control"), enable.toString());
        }
    }

    public String path() {
        return path;
    }

    public boolean exists() {
        List<Path> h = layout.hierarchies();
        return !h.isEmpty() && Files.isDirectory(h.get(0).resolve(path));
    }

    /** Moves a process (all its threads) into this cgroup in every hierarchy. */
    public void addProcess(int pid) {
        for (Path h : layout.hierarchies()) {
            write(h.resolve(path).resolve("cgroup.procs"), Integer.toString(pid));
        }
    }

    /** The processes in this cgroup (first hierarchy). */
    public List<Integer> processes() {
        List<Integer> out = new ArrayList<>();
        List<Path> h = layout.hierarchies();
        if (h.isEmpty()) {
            return out;
        }
        try {
            for (String l : Files.readAllLines(h.get(0).resolve(path).resolve("cgroup.procs"))) {
                if (!l.isBlank()) {
                    out.add(Integer.parseInt(l.strip()));
                }
            }
        } catch (IOException e) {
            // gone
        }
        return out;
    }

    // ---- settings

    /** Hard memory limit in bytes ({@code memory.limit_in_bytes} / {@code memory.max}); Long.MAX_VALUE: none. */
    public void setMemoryHardLimit(long bytes) {
        set("memory", "memory.limit_in_bytes", limit(bytes, "-1"), "memory.max", limit(bytes, "max"));
    }

    /** Soft memory limit in bytes ({@code memory.soft_limit_in_bytes} / {@code memory.high}). */
    public void setMemorySoftLimit(long bytes) {
        set("memory", "memory.soft_limit_in_bytes", limit(bytes, "-1"), "memory.high", limit(bytes, "max"));
    }

    /** Memory plus swap limit in bytes ({@code memory.memsw.limit_in_bytes} / {@code memory.swap.max}). */
    public void setSwapHardLimit(long bytes) {
        set("memory", "memory.memsw.limit_in_bytes", limit(bytes, "-1"), "memory.swap.max", limit(bytes, "max"));
    }

    /** Relative CPU weight: {@code cpu.shares} (2..262144) or {@code cpu.weight} (1..10000) as libvirt writes it. */
    public void setCpuShares(long shares) {
        set("cpu", "cpu.shares", Long.toString(Math.max(2, Math.min(262144, shares))), "cpu.weight",
                Long.toString(Math.max(1, Math.min(10000, shares))));
    }

    /** CPU bandwidth: {@code quotaMicros} per {@code periodMicros}; a negative quota means unlimited. */
    public void setCpuQuota(long periodMicros, long quotaMicros) {
        if (layout.isUnified("cpu")) {
            write(file("cpu", "cpu.max"), (quotaMicros < 0 ? "max" : Long.toString(quotaMicros)) + " "
                    + periodMicros);
        } else if (layout.hasController("cpu")) {
            write(file("cpu", "cpu.cfs_period_us"), Long.toString(periodMicros));
            write(file("cpu", "cpu.cfs_quota_us"), Long.toString(quotaMicros < 0 ? -1 : quotaMicros));
        } else {
            throw missing("cpu");
        }
    }

    /** Freezes or thaws every process ({@code freezer.state} / {@code cgroup.freeze}). */
    public void setFrozen(boolean frozen) {
        if (layout.v1Root("freezer").isPresent()) {
            write(file("freezer", "freezer.state"), frozen ? "FROZEN" : "THAWED");
        } else if (layout.unifiedRoot().isPresent()) {
            write(layout.unifiedRoot().get().resolve(path).resolve("cgroup.freeze"), frozen ? "1" : "0");
        } else {
            throw missing("freezer");
        }
    }

    /** The most processes (and threads) the cgroup may hold ({@code pids.max}); Long.MAX_VALUE: no limit. */
    public void setPidsLimit(long count) {
        String v = count == UNLIMITED || count < 0 ? "max" : Long.toString(count);
        set("pids", "pids.max", v, "pids.max", v);
    }

    // ---- readings

    /** True once every process is frozen ({@code freezer.state} FROZEN, {@code cgroup.events} "frozen 1"). */
    public boolean isFrozen() {
        try {
            if (layout.v1Root("freezer").isPresent()) {
                return Files.readString(file("freezer", "freezer.state")).strip().equals("FROZEN");
            }
            if (layout.unifiedRoot().isPresent()) {
                for (String l : Files.readAllLines(layout.unifiedRoot().get().resolve(path).resolve("cgroup.events"))) {
                    if (l.equals("frozen 1")) {
                        return true;
                    }
                }
            }
        } catch (IOException e) {
            // gone: not frozen
        }
        return false;
    }

    /** Processes and threads in the cgroup ({@code pids.current}). */
    public OptionalLong pidCount() {
        if (!layout.hasController("pids")) {
            return OptionalLong.empty();
        }
        return readLong(file("pids", "pids.current"), 1);
    }

    /** The hard memory limit in bytes, Long.MAX_VALUE when there is none. */
    public OptionalLong memoryHardLimit() {
        if (!layout.hasController("memory")) {
            return OptionalLong.empty();
        }
        Path f = file("memory", layout.isUnified("memory") ? "memory.max" : "memory.limit_in_bytes");
        try {
            String v = Files.readString(f).strip();
            // v1 reports "no limit" as the largest page-aligned value
            return OptionalLong.of(v.equals("max") || v.equals("9223372036854771712") ? UNLIMITED
                    : Long.parseLong(v));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** CPU time spent in user mode in nanoseconds ({@code cpuacct.stat user} / {@code cpu.stat user_usec}). */
    public OptionalLong cpuUserNanos() {
        return cpuSplit("user", "user_usec");
    }

    /** CPU time spent in the kernel in nanoseconds ({@code cpuacct.stat system} / {@code cpu.stat system_usec}). */
    public OptionalLong cpuSystemNanos() {
        return cpuSplit("system", "system_usec");
    }

    private OptionalLong cpuSplit(String v1Key, String v2Key) {
        if (layout.v1Root("cpuacct").isPresent()) {
            // cpuacct.stat counts USER_HZ ticks
            return statField(file("cpuacct", "cpuacct.stat"), v1Key, 1_000_000_000L / ProcStat.TICKS_PER_SECOND);
        }
        if (layout.unifiedRoot().isPresent()) {
            return statField(layout.unifiedRoot().get().resolve(path).resolve("cpu.stat"), v2Key, 1000);
        }
        return OptionalLong.empty();
    }

    /** CPU time used in nanoseconds ({@code cpuacct.usage} / {@code cpu.stat usage_usec}). */
    public OptionalLong cpuUsageNanos() {
        if (layout.v1Root("cpuacct").isPresent()) {
            return readLong(file("cpuacct", "cpuacct.usage"), 1);
        }
        if (layout.unifiedRoot().isPresent()) {
            return statField(layout.unifiedRoot().get().resolve(path).resolve("cpu.stat"), "usage_usec", 1000);
        }
        return OptionalLong.empty();
    }

    /** Memory used in bytes ({@code memory.usage_in_bytes} / {@code memory.current}). */
    public OptionalLong memoryUsage() {
        if (!layout.hasController("memory")) {
            return OptionalLong.empty();
        }
        return readLong(file("memory", layout.isUnified("memory") ? "memory.current" : "memory.usage_in_bytes"), 1);
    }

    /** Removes the cgroup from every hierarchy; it must hold no process. Absent is fine. */
    public void remove() {
        LinuxException failure = null;
        for (Path h : layout.hierarchies()) {
            Path dir = h.resolve(path);
            try {
                Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException e) {
                failure = new LinuxException("rmdir " + dir, Syscalls.EBUSY);
            } catch (IOException e) {
                failure = new LinuxException("cannot remove cgroup " + dir, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    // ---- the one place files are written

    private void set(String controller, String v1File, String v1Value, String v2File, String v2Value) {
        if (layout.isUnified(controller)) {
            write(file(controller, v2File), v2Value);
        } else if (layout.hasController(controller)) {
            write(file(controller, v1File), v1Value);
        } else {
            throw missing(controller);
        }
    }

    private static void write(Path file, String value) {
        try {
            Files.writeString(file, value, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            throw new LinuxException("write " + file, Syscalls.ENOENT);
        } catch (IOException e) {
            throw new LinuxException("cannot write '" + value + "' to " + file, e);
        }
    }

    private Path file(String controller, String name) {
        Path root = layout.isUnified(controller) ? layout.unifiedRoot().orElseThrow()
                : layout.v1Root(controller).orElseThrow(() -> missing(controller));
        return root.resolve(path).resolve(name);
    }

    private static LinuxException missing(String controller) {
        return new LinuxException("cgroup controller '" + controller + "' is not mounted", Syscalls.ENOENT);
    }

    private static String limit(long bytes, String unlimited) {
        return bytes == UNLIMITED || bytes < 0 ? unlimited : Long.toString(bytes);
    }

    private static OptionalLong readLong(Path p, long scale) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(p).strip()) * scale);
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static OptionalLong statField(Path p, String key, long scale) {
        try {
            for (String l : Files.readAllLines(p)) {
                if (l.startsWith(key + " ")) {
                    return OptionalLong.of(Long.parseLong(l.substring(key.length() + 1).strip()) * scale);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // absent
        }
        return OptionalLong.empty();
    }

    @Override
    public String toString() {
        return "cgroup " + path;
    }
}
