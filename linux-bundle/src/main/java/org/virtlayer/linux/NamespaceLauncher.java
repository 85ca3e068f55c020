package org.virtlayer.linux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where new namespaces are made: a program started as PID 1 of new namespaces, from a JVM that can neither fork nor
 * {@code unshare(2)} itself (a JVM has many threads; a user namespace needs a single-threaded caller, and a new PID
 * namespace only takes children made after it). util-linux {@code unshare --fork --kill-child} makes the namespaces,
 * forks the program into them, and stays outside as its <em>supervisor</em>: it waits for the program and ends with
 * its status (a program killed by SIGHUP or SIGINT, which is how {@code reboot(2)} ends a PID namespace's init, kills
 * the supervisor with that same signal), and should the supervisor be killed, the kernel kills the program
 * ({@code PR_SET_PDEATHSIG}). util-linux {@code setpriv} in front of it first drops capabilities from the bounding
 * set and, for a user namespace, takes the user and group its root will map to. Both are spawned through
 * {@link ProcessLauncher}: a new session, clean descriptors, outliving the JVM.
 */
public final class NamespaceLauncher {
    /** The namespaces {@code unshare(1)} can make. */
    public enum Namespace {
        MOUNT("--mount"), UTS("--uts"), IPC("--ipc"), NET("--net"), PID("--pid"), USER("--user"),
        CGROUP("--cgroup");

        private final String option;

        Namespace(String option) {
            this.option = option;
        }
    }

    /** What to start and in which namespaces. */
    public static final class Spec {
        private final List<String> argv;
        private final Set<Namespace> namespaces = EnumSet.noneOf(Namespace.class);
        private final List<String> dropCapabilities = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Map<Integer, Integer> fds = new LinkedHashMap<>();
        private Path log;
        private long uid = -1;
        private long gid = -1;

        /** {@code argv.get(0)} is the program's absolute path. */
        public Spec(List<String> argv) {
            if (argv.isEmpty() || !argv.get(0).startsWith("/")) {
                throw new IllegalArgumentException("the program must be an absolute path: " + argv);
            }
            this.argv = List.copyOf(argv);
        }

        public Spec namespaces(Set<Namespace> which) {
            namespaces.addAll(which);
            return this;
        }

        /** Capabilities (lower-case names without {@code cap_}: {@code sys_module}) no process inside may ever hold. */
        public Spec dropCapabilities(List<String> names) {
            dropCapabilities.addAll(names);
            return this;
        }

        /**
         * The host user and group to become before unsharing: with a user namespace, those its root maps to, so that
         * once the maps are written the program is that namespace's root without changing its IDs.
         */
        public Spec runAs(long uid, long gid) {
            this.uid = uid;
            this.gid = gid;
            return this;
        }

        public Spec env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** Where the supervisor's (and, unless redirected, the program's) stdout and stderr go. */
        public Spec log(Path file) {
            this.log = file;
            return this;
        }

        /** Hands a descriptor to the program (the supervisor holds it too), see {@link ProcessLauncher.Spec}. */
        public Spec passFd(int source, int target) {
            fds.put(target, source);
            return this;
        }
    }

    private NamespaceLauncher() {
    }

    /**
     * Starts the supervisor, which starts the program in the new namespaces.
     *
     * @return the supervisor's pidfd (its PID is outside the new namespaces); the caller closes it
     */
    public static PidFd launch(Spec spec) {
        ProcessLauncher.Spec p = new ProcessLauncher.Spec(command(spec)).log(spec.log);
        spec.env.forEach(p::env);
        spec.fds.forEach((target, source) -> p.passFd(source, target));
        return ProcessLauncher.launch(p);
    }

    /** The command line: {@code [setpriv ...] unshare --fork --kill-child --NS... -- PROGRAM ARGS}. */
    public static List<String> command(Spec spec) {
        List<String> cmd = new ArrayList<>();
        if (!spec.dropCapabilities.isEmpty() || spec.uid >= 0) {
            cmd.add(tool("setpriv"));
            if (!spec.dropCapabilities.isEmpty()) {
                StringBuilder caps = new StringBuilder();
                for (String c : spec.dropCapabilities) {
                    caps.append(caps.length() == 0 ? "-" : ",-").append(c);
                }
                cmd.add("--bounding-set=" + caps);
            }
            if (spec.uid >= 0) {
                cmd.add("--reuid=" + spec.uid);
                cmd.add("--regid=" + spec.gid);
                cmd.add("--clear-groups");
            }
        }
        cmd.add(tool("unshare"));
        cmd.add("--fork");
        cmd.add("--kill-child");
        for (Namespace n : spec.namespaces) {
            cmd.add(n.option);
        }
        if (spec.namespaces.contains(Namespace.MOUNT)) {
            // nothing mounted inside propagates to the host
            cmd.add("--propagation=private");
        }
        if (spec.namespaces.contains(Namespace.USER)) {
            // the program's first exec happens before the ID maps exist; its capabilities inside must survive it
            cmd.add("--keep-caps");
        }
        cmd.add("--");
        cmd.addAll(spec.argv);
        return cmd;
    }

    /** A util-linux program's path. */
    static String tool(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new LinuxException("util-linux '" + name + "' is not installed (looked in /usr/bin, /bin, /usr/sbin,"
                + " /sbin)", Syscalls.ENOENT);
    }
}
