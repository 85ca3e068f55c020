package org.virtlayer.linux;

import com.sun.jna.Memory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A connected UNIX stream socket that can send a file descriptor along with a message ({@code SCM_RIGHTS}), which
 * Java's channels cannot: how a running QEMU is given a tap device's descriptor ({@code getfd} on a QMP monitor).
 * Text goes out and comes back in lines; reading waits with {@code poll(2)} up to a deadline.
 */
public final class DescriptorSocket implements AutoCloseable {
    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final short POLLIN = 0x1;
    private static final short POLLHUP = 0x10;
    // LP64 layouts (x86_64, aarch64): struct msghdr, struct iovec, struct cmsghdr
    private static final int MSGHDR_SIZE = 56;
    private static final int IOVEC_SIZE = 16;
    private static final int CMSG_HEADER = 16;
    private static final int CMSG_SPACE_INT = 24;

    private volatile int fd;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private DescriptorSocket(int fd) {
        this.fd = fd;
    }

    /** Connects to the listening socket at {@code path}. */
    public static DescriptorSocket connect(Path path) {
        byte[] bytes = path.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= UnixSockets.MAX_PATH_BYTES) {
            throw new IllegalArgumentException("UNIX socket path too long: " + path);
        }
        var libc = Syscalls.libc();
        int fd = Syscalls.check(libc.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), "socket(AF_UNIX)");
        try {
            Memory addr = Syscalls.buffer(2 + UnixSockets.MAX_PATH_BYTES);
            addr.setShort(0, (short) AF_UNIX);
            addr.write(2, bytes, 0, bytes.length);
            Syscalls.check(libc.connect(fd, addr, 2 + bytes.length + 1), "connect(" + path + ")");
            return new DescriptorSocket(fd);
        } catch (RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
    }

    /** Sends the text whole. */
    public void send(String text) {
        send(text, -1);
    }

    /**
     * Sends the text whole, with a duplicate of {@code descriptor} riding on its first byte (the receiver gets its own
     * copy; this process keeps and closes its own).
     */
    public void send(String text, int descriptor) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        Memory data = Syscalls.buffer(Math.max(1, b.length));
        data.write(0, b, 0, b.length);
        long off = 0;
        boolean withFd = descriptor >= 0;
        while (off < b.length) {
            Memory iov = Syscalls.buffer(IOVEC_SIZE);
            iov.setPointer(0, data.share(off));
            iov.setLong(8, b.length - off);
            Memory msg = Syscalls.buffer(MSGHDR_SIZE);
            msg.setPointer(16, iov);
            msg.setLong(24, 1);
            if (withFd) {
                Memory control = Syscalls.buffer(CMSG_SPACE_INT);
                control.setLong(0, CMSG_HEADER + 4);
                control.setInt(8, SOL_SOCKET);
                control.setInt(12, SCM_RIGHTS);
                control.setInt(CMSG_HEADER, descriptor);
                msg.setPointer(32, control);
                msg.setLong(40, CMSG_SPACE_INT);
            }
            long n = Syscalls.libc().sendmsg(fd, msg, MSG_NOSIGNAL);
            if (n < 0) {
                int errno = Syscalls.errno();
                if (errno == Syscalls.EINTR) {
                    continue;
                }
                throw new LinuxException("sendmsg" + (withFd ? "(SCM_RIGHTS)" : ""), errno);
            }
            // the descriptor went with the first byte sent
            withFd = false;
            off += n;
        }
    }

    /**
     * The next line (without its newline), waiting at most {@code timeoutMillis}.
     *
     * @return the line, or null when the other side closed the connection
     * @throws LinuxException ETIMEDOUT when no line came in time
     */
    public String readLine(long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        Memory pfd = Syscalls.buffer(8);
        Memory buf = Syscalls.buffer(4096);
        while (true) {
            String line = takeLine();
            if (line != null) {
                return line;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new LinuxException("read(socket) waiting " + timeoutMillis + " ms", Syscalls.ETIMEDOUT);
            }
            pfd.setInt(0, fd);
            pfd.setShort(4, POLLIN);
            pfd.setShort(6, (short) 0);
            int n = Syscalls.libc().poll(pfd, 1, (int) Math.min(left, Integer.MAX_VALUE));
            if (n < 0) {
                if (Syscalls.errno() == Syscalls.EINTR) {
                    continue;
                }
                throw new LinuxException("poll(socket)", Syscalls.errno());
            }
            if ((pfd.getShort(6) & (POLLIN | POLLHUP)) == 0) {
                continue;
            }
            long got = Syscalls.libc().read(fd, buf, 4096);
            if (got < 0) {
                if (Syscalls.errno() == Syscalls.EINTR) {
                    continue;
                }
                throw new LinuxException("read(socket)", Syscalls.errno());
            }
            if (got == 0) {
                return null;
            }
            pending.write(buf.getByteArray(0, (int) got), 0, (int) got);
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
        int f = fd;
        fd = -1;
        Syscalls.close(f);
    }
}
