package org.virtlayer.linux;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Listening UNIX sockets made here and handed to a child process ({@link ProcessLauncher.Spec#passFd}): the socket
 * exists and accepts connections before the child runs, so the parent connects at once instead of waiting for the
 * child to create it (QEMU's {@code -chardev socket,fd=N,server=on}). Java's own channels cannot hand a descriptor
 * over.
 */
public final class UnixSockets {
    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_CLOEXEC = 02000000;
    /** {@code sizeof(sun_path)}, terminating NUL included. */
    public static final int MAX_PATH_BYTES = 108;

    private UnixSockets() {
    }

    /**
     * Creates a listening socket bound to {@code path} (an old socket file there is removed first).
     *
     * @return its descriptor, closed on exec; the caller closes it
     * @throws IllegalArgumentException when the path is too long for a socket address
     */
    public static int listen(Path path) {
        byte[] bytes = path.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= MAX_PATH_BYTES) {
            throw new IllegalArgumentException("UNIX socket path is " + bytes.length + " bytes, more than "
                    + (MAX_PATH_BYTES - 1) + ": " + path);
        }
        var libc = Syscalls.libc();
        int fd = Syscalls.check(libc.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), "socket(AF_UNIX)");
        try {
            libc.unlink(path.toString());
            Memory addr = Syscalls.buffer(2 + MAX_PATH_BYTES);
            addr.setShort(0, (short) AF_UNIX);
            addr.write(2, bytes, 0, bytes.length);
            Syscalls.check(libc.bind(fd, addr, 2 + bytes.length + 1), "bind(" + path + ")");
            Syscalls.check(libc.listen(fd, 8), "listen(" + path + ")");
            return fd;
        } catch (RuntimeException e) {
            Syscalls.close(fd);
            throw e;
        }
    }
}
