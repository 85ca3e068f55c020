package org.virtlayer.linux;

import com.sun.jna.Memory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Learns of processes' exits as they happen: every watched {@link PidFd} sits in one epoll set, and one thread waits
 * on it. A pidfd turns readable the instant its process exits, so there is no polling and no delay; the watcher
 * reaps its own children and passes the {@link ProcessExit} to the callback, on the watcher's thread (callbacks
 * should hand long work to an executor).
 */
public final class ProcessWatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ProcessWatcher.class.getName());
    private static final int EPOLL_CLOEXEC = 02000000;
    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLL_CTL_DEL = 2;
    private static final int EPOLLIN = 0x1;
    private static final int EFD_CLOEXEC = 02000000;
    private static final int EFD_NONBLOCK = 04000;
    private static final long WAKE_KEY = 0;
    private static final int BATCH = 32;

    /** One watched process; cancel it to stop watching without closing the pidfd. */
    public final class Watch {
        private final long key;
        private final PidFd pidfd;
        private final Consumer<ProcessExit> onExit;

        private Watch(long key, PidFd pidfd, Consumer<ProcessExit> onExit) {
            this.key = key;
            this.pidfd = pidfd;
            this.onExit = onExit;
        }

        /** Stops watching; the callback will not run. Harmless after the exit was reported. */
        public void cancel() {
            if (watches.remove(key) != null) {
                unregister(pidfd.fd());
            }
        }
    }

    private final int epfd;
    private final int wakeFd;
    private final int eventSize = Syscalls.epollEventSize();
    private final Map<Long, Watch> watches = new ConcurrentHashMap<>();
    private final AtomicLong keys = new AtomicLong(WAKE_KEY);
    private final Thread thread;
    private volatile boolean closed;

    /** Starts the watcher's thread, named {@code threadName}. */
    public ProcessWatcher(String threadName) {
        epfd = Syscalls.check(Syscalls.libc().epoll_create1(EPOLL_CLOEXEC), "epoll_create1");
        try {
            wakeFd = Syscalls.check(Syscalls.libc().eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK), "eventfd");
            register(wakeFd, WAKE_KEY);
        } catch (RuntimeException e) {
            Syscalls.close(epfd);
            throw e;
        }
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Watches a process. If it has already exited, the callback runs at once (on the watcher's thread). The pidfd
     * stays the caller's: keep it open while watching, close it after the callback or {@link Watch#cancel()}.
     */
    public Watch watch(PidFd pidfd, Consumer<ProcessExit> onExit) {
        if (closed) {
            throw new IllegalStateException("process watcher is closed");
        }
        long key = keys.incrementAndGet();
        Watch w = new Watch(key, pidfd, onExit);
        watches.put(key, w);
        try {
            register(pidfd.fd(), key);
        } catch (RuntimeException e) {
            watches.remove(key);
            throw e;
        }
        return w;
    }

    /** Processes watched now. */
    public int size() {
        return watches.size();
    }

    private void register(int fd, long key) {
        Memory ev = Syscalls.buffer(eventSize);
        ev.setInt(0, EPOLLIN);
        ev.setLong(4, key);
        Syscalls.check(Syscalls.libc().epoll_ctl(epfd, EPOLL_CTL_ADD, fd, ev), "epoll_ctl(ADD, " + fd + ")");
    }

    private void unregister(int fd) {
        if (fd >= 0) {
            // fails harmlessly if the fd was closed (the kernel dropped it from the set then)
            Syscalls.libc().epoll_ctl(epfd, EPOLL_CTL_DEL, fd, null);
        }
    }

    private void run() {
        Memory events = Syscalls.buffer(eventSize * BATCH);
        while (!closed) {
            int n = Syscalls.libc().epoll_wait(epfd, events, BATCH, -1);
            if (n < 0) {
                int errno = Syscalls.errno();
                if (errno == Syscalls.EINTR) {
                    continue;
                }
                LOG.log(System.Logger.Level.ERROR, "process watcher stops: epoll_wait: " + Syscalls.describe(errno));
                return;
            }
            for (int i = 0; i < n && !closed; i++) {
                long key = events.getLong((long) i * eventSize + 4);
                if (key != WAKE_KEY) {
                    exited(key);
                }
            }
        }
    }

    private void exited(long key) {
        Watch w = watches.remove(key);
        if (w == null) {
            return;
        }
        unregister(w.pidfd.fd());
        ProcessExit exit;
        try {
            exit = new ProcessExit(w.pidfd.pid(), w.pidfd.reap());
        } catch (LinuxException e) {
            exit = new ProcessExit(w.pidfd.pid(), java.util.OptionalInt.empty());
        }
        try {
            w.onExit.accept(exit);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.ERROR, "exit callback for " + exit + " failed", e);
        }
    }

    /** Stops the thread. Watched processes are left alone; their pidfds stay their owners'. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Memory one = Syscalls.buffer(8);
        one.setLong(0, 1);
        Syscalls.libc().write(wakeFd, one, 8);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Watch w : watches.values()) {
            unregister(w.pidfd.fd());
        }
        watches.clear();
        Syscalls.close(wakeFd);
        Syscalls.close(epfd);
    }
}
