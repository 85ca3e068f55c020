package org.virtlayer.itests.karaf;

import java.util.List;
import java.util.Optional;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/**
 * What a console command printed, exactly as an interactive user would see it (a failure included), and the
 * failure itself if there was one.
 */
record CommandResult(String command, String output, Throwable failure) {
    List<String> lines() {
        return output.lines().toList();
    }

    boolean failed() {
        return failure != null;
    }

    /** The virtlayer error code behind a failure, if a VirtException is among its causes. */
    Optional<ErrorCode> code() {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof VirtException v) {
                return Optional.of(v.code());
            }
        }
        return Optional.empty();
    }

    /** The rows of a {@code --no-format} table with Karaf's cell padding removed, cells joined by tabs. */
    List<String> rows() {
        return lines().stream().map(l -> String.join("\t", java.util.Arrays.stream(l.split("\t", -1))
                .map(String::strip).toList())).toList();
    }

    @Override
    public String toString() {
        return "'" + command + "' printed:\n" + output + (failure == null ? "" : "(failed: " + failure + ")");
    }
}
