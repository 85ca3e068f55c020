package org.virtlayer.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where this host mounts its cgroups, read from {@code /proc/self/mountinfo}: cgroup v1 (one hierarchy per controller
 * or group of controllers), v2 (one unified hierarchy) or hybrid (v1 controllers plus a unified hierarchy without
 * controllers, e.g. at {@code /sys/fs/cgroup/unified}). Reads only; {@link Cgroup} writes.
 */
public final class CgroupLayout {
    /** The host's cgroup flavour. */
    public enum Mode { NONE, V1, HYBRID, V2 }

    /** v1 controllers a driver's cgroup joins when mounted; cpuset and devices need setup first and are left out. */
    public static final Set<String> V1_CONTROLLERS = Set.of("cpu", "cpuacct", "memory", "pids", "blkio", "freezer");

    private final Map<String, Path> v1;
    private final Path unified;
    private final Set<String> unifiedControllers;

    private CgroupLayout(Map<String, Path> v1, Path unified, Set<String> unifiedControllers) {
        this.v1 = Collections.unmodifiableMap(v1);
        this.unified = unified;
        this.unifiedControllers = Set.copyOf(unifiedControllers);
    }

    /** This host's layout. */
    public static CgroupLayout detect() {
        try {
            return parse(Files.readString(Path.of("/proc/self/mountinfo")), Path.of("/"));
        } catch (IOException e) {
            return new CgroupLayout(Map.of(), null, Set.of());
        }
    }

    /**
     * The layout a mountinfo text describes; {@code root} prefixes the mount points (a fixture tree in tests, "/"
     * on the host) and is where {@code cgroup.controllers} is read.
     */
    public static CgroupLayout parse(String mountinfo, Path root) {
        Map<String, Path> v1 = new LinkedHashMap<>();
        Path unified = null;
        for (String line : mountinfo.split("\n")) {
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] left = line.substring(0, dash).split(" ");
            String[] right = line.substring(dash + 3).split(" ");
            if (left.length < 5 || right.length < 3) {
                continue;
            }
            Path mountPoint = root.resolve(unescape(left[4]).substring(1));
            if (right[0].equals("cgroup2")) {
                unified = mountPoint;
            } else if (right[0].equals("cgroup")) {
                for (String opt : right[2].split(",")) {
                    if (V1_CONTROLLERS.contains(opt) || opt.equals("cpuset") || opt.equals("devices")) {
                        v1.putIfAbsent(opt, mountPoint);
                    }
                }
            }
        }
        Set<String> controllers = Set.of();
        if (unified != null) {
            try {
                String c = Files.readString(unified.resolve("cgroup.controllers")).strip();
                controllers = c.isEmpty() ? Set.of() : Set.of(c.split("\\s+"));
            } catch (IOException e) {
                controllers = Set.of();
            }
        }
        return new CgroupLayout(v1, unified, controllers);
    }

    /** mountinfo escapes spaces and such as octal ({@code \040}). */
    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    public Mode mode() {
        if (v1.isEmpty()) {
            return unified == null ? Mode.NONE : Mode.V2;
        }
        return unified == null ? Mode.V1 : Mode.HYBRID;
    }

    /** The unified hierarchy's mount point, if mounted. */
    public Optional<Path> unifiedRoot() {
        return Optional.ofNullable(unified);
    }

    /** Controllers the unified hierarchy offers (none on a hybrid host, where v1 owns them). */
    public Set<String> unifiedControllers() {
        return unifiedControllers;
    }

    /** The mount point of a v1 controller's hierarchy, if mounted. */
    public Optional<Path> v1Root(String controller) {
        return Optional.ofNullable(v1.get(controller));
    }

    /**
     * The hierarchies a cgroup lives in: every mounted v1 hierarchy of {@link #V1_CONTROLLERS} (once each, even when
     * controllers share one) and the unified one.
     */
    public List<Path> hierarchies() {
        List<Path> out = new ArrayList<>();
        for (Map.Entry<String, Path> e : v1.entrySet()) {
            if (V1_CONTROLLERS.contains(e.getKey()) && !out.contains(e.getValue())) {
                out.add(e.getValue());
            }
        }
        if (unified != null) {
            out.add(unified);
        }
        return out;
    }

    /** True if a controller is usable, in v1 or in the unified hierarchy. */
    public boolean hasController(String controller) {
        return v1.containsKey(controller) || unifiedControllers.contains(controller);
    }

    /** True if the controller is served by the unified hierarchy (v2 interface files). */
    boolean isUnified(String controller) {
        return !v1.containsKey(controller) && unifiedControllers.contains(controller);
    }

    /** True if this process may create cgroups: the first hierarchy's root is writable. */
    public boolean writable() {
        List<Path> h = hierarchies();
        return !h.isEmpty() && Files.isWritable(h.get(0));
    }

    @Override
    public String toString() {
        return "cgroups " + mode() + " v1=" + v1 + " unified=" + unified + " " + unifiedControllers;
    }
}
