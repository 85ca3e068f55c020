package org.virtlayer.driver.lxc.internal.node;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A container's log ({@code log/NAME.log}): a "starting up" line, then what the supervisor and the console print
 * (the console keeper appends the container's output as it comes), a "shutting down" line with the reason. A failed
 * start quotes its last lines.
 */
final class DomainLog {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSxx");

    private DomainLog() {
    }

    /** Appends the start line; returns the log's size after it, where this run's output begins. */
    static long starting(Path log, String what) {
        String line = now() + ": starting up " + what + "\n";
        try {
            Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            return Files.size(log);
        } catch (IOException e) {
            return 0;
        }
    }

    static void stopped(Path log, String reason) {
        try {
            Files.writeString(log, now() + ": shutting down, reason=" + reason + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // a log line is not worth failing for
        }
    }

    /** What was written since {@code offset}, its last lines, for an error message. */
    static String since(Path log, long offset) {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long len = f.length();
            long from = Math.max(offset, len - 2000);
            if (from >= len) {
                return "";
            }
            byte[] b = new byte[(int) (len - from)];
            f.seek(from);
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).format(TS);
    }
}
