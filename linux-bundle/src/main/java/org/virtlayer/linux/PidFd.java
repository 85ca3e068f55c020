package org.virtlayer.linux;

import com.sun.jna.Memory;
import java.util.OptionalInt;

/**
 * A process named by a pidfd ({@code pidfd_open(2)}, Linux 5.3+): signals reach this process and no other even if
 * its PID is reused, and the descriptor becomes readable the moment the process exits (see {@link ProcessWatcher}).
 * Works for any process this one may signal, not only children.
 */
public final class PidFd implements AutoCloseable {
    private static final int P_PIDFD = 3;
    private static final int WEXITED = 4;
    private static final int WNOHANG = 1;
    private static final int CLD_EXITED = 1;
    private static final short POLLIN = 0x1;

    private final int pid;
    private volatile int fd;

    private PidFd(int pid, int fd) {
        this.pid = pid;
        this.fd = fd;
    }

    /**
     * Opens a pidfd for a running process (a zombie counts as running until reaped).
     *
     * @throws LinuxException ESRCH when there is no such process
     */
    public static PidFd open(int pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("not a process ID: " + pid);
        }
        return new PidFd(pid, Syscalls.pidfdOpen(pid));
    }

    public int pid() {
        return pid;
    }

    /** The descriptor, or -1 once closed. */
    public int fd() {
        return fd;
    }

    /**
     * Sends a signal to this process.
     *
     * @return false if the process has already exited
     */
    public boolean signal(int signal) {
        int f = fd;
        if (f < 0) {
            return false;
        }
        try {
            Syscalls.pidfdSendSignal(f, signal, pid);
            return true;
        } catch (LinuxException e) {
            if (e.errno() == Syscalls.ESRCH) {
                return false;
            }
            throw e;
        }
    }

    /** True once the process has exited (it may not be reaped yet). Does not block. */
    public boolean hasExited() {
        int f = fd;
        if (f < 0) {
            return true;
        }
        Memory pfd = Syscalls.buffer(8);
        pfd.setInt(0, f);
        pfd.setShort(4, POLLIN);
        int n = Syscalls.check(Syscalls.libc().poll(pfd, 1, 0), "poll(pidfd of " + pid + ")");
        return n > 0 && (pfd.getShort(6) & POLLIN) != 0;
    }

    /**
     * Waits until the process has exited (not necessarily reaped), at most {@code millis}: for a caller that has just
     * killed a process and must know it is gone; {@link ProcessWatcher} is the way to learn of exits otherwise.
     *
     * @return true once exited, false if it still runs after the time
     */
    public boolean awaitExit(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        Memory pfd = Syscalls.buffer(8);
        while (true) {
            int f = fd;
            if (f < 0) {
                return true;
            }
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
            pfd.setInt(0, f);
            pfd.setShort(4, POLLIN);
            pfd.setShort(6, (short) 0);
            int n = Syscalls.libc().poll(pfd, 1, (int) Math.min(left, Integer.MAX_VALUE));
            if (n > 0) {
                return true;
            }
            if (n < 0 && Syscalls.errno() != Syscalls.EINTR) {
                throw new LinuxException("poll(pidfd of " + pid + ")", Syscalls.errno());
            }
            if (n == 0 && left == 0) {
                return false;
            }
        }
    }

    /**
     * Reaps the process if it is this JVM's child and has exited: its wait status as {@code waitpid} encodes it
     * (exit code << 8, or the signal number), or empty when it is still running or not our child (its parent reaps
     * it then).
     */
    public OptionalInt reap() {
        int f = fd;
        if (f < 0) {
            return OptionalInt.empty();
        }
        Memory info = Syscalls.buffer(128);
        int rc = Syscalls.libc().waitid(P_PIDFD, f, info, WEXITED | WNOHANG);
        if (rc < 0) {
            int errno = Syscalls.errno();
            if (errno == Syscalls.ECHILD || errno == Syscalls.EINVAL) {
                return OptionalInt.empty();
            }
            throw new LinuxException("waitid(pidfd of " + pid + ")", errno);
        }
        int reapedPid = info.getInt(16);
        if (reapedPid == 0) {
            return OptionalInt.empty();
        }
        int code = info.getInt(8);
        int status = info.getInt(24);
        return OptionalInt.of(code == CLD_EXITED ? (status & 0xff) << 8 : status & 0x7f);
    }

    @Override
    public synchronized void close() {
        int f = fd;
        if (f >= 0) {
            fd = -1;
            Syscalls.close(f);
        }
    }

    @Override
    public String toString() {
        return "pidfd " + fd + " of process " + pid;
    }
}
