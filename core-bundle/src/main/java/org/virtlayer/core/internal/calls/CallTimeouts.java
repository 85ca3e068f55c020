package org.virtlayer.core.internal.calls;

/**
 * How long a call into a driver that may block can take before its caller gets OPERATION_TIMEOUT, per
 * {@link Operation.Duration}, and how long a caller waits for a domain's job lock. 0 means no limit.
 */
public record CallTimeouts(long quickMillis, long lifecycleMillis, long longMillis, long jobLockMillis) {
    public static final CallTimeouts DEFAULT = new CallTimeouts(60_000, 300_000, 0, 30_000);

    public long millisFor(Operation.Duration d) {
        return switch (d) {
            case QUICK -> quickMillis;
            case LIFECYCLE -> lifecycleMillis;
            case LONG -> longMillis;
        };
    }
}
