package org.virtlayer.linux;

/**
 * A system call failed: which call, on what, and the errno with its name and text, e.g.
 * {@code pidfd_open(4242): No such process (errno 3)}.
 */
public final class LinuxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    public LinuxException(String call, int errno) {
        super(call + ": " + Syscalls.describe(errno));
        this.errno = errno;
    }

    /** A failure Java reported as an I/O error (a file under /sys or /proc): errno unknown (0). */
    public LinuxException(String what, java.io.IOException cause) {
        super(what + ": " + cause, cause);
        this.errno = 0;
    }

    /** The C library's {@code errno}, e.g. {@link Syscalls#ESRCH}. */
    public int errno() {
        return errno;
    }
}
