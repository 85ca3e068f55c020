package org.virtlayer.linux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Work done inside a named network namespace ({@code ip netns add NAME}, {@code /run/netns/NAME}) by the JVM itself,
 * without a helper process: a device the kernel creates for a file descriptor (a tap from {@code /dev/net/tun}) is
 * made in the namespace of the thread that asks, and {@code /proc/thread-self/net} shows that thread's namespace.
 *
 * <p>{@code setns(2)} moves only the calling thread, which is allowed in a process of many threads for network
 * namespaces. The work runs on a new thread that ends with it, so no thread of the JVM is ever left in another
 * namespace, whatever happens.
 */
public final class NetNamespaces {
    private static final int CLONE_NEWNET = 0x40000000;
    private static final Path NETNS = Path.of("/run/netns");

    private NetNamespaces() {
    }

    /** True if {@code ip netns} knows a namespace of this name. */
    public static boolean exists(String name) {
        return Files.exists(file(name));
    }

    /**
     * Runs {@code task} inside the namespace and returns its result; with a null namespace, on the caller's thread in
     * the caller's namespace.
     *
     * @throws LinuxException if the namespace cannot be entered; what the task throws, unchecked, as it threw it
     */
    public static <T> T call(String namespace, Callable<T> task) {
        if (namespace == null) {
            return unchecked(task);
        }
        Path ns = file(namespace);
        FutureTask<T> work = new FutureTask<>(() -> {
            int fd = Syscalls.open(ns.toString(), Syscalls.O_RDONLY, 0);
            try {
                Syscalls.check(Syscalls.libc().setns(fd, CLONE_NEWNET), "setns(" + ns + ", CLONE_NEWNET)");
            } finally {
                Syscalls.close(fd);
            }
            return task.call();
        });
        Thread t = new Thread(work, "virtlayer-netns-" + namespace);
        t.setDaemon(true);
        t.start();
        try {
            return work.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw checkedFailure("in network namespace " + namespace, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinuxException("interrupted in network namespace " + namespace, Syscalls.EINTR);
        }
    }

    private static <T> T unchecked(Callable<T> task) {
        try {
            return task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw checkedFailure("in this network namespace", e);
        }
    }

    /** A task's checked exception, unchecked: an I/O error as the LinuxException it is, anything else as a bug. */
    private static RuntimeException checkedFailure(String where, Throwable cause) {
        if (cause instanceof java.io.IOException io) {
            return new LinuxException(where, io);
        }
        return new IllegalStateException(where + ": " + cause, cause);
    }

    private static Path file(String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("invalid network namespace name '" + name + "'");
        }
        return NETNS.resolve(name);
    }
}
