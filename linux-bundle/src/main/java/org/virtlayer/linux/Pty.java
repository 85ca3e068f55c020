package org.virtlayer.linux;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;

/**
 * A pseudo-terminal pair from the host's {@code /dev/ptmx}: the master stays with whoever reads the terminal's
 * output, the slave ({@code /dev/pts/N}) becomes a program's console. Both are opened {@code O_NOCTTY} (neither
 * becomes this process's controlling terminal) and {@code O_CLOEXEC} (nothing inherits them unless handed over).
 */
public final class Pty implements AutoCloseable {
    /** {@code struct termios} is 60 bytes on Linux; {@code c_oflag} is at offset 4, {@code c_lflag} at 12. */
    private static final int TERMIOS_SIZE = 60;
    private static final int ONLCR = 04;
    private static final int TCSANOW = 0;

    private volatile int master;
    private final String slavePath;

    private Pty(int master, String slavePath) {
        this.master = master;
        this.slavePath = slavePath;
    }

    /** A new pair; the slave is unlocked and ready to open. */
    public static Pty open() {
        var libc = Syscalls.libc();
        int m = Syscalls.check(libc.posix_openpt(Syscalls.O_RDWR | Syscalls.O_NOCTTY | Syscalls.O_CLOEXEC),
                "posix_openpt");
        try {
            Syscalls.check(libc.grantpt(m), "grantpt");
            Syscalls.check(libc.unlockpt(m), "unlockpt");
            byte[] name = new byte[128];
            int rc = libc.ptsname_r(m, name, name.length);
            if (rc != 0) {
                throw new LinuxException("ptsname_r", rc);
            }
            int len = 0;
            while (len < name.length && name[len] != 0) {
                len++;
            }
            return new Pty(m, new String(name, 0, len, StandardCharsets.US_ASCII));
        } catch (RuntimeException e) {
            Syscalls.close(m);
            throw e;
        }
    }

    /** The master's descriptor, or -1 once closed. */
    public int master() {
        return master;
    }

    /** The slave's path, {@code /dev/pts/N}. */
    public String slavePath() {
        return slavePath;
    }

    /**
     * Opens the slave ({@code O_NOCTTY}, {@code O_CLOEXEC}) with output written as is: a newline stays a newline
     * instead of becoming CR LF, so that what the terminal shows can be kept as a plain text log.
     */
    public int openSlave() {
        int fd = Syscalls.open(slavePath, Syscalls.O_RDWR | Syscalls.O_NOCTTY, 0);
        try {
            Memory t = Syscalls.buffer(TERMIOS_SIZE);
            Syscalls.check(Syscalls.libc().tcgetattr(fd, t), "tcgetattr(" + slavePath + ")");
            t.setInt(4, t.getInt(4) & ~ONLCR);
            Syscalls.check(Syscalls.libc().tcsetattr(fd, TCSANOW, t), "tcsetattr(" + slavePath + ")");
            return fd;
        } catch (RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
    }

    /** Closes this process's master; the terminal lives on while another process holds a copy. */
    @Override
    public void close() {
        int m = master;
        master = -1;
        Syscalls.close(m);
    }

    @Override
    public String toString() {
        return "pty " + slavePath;
    }
}
