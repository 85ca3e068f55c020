package org.virtlayer.shell.internal.command;

import org.apache.karaf.shell.support.CommandException;
import org.virtlayer.api.VirtException;
import org.virtlayer.shell.internal.CommandFailure;

/**
 * A failure as the console shows it: one line, {@code Error: } and what went wrong, never a stack trace. Karaf's
 * {@link CommandException} is printed by its "nice help" alone and logged at debug level only.
 */
final class ErrorLine {
    private static final System.Logger LOG = System.getLogger(ErrorLine.class.getName());

    private ErrorLine() {
    }

    static CommandException of(Throwable t) {
        String text;
        if (t instanceof CommandFailure || t instanceof VirtException) {
            text = t.getMessage();
        } else {
            // a bug, ours or a driver's: the user gets one line, the log gets the trace
            LOG.log(System.Logger.Level.ERROR, "virt: command failed unexpectedly", t);
            text = "internal error: " + t;
        }
        String line = "Error: " + oneLine(text);
        return new CommandException(line, line, t);
    }

    /** Messages quoting XML or a driver's output may span lines; the console shows one. */
    static String oneLine(String text) {
        return text == null ? "unknown error" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
