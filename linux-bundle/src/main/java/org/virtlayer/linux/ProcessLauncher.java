package org.virtlayer.linux;

import com.sun.jna.Memory;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Starts a process that outlives the JVM: {@code posix_spawn} (vfork semantics, safe in a JVM with many threads) in a
 * new session, so that no signal meant for the JVM's terminal or process group reaches it; stdin from
 * {@code /dev/null} (or a descriptor handed over), stdout and stderr appended to a log file, default signal
 * dispositions and an empty signal mask (whatever the JVM had), working folder {@code /}, and no descriptor of the
 * JVM's except those handed over on purpose. The child stays this JVM's child until the JVM exits, so
 * {@link ProcessWatcher} reaps it and knows its exit status; after that it is reparented (to PID 1 or a subreaper)
 * and keeps running.
 */
public final class ProcessLauncher {
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final short POSIX_SPAWN_SETSID = 0x80;
    /** Descriptors handed over are first duplicated at or above this, out of the way of their targets. */
    private static final int HIGH_FD = 256;
    private static final int MAX_TARGET_FD = 200;

    /** What to start. */
    public static final class Spec {
        private final List<String> argv;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final TreeMap<Integer, Integer> fds = new TreeMap<>();
        private Path log;
        private int stdin = -1;

        /** {@code argv.get(0)} is the executable's absolute path. */
        public Spec(List<String> argv) {
            if (argv.isEmpty() || !argv.get(0).startsWith("/")) {
                throw new IllegalArgumentException("the program must be an absolute path: " + argv);
            }
            this.argv = List.copyOf(argv);
        }

        /** An environment variable; the child gets only those given. */
        public Spec env(String name, String value) {
            env.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        /** Where stdout and stderr are appended (created 0600 if missing); null: {@code /dev/null}. */
        public Spec log(Path file) {
            this.log = file;
            return this;
        }

        /** The child's stdin is the caller's descriptor {@code source} (a terminal's master, say), not /dev/null. */
        public Spec stdin(int source) {
            if (source < 0) {
                throw new IllegalArgumentException("not a descriptor: " + source);
            }
            this.stdin = source;
            return this;
        }

        /** Hands the caller's descriptor {@code source} to the child as descriptor {@code target} (3 or more). */
        public Spec passFd(int source, int target) {
            if (target < 3 || target > MAX_TARGET_FD) {
                throw new IllegalArgumentException("target descriptor must be within 3.." + MAX_TARGET_FD);
            }
            fds.put(target, source);
            return this;
        }

        public List<String> argv() {
            return argv;
        }
    }

    private ProcessLauncher() {
    }

    /**
     * Starts the process.
     *
     * @return its pidfd, open; the caller closes it
     * @throws LinuxException when the program cannot be executed (e.g. ENOENT), naming it
     */
    public static PidFd launch(Spec spec) {
        var libc = Syscalls.libc();
        Memory attr = Syscalls.buffer(1024);
        Memory actions = Syscalls.buffer(1024);
        Memory sigset = Syscalls.buffer(128);
        List<Integer> highFds = new ArrayList<>();
        check(libc.posix_spawnattr_init(attr), "posix_spawnattr_init");
        try {
            check(libc.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
            try {
                check(libc.posix_spawnattr_setflags(attr,
                        (short) (POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)),
                        "posix_spawnattr_setflags");
                libc.sigemptyset(sigset);
                check(libc.posix_spawnattr_setsigmask(attr, sigset), "posix_spawnattr_setsigmask");
                libc.sigfillset(sigset);
                libc.sigdelset(sigset, Syscalls.SIGKILL);
                libc.sigdelset(sigset, Syscalls.SIGSTOP);
                check(libc.posix_spawnattr_setsigdefault(attr, sigset), "posix_spawnattr_setsigdefault");

                if (spec.stdin >= 0) {
                    int high = Syscalls.dupCloexec(spec.stdin, HIGH_FD);
                    highFds.add(high);
                    check(libc.posix_spawn_file_actions_adddup2(actions, high, 0), "posix_spawn_file_actions_adddup2");
                } else {
                    check(libc.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", Syscalls.O_RDONLY, 0),
                            "posix_spawn_file_actions_addopen(stdin)");
                }
                String out = spec.log == null ? "/dev/null" : spec.log.toString();
                check(libc.posix_spawn_file_actions_addopen(actions, 1, out,
                        Syscalls.O_WRONLY | Syscalls.O_CREAT | Syscalls.O_APPEND, 0600),
                        "posix_spawn_file_actions_addopen(" + out + ")");
                check(libc.posix_spawn_file_actions_adddup2(actions, 1, 2), "posix_spawn_file_actions_adddup2");
                int last = 2;
                for (Map.Entry<Integer, Integer> e : spec.fds.entrySet()) {
                    int high = Syscalls.dupCloexec(e.getValue(), HIGH_FD);
                    highFds.add(high);
                    check(libc.posix_spawn_file_actions_adddup2(actions, high, e.getKey()),
                            "posix_spawn_file_actions_adddup2");
                    last = e.getKey();
                }
                check(libc.posix_spawn_file_actions_addchdir_np(actions, "/"), "posix_spawn_file_actions_addchdir");
                check(libc.posix_spawn_file_actions_addclosefrom_np(actions, last + 1),
                        "posix_spawn_file_actions_addclosefrom_np");

                List<String> envList = new ArrayList<>(spec.env.size());
                spec.env.forEach((k, v) -> envList.add(k + "=" + v));
                IntByReference pid = new IntByReference();
                int rc = libc.posix_spawn(pid, spec.argv.get(0), actions, attr,
                        new StringArray(spec.argv.toArray(new String[0])),
                        new StringArray(envList.toArray(new String[0])));
                if (rc != 0) {
                    throw new LinuxException("posix_spawn(" + spec.argv.get(0) + ")", rc);
                }
                return PidFd.open(pid.getValue());
            } finally {
                libc.posix_spawn_file_actions_destroy(actions);
            }
        } finally {
            libc.posix_spawnattr_destroy(attr);
            highFds.forEach(Syscalls::close);
        }
    }

    /** posix_spawn's helpers return the error number instead of setting errno. */
    private static void check(int rc, String call) {
        if (rc != 0) {
            throw new LinuxException(call, rc > 0 ? rc : Syscalls.errno());
        }
    }
}
