package org.virtlayer.linux;

import com.sun.jna.Memory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A pipe to talk to a child process in lines, both ends closed on exec until one is handed to the child
 * ({@link ProcessLauncher.Spec#passFd}). Reading waits with {@code poll(2)} on the pipe and, optionally, on a pidfd:
 * a child that dies without writing ends the wait at once instead of after the timeout.
 */
public final class Pipe implements AutoCloseable {
    private static final short POLLIN = 0x1;
    private static final short POLLHUP = 0x10;

    private volatile int readFd;
    private volatile int writeFd;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private Pipe(int readFd, int writeFd) {
        this.readFd = readFd;
        this.writeFd = writeFd;
    }

    /** A new pipe, both ends {@code O_CLOEXEC}. */
    public static Pipe open() {
        int[] fds = new int[2];
        Syscalls.check(Syscalls.libc().pipe2(fds, Syscalls.O_CLOEXEC), "pipe2");
        return new Pipe(fds[0], fds[1]);
    }

    public int readEnd() {
        return readFd;
    }

    public int writeEnd() {
        return writeFd;
    }

    /** Closes this process's read end (the child holds its own copy). */
    public void closeReadEnd() {
        int f = readFd;
        readFd = -1;
        Syscalls.close(f);
    }

    /** Closes this process's write end (the child holds its own copy). */
    public void closeWriteEnd() {
        int f = writeFd;
        writeFd = -1;
        Syscalls.close(f);
    }

    /** Writes the text whole (a pipe takes up to 4 KiB atomically; the lines here are short). */
    public void write(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        Memory m = Syscalls.buffer(Math.max(1, b.length));
        m.write(0, b, 0, b.length);
        long off = 0;
        while (off < b.length) {
            long n = Syscalls.libc().write(writeFd, m.share(off), b.length - off);
            if (n < 0) {
                int errno = Syscalls.errno();
                if (errno == Syscalls.EINTR) {
                    continue;
                }
                throw new LinuxException("write(pipe)", errno);
            }
            off += n;
        }
    }

    /**
     * The next line (without its newline), waiting at most {@code timeoutMillis}.
     *
     * @param whileAlive if not null, the wait ends when this process exits and the pipe holds no full line
     * @return the line, or null at end of file (every writer closed its end) or when {@code whileAlive} exited
     * @throws LinuxException ETIMEDOUT when no line came in time
     */
    public String readLine(long timeoutMillis, PidFd whileAlive) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        Memory pfds = Syscalls.buffer(16);
        Memory buf = Syscalls.buffer(512);
        while (true) {
            String line = takeLine();
            if (line != null) {
                return line;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new LinuxException("read(pipe) waiting " + timeoutMillis + " ms", Syscalls.ETIMEDOUT);
            }
            int alive = whileAlive == null ? -1 : whileAlive.fd();
            pfds.setInt(0, readFd);
            pfds.setShort(4, POLLIN);
            pfds.setShort(6, (short) 0);
            pfds.setInt(8, alive);
            pfds.setShort(12, POLLIN);
            pfds.setShort(14, (short) 0);
            int n = Syscalls.libc().poll(pfds, alive >= 0 ? 2 : 1, (int) Math.min(left, Integer.MAX_VALUE));
            if (n < 0) {
                int errno = Syscalls.errno();
                if (errno == Syscalls.EINTR) {
                    continue;
                }
                throw new LinuxException("poll(pipe)", errno);
            }
            short pipeEvents = pfds.getShort(6);
            if ((pipeEvents & (POLLIN | POLLHUP)) != 0) {
                long got = Syscalls.libc().read(readFd, buf, 512);
                if (got < 0 && Syscalls.errno() != Syscalls.EINTR) {
                    throw new LinuxException("read(pipe)", Syscalls.errno());
                }
                if (got == 0) {
                    return null;
                }
                if (got > 0) {
                    pending.write(buf.getByteArray(0, (int) got), 0, (int) got);
                }
                continue;
            }
            if (alive >= 0 && (pfds.getShort(14) & POLLIN) != 0) {
                return null;
            }
        }
    }

    private String takeLine() {
        byte[] b = pending.toByteArray();
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                pending.reset();
                pending.write(b, i + 1, b.length - i - 1);
                return new String(b, 0, i, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        closeReadEnd();
        closeWriteEnd();
    }
}
