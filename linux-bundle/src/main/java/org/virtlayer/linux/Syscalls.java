package org.virtlayer.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.virtlayer.linux.internal.LibC;

/**
 * The system calls the JVM cannot make, typed and errno-checked: every failure is a {@link LinuxException} naming
 * the call and its argument. Numbers are Linux's generic ones (x86_64 and aarch64 share them for the calls here).
 */
public final class Syscalls {
    private Syscalls() {
    }

    // errno values used by callers
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int ECHILD = 10;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;
    public static final int ENOSYS = 38;
    public static final int ETIMEDOUT = 110;

    // signals
    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGUSR1 = 10;
    public static final int SIGUSR2 = 12;
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;
    public static final int SIGCONT = 18;
    public static final int SIGSTOP = 19;

    // prctl options
    public static final int PR_SET_PDEATHSIG = 1;
    public static final int PR_SET_NAME = 15;
    public static final int PR_SET_CHILD_SUBREAPER = 36;
    public static final int PR_GET_CHILD_SUBREAPER = 37;

    // open(2) flags
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0100;
    public static final int O_APPEND = 02000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_NOCTTY = 0400;

    static final int F_DUPFD_CLOEXEC = 1030;
    static final int SYS_PIDFD_SEND_SIGNAL = 424;
    static final int SYS_PIDFD_OPEN = 434;

    /** The C library, for the classes of this package. */
    static LibC libc() {
        return LibC.INSTANCE;
    }

    static int errno() {
        return Native.getLastError();
    }

    /** Checks a return value: negative means failure with errno set. */
    static int check(long rc, String call) {
        if (rc < 0) {
            throw new LinuxException(call, errno());
        }
        return (int) rc;
    }

    /** "No such process (errno 3)". */
    public static String describe(int errno) {
        String text;
        try {
            text = libc().strerror(errno);
        } catch (RuntimeException | LinkageError e) {
            text = null;
        }
        return (text == null ? "error" : text) + " (errno " + errno + ")";
    }

    /** Sends a signal by PID: subject to PID reuse, prefer {@link PidFd#signal}. */
    public static void kill(int pid, int signal) {
        check(libc().kill(pid, signal), "kill(" + pid + ", " + signal + ")");
    }

    /** True if a process with this PID exists now (possibly as a zombie), by {@code kill(pid, 0)}. */
    public static boolean processExists(int pid) {
        if (libc().kill(pid, 0) == 0) {
            return true;
        }
        return errno() == EPERM;
    }

    public static void close(int fd) {
        if (fd >= 0) {
            libc().close(fd);
        }
    }

    /** {@code pidfd_open(pid, 0)}: a file descriptor naming this process, immune to PID reuse. */
    static int pidfdOpen(int pid) {
        return check(libc().syscall(SYS_PIDFD_OPEN, (long) pid, 0L), "pidfd_open(" + pid + ")");
    }

    static void pidfdSendSignal(int pidfd, int signal, int pid) {
        check(libc().syscall(SYS_PIDFD_SEND_SIGNAL, (long) pidfd, (long) signal, 0L, 0L),
                "pidfd_send_signal(pid " + pid + ", " + signal + ")");
    }

    /** Makes this process a subreaper: orphaned descendants are reparented to it instead of PID 1. */
    public static void setChildSubreaper(boolean on) {
        check(libc().prctl(PR_SET_CHILD_SUBREAPER, on ? 1L : 0L, 0L, 0L, 0L), "prctl(PR_SET_CHILD_SUBREAPER)");
    }

    /** Names the calling thread as {@code top} and {@code /proc/PID/task/TID/comm} show it (15 bytes at most). */
    public static void setThreadName(String name) {
        check(libc().prctl(PR_SET_NAME, name, 0L, 0L, 0L), "prctl(PR_SET_NAME)");
    }

    /** Opens a file with {@code open(2)}, for a descriptor to hand to a child process; close it with {@link #close}. */
    public static int open(String path, int flags, int mode) {
        return check(libc().open(path, flags | O_CLOEXEC, mode), "open(" + path + ")");
    }

    /** Moves a descriptor's file offset to {@code offset} from the start. */
    public static void seek(int fd, long offset) {
        long rc = libc().lseek(fd, offset, 0);
        if (rc < 0) {
            throw new LinuxException("lseek(" + fd + ", " + offset + ")", errno());
        }
    }

    /** A duplicate of {@code fd} numbered {@code minimum} or above, closed on exec. */
    static int dupCloexec(int fd, int minimum) {
        return check(libc().fcntl(fd, F_DUPFD_CLOEXEC, minimum), "fcntl(" + fd + ", F_DUPFD_CLOEXEC)");
    }

    /** Size of {@code struct epoll_event}: packed on x86_64, padded to 16 bytes elsewhere. */
    static int epollEventSize() {
        return Platform.isIntel() && Platform.is64Bit() ? 12 : 16;
    }

    /** A zeroed native buffer. */
    static Memory buffer(int size) {
        Memory m = new Memory(size);
        m.clear();
        return m;
    }

}
