package org.virtlayer.spi.kit;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/**
 * A domain's job in a driver: one lifecycle operation at a time per domain (start, stop, suspend, ...), in the order
 * they asked (a fair lock), reentrant so that an operation may call another. Waiting can be interrupted: by the core's
 * call timeout or by the driver stopping.
 */
public final class DomainJob {
    private final ReentrantLock lock = new ReentrantLock(true);

    /**
     * Runs the operation once the job is free.
     *
     * @param domain the domain's name, for the error
     * @throws VirtException OPERATION_ABORTED if interrupted while waiting
     */
    public <T> T run(String domain, Supplier<T> operation) {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VirtException(ErrorCode.OPERATION_ABORTED, "interrupted while waiting for the job of domain '"
                    + domain + "'");
        }
        try {
            return operation.get();
        } finally {
            lock.unlock();
        }
    }
}
