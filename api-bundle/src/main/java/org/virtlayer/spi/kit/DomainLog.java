package org.virtlayer.spi.kit;

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
 * A domain's log file as libvirt keeps one per domain ({@code NAME.log}): a timestamped "starting up" header, what the
 * domain's processes print, a "shutting down, reason=..." line. A failed start quotes what was printed since its
 * header. Writing a log line never fails an operation.
 */
public final class DomainLog {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSxx");
    /** How much of the end of a failed start's output an error quotes. */
    private static final int QUOTED_BYTES = 2000;

    private DomainLog() {
    }

    /**
     * Appends {@code "TIMESTAMP: starting up"} and the rest of the header ({@code details}: on the same line when it
     * starts with a space, on the next ones when it starts with a newline).
     *
     * @return the log's size after the header: where this run's output begins
     */
    public static long starting(Path log, String details) {
        try {
            Files.writeString(log, now() + ": starting up" + details + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return Files.size(log);
        } catch (IOException e) {
            return 0;
        }
    }

    public static void stopped(Path log, String reason) {
        try {
            Files.writeString(log, now() + ": shutting down, reason=" + reason + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // a log line is not worth failing for
        }
    }

    /** What was written since {@code offset}, its last lines, for an error message. */
    public static String since(Path log, long offset) {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long len = f.length();
            long from = Math.max(offset, len - QUOTED_BYTES);
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
