package org.virtlayer.driver.qemu.internal.node;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * A domain's QEMU log ({@code log/NAME.log}), as libvirt keeps it: a "starting up" line with the environment and
 * command line, QEMU's own output, a "shutting down" line with the reason. A failed start reports what QEMU printed.
 */
final class DomainLog {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSxx");

    private DomainLog() {
    }

    /** Appends the start header; returns the log's size before it, where this run's output begins. */
    static long starting(Path log, Map<String, String> env, List<String> argv) {
        StringBuilder sb = new StringBuilder();
        sb.append(now()).append(": starting up\n");
        env.forEach((k, v) -> sb.append(k).append('=').append(v).append(" \\\n"));
        for (int i = 0; i < argv.size(); i++) {
            sb.append(argv.get(i)).append(i + 1 < argv.size() ? " \\\n" : "\n");
        }
        try {
            long size = Files.exists(log) ? Files.size(log) : 0;
            Files.writeString(log, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return size + sb.toString().getBytes(StandardCharsets.UTF_8).length;
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

    /** What QEMU wrote since {@code offset}, its last lines, for an error message. */
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
