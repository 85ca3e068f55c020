package org.virtlayer.shell.internal;

import java.util.Optional;
import org.virtlayer.api.VirtException;

/**
 * Why a console command failed, as the one line the console prints after {@code Error:}: what was being done, then
 * virtlayer's message, e.g. {@code failed to get domain 'nope': Domain not found: no domain with matching name 'nope'}.
 */
public final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandFailure(String message) {
        super(message);
    }

    public CommandFailure(String context, VirtException cause) {
        super(context + ": " + cause.getMessage(), cause);
    }

    /** The virtlayer error behind this failure, if there is one (none for a bad argument or file). */
    public Optional<VirtException> virtError() {
        return getCause() instanceof VirtException v ? Optional.of(v) : Optional.empty();
    }
}
