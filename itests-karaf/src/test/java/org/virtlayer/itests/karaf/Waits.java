package org.virtlayer.itests.karaf;

import java.time.Duration;
import java.util.function.Supplier;

/** Bounded waiting: every wait in these tests has a limit, and says what it waited for when the limit passes. */
final class Waits {
    private Waits() {
    }

    /** Polls until {@code attempt} gives a non-null answer; its failures count as "not yet". */
    static <T> T until(String what, Duration limit, Duration every, Supplier<T> attempt) {
        long deadline = System.nanoTime() + limit.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                T answer = attempt.get();
                if (answer != null) {
                    return answer;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + limit + " for " + what
                        + (last == null ? "" : "; last failure: " + last), last);
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
