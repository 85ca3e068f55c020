package org.virtlayer.core.internal.calls;

import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/**
 * Per-domain job locks, libvirt's "state change lock": operations that change one domain run one at a time, across
 * every connection to the same node; queries never take it. A lock exists only while someone holds or waits for it.
 */
public final class JobLocks {
    private final ConcurrentHashMap<Key, Job> jobs = new ConcurrentHashMap<>();

    private record Key(Object node, UUID domain) {
    }

    private static final class Job {
        final ReentrantLock lock = new ReentrantLock(true);
        int users;
        volatile String holder;
    }

    /** What {@link #acquire} returns: closing it releases the lock. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes the domain's job lock for an operation.
     *
     * @throws VirtException OPERATION_TIMEOUT naming the domain and the operation holding the lock
     */
    public Held acquire(Object node, UUID domain, String domainName, String operation, long timeoutMillis) {
        Key key = new Key(Objects.requireNonNull(node), domain);
        Job job = jobs.compute(key, (k, j) -> {
            Job r = j == null ? new Job() : j;
            r.users++;
            return r;
        });
        boolean locked = false;
        try {
            locked = timeoutMillis > 0 ? job.lock.tryLock(timeoutMillis, TimeUnit.MILLISECONDS) : lock(job);
            if (!locked) {
                throw new VirtException(ErrorCode.OPERATION_TIMEOUT, "Timed out during operation: cannot acquire"
                        + " state change lock on domain '" + domainName + "' (held by " + job.holder + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VirtException(ErrorCode.OPERATION_ABORTED, operation + " interrupted while waiting for the"
                    + " state change lock on domain '" + domainName + "'");
        } finally {
            if (!locked) {
                leave(key);
            }
        }
        job.holder = operation;
        return () -> {
            job.holder = null;
            job.lock.unlock();
            leave(key);
        };
    }

    private static boolean lock(Job job) throws InterruptedException {
        job.lock.lockInterruptibly();
        return true;
    }

    private void leave(Key key) {
        jobs.computeIfPresent(key, (k, j) -> --j.users == 0 ? null : j);
    }

    /** Locks in existence now (held or waited for): zero when idle. */
    public int size() {
        return jobs.size();
    }
}
