package org.virtlayer.driver.lxc.internal.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.virtlayer.linux.UserNamespaces;

/**
 * Where a container's mounts are decided: what its setup script mounts, in which order, before it switches root.
 * Everything is first mounted under a staging folder {@code R} (the run folder's {@code root}) inside the container's
 * own mount namespace, where nothing propagates to the host:
 * <ol>
 * <li>{@link #rootTable()}: the root file system bound at {@code R}; a new {@code /proc} (of the new PID namespace,
 * which is why the container's first process must mount it); {@code /proc/sys} bound on itself so that it can be made
 * read-only (the kernel's settings are the host's); a read-only {@code /sys} (of the new network namespace); a small
 * tmpfs for {@code /dev};</li>
 * <li>then the script copies the {@code /dev} skeleton ({@link #writeSkeleton}) and makes the other file systems'
 * mount points;</li>
 * <li>{@link #deviceTable()}: the host's null, zero, full, random, urandom and tty bound in (bind mounts rather than
 * device nodes: a user namespace may not create those, and the capability to is dropped anyway); a private
 * {@code devpts} instance; the console's terminal at {@code /dev/console} and {@code /dev/tty1}; the domain's
 * {@code <filesystem>}s;</li>
 * <li>{@link #readOnly()}: bind mounts remounted read-only ({@code /proc/sys}, read-only file systems, a read-only
 * root last).</li>
 * </ol>
 * busybox {@code mount -a -T TABLE} mounts a whole table in one process.
 */
public final class ContainerMounts {
    /** Bound from the host into {@code /dev}. */
    static final List<String> HOST_DEVICES = List.of("null", "zero", "full", "random", "urandom", "tty");

    private final ContainerPlan plan;
    private final Path staging;
    private final String consoleTty;

    /**
     * @param staging where the root is assembled before the switch, an empty folder
     * @param consoleTty the host terminal ({@code /dev/pts/N}) that becomes the console, or null for none
     */
    public ContainerMounts(ContainerPlan plan, Path staging, String consoleTty) {
        this.plan = plan;
        this.staging = staging;
        this.consoleTty = consoleTty;
    }

    public Path staging() {
        return staging;
    }

    /** The host terminal bound as the console, or null. */
    public String consoleTty() {
        return consoleTty;
    }

    private String inside(String containerPath) {
        return containerPath.equals("/") ? staging.toString() : staging + containerPath;
    }

    /** Stage one: the root, /proc, /sys and /dev's tmpfs. */
    public String rootTable() {
        List<String> t = new ArrayList<>();
        t.add(line(plan.root().source(), staging.toString(), "none", "rbind"));
        t.add(line("proc", inside("/proc"), "proc", "nosuid,nodev,noexec"));
        t.add(line(inside("/proc/sys"), inside("/proc/sys"), "none", "bind"));
        t.add(line("sysfs", inside("/sys"), "sysfs", "ro,nosuid,nodev,noexec"));
        t.add(line("devfs", inside("/dev"), "tmpfs", "nosuid,noexec,mode=755,size=64k"));
        return String.join("", t);
    }

    /** Mount points to create (inside the staged root) for the other file systems. */
    public List<String> mountPoints() {
        List<String> out = new ArrayList<>();
        for (ContainerPlan.Filesystem f : plan.filesystems()) {
            out.add(inside(f.target()));
        }
        return out;
    }

    /** Stage two: devices, devpts, the console, the domain's other file systems. */
    public String deviceTable() {
        List<String> t = new ArrayList<>();
        for (String d : HOST_DEVICES) {
            t.add(line("/dev/" + d, inside("/dev/" + d), "none", "bind"));
        }
        // gid=5 (tty) only where that group exists inside
        boolean ttyGroup = !plan.userNamespace() || UserNamespaces.hostId(plan.gidMap(), 5) >= 0;
        t.add(line("devpts", inside("/dev/pts"), "devpts",
                "newinstance,ptmxmode=0666,mode=0620" + (ttyGroup ? ",gid=5" : "")));
        if (consoleTty != null) {
            t.add(line(consoleTty, inside("/dev/console"), "none", "bind"));
            t.add(line(consoleTty, inside("/dev/tty1"), "none", "bind"));
        }
        for (ContainerPlan.Filesystem f : plan.filesystems()) {
            switch (f.kind()) {
                case HOST_DIR -> t.add(line(f.source(), inside(f.target()), "none", "rbind"));
                case CONTAINER_DIR -> t.add(line(inside(f.source()), inside(f.target()), "none", "rbind"));
                case RAM -> t.add(line("tmpfs", inside(f.target()), "tmpfs",
                        "nosuid,nodev,size=" + f.ramBytes() + (f.readonly() ? ",ro" : "")));
            }
        }
        return String.join("", t);
    }

    /** Bind mounts to remount read-only, in this order (the root last: mount points are made before). */
    public List<String> readOnly() {
        List<String> out = new ArrayList<>();
        out.add(inside("/proc/sys"));
        for (ContainerPlan.Filesystem f : plan.filesystems()) {
            if (f.readonly() && f.kind() != ContainerPlan.Kind.RAM) {
                out.add(inside(f.target()));
            }
        }
        if (plan.root().readonly()) {
            out.add(staging.toString());
        }
        return out;
    }

    private static String line(String source, String target, String type, String options) {
        return ShellWords.fstabField(source) + " " + ShellWords.fstabField(target) + " " + type + " " + options
                + " 0 0\n";
    }

    /**
     * Writes the skeleton every container's {@code /dev} starts from (copied onto its tmpfs): the files device nodes
     * and the console are bound onto, {@code pts} and {@code shm}, and the usual links.
     */
    public static void writeSkeleton(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("pts"));
        Files.createDirectories(dir.resolve("shm"));
        List<String> files = new ArrayList<>(HOST_DEVICES);
        files.add("console");
        files.add("tty1");
        for (String f : files) {
            if (!Files.exists(dir.resolve(f))) {
                Files.createFile(dir.resolve(f));
            }
        }
        link(dir, "ptmx", "pts/ptmx");
        link(dir, "fd", "/proc/self/fd");
        link(dir, "stdin", "/proc/self/fd/0");
        link(dir, "stdout", "/proc/self/fd/1");
        link(dir, "stderr", "/proc/self/fd/2");
    }

    private static void link(Path dir, String name, String target) throws IOException {
        if (!Files.exists(dir.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(dir.resolve(name), Path.of(target));
        }
    }
}
