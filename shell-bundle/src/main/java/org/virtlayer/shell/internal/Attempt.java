package org.virtlayer.shell.internal;

import java.util.function.Supplier;
import org.virtlayer.api.VirtException;

/** Runs one call into virtlayer and names what was being done if it fails, as virsh's first error line does. */
public final class Attempt {
    private Attempt() {
    }

    public static <T> T get(String context, Supplier<T> call) {
        try {
            return call.get();
        } catch (VirtException e) {
            throw new CommandFailure(context, e);
        }
    }

    public static void run(String context, Runnable call) {
        try {
            call.run();
        } catch (VirtException e) {
            throw new CommandFailure(context, e);
        }
    }
}
