package org.virtlayer.core.internal.calls;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/**
 * Every call into one driver or backend goes through here, so that a slow, hung or departed plug-in cannot hang its
 * callers: a plug-in that may block is called on a worker thread under the operation's timeout; one that declares
 * itself non-blocking is called on the caller's thread (a thread hand-off would cost more than its whole call). When
 * the plug-in goes away, calls waiting on it end at once with DRIVER_UNAVAILABLE and later ones fail the same way.
 */
public final class ProviderCalls {
    private static final System.Logger LOG = System.getLogger(ProviderCalls.class.getName());

    private final String name;
    private final boolean nonBlocking;
    private final ExecutorService workers;
    private final Supplier<CallTimeouts> timeouts;
    private final Set<Future<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean gone;

    public ProviderCalls(String name, boolean nonBlocking, ExecutorService workers,
            Supplier<CallTimeouts> timeouts) {
        this.name = name;
        this.nonBlocking = nonBlocking;
        this.workers = workers;
        this.timeouts = timeouts;
    }

    public String name() {
        return name;
    }

    public boolean isGone() {
        return gone;
    }

    /** Runs one call into the plug-in. Exceptions other than {@link VirtException} become INTERNAL_ERROR. */
    public <T> T call(Operation op, Supplier<T> body) {
        if (gone) {
            throw unavailable();
        }
        if (nonBlocking) {
            return guard(op, body);
        }
        Future<T> f;
        try {
            f = workers.submit(() -> guard(op, body));
        } catch (RejectedExecutionException e) {
            throw new VirtException(ErrorCode.RESOURCE_BUSY, "too many calls in progress into driver '" + name
                    + "'; " + op.apiName() + " refused");
        }
        inFlight.add(f);
        try {
            if (gone) {
                f.cancel(true);
            }
            long limit = timeouts.get().millisFor(op.duration());
            return limit > 0 ? f.get(limit, TimeUnit.MILLISECONDS) : f.get();
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new VirtException(ErrorCode.OPERATION_TIMEOUT, "Timed out during operation: " + op.apiName()
                    + " in driver '" + name + "' did not finish within " + timeouts.get().millisFor(op.duration()) / 1000
                    + " s");
        } catch (CancellationException e) {
            throw unavailable();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new VirtException(ErrorCode.OPERATION_ABORTED, op.apiName() + " interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof VirtException) {
                throw (VirtException) c;
            }
            if (c instanceof Error) {
                throw (Error) c;
            }
            throw internal(op, c);
        } finally {
            inFlight.remove(f);
        }
    }

    /** Runs a call that returns nothing. */
    public void run(Operation op, Runnable body) {
        call(op, () -> {
            body.run();
            return null;
        });
    }

    private <T> T guard(Operation op, Supplier<T> body) {
        try {
            return body.get();
        } catch (VirtException e) {
            throw e;
        } catch (RuntimeException e) {
            if (gone) {
                // a departing bundle's classes fail in odd ways; what the caller needs to know is that it left
                throw unavailable();
            }
            throw internal(op, e);
        }
    }

    private VirtException internal(Operation op, Throwable t) {
        LOG.log(System.Logger.Level.ERROR, "driver '" + name + "' failed in " + op.apiName(), t);
        return new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: driver '" + name + "' failed in "
                + op.apiName() + ": " + t, t);
    }

    private VirtException unavailable() {
        return new VirtException(ErrorCode.DRIVER_UNAVAILABLE, "driver '" + name
                + "' is no longer available: it was uninstalled or stopped");
    }

    /** The plug-in left: fail every waiting call and every later one. */
    public void markGone() {
        gone = true;
        for (Future<?> f : inFlight) {
            f.cancel(true);
        }
    }
}
