package org.virtlayer.core.internal.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Quiet reads of kernel files under a root folder ({@code /} on a real host, a fixture tree in tests).
 *
 * <p>/proc and /sys differ between kernels, containers and architectures: a file may be missing, unreadable, empty
 * or hold something unexpected. Every method here answers "nothing" instead of throwing, and callers choose the
 * fallback, so introspection degrades rather than fails.
 */
final class HostFiles {
    static final String CPU_DIR = "sys/devices/system/cpu";
    static final String NODE_DIR = "sys/devices/system/node";

    private final Path root;

    HostFiles(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** {@code relative} is a path like {@code sys/devices/system/cpu/online}, without leading slash. */
    Path path(String relative) {
        return root.resolve(relative);
    }

    boolean exists(String relative) {
        try {
            return Files.exists(path(relative));
        } catch (SecurityException e) {
            return false;
        }
    }

    /** The whole file, or null when it cannot be read. Bytes that are not UTF-8 are replaced, never fatal. */
    String read(String relative) {
        try {
            // readAllBytes reads to EOF, which matters for /proc files that report a size of 0
            return new String(Files.readAllBytes(path(relative)), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** The first line, trimmed, or null. */
    String readLine(String relative) {
        String text = read(relative);
        if (text == null) {
            return null;
        }
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).trim();
    }

    /** A file holding one integer (possibly negative), as most sysfs attributes do. */
    OptionalLong readLong(String relative) {
        return parseLong(readLine(relative));
    }

    /**
     * The first line that starts with {@code prefix}, read lazily: for files such as /proc/self/smaps that can be
     * long while the answer is near the top.
     */
    String firstLineStartingWith(String relative, String prefix) {
        try (BufferedReader reader = Files.newBufferedReader(path(relative), StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return null;
        }
        return null;
    }

    /** Names in a directory, sorted; empty when it is missing or unreadable. */
    List<String> list(String relativeDir) {
        try (Stream<Path> entries = Files.list(path(relativeDir))) {
            List<String> names = new ArrayList<>();
            entries.forEach(p -> names.add(p.getFileName().toString()));
            names.sort(null);
            return names;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return List.of();
        }
    }

    /**
     * The numbers N of the entries named {@code prefix + N} in a directory ({@code node0}, {@code cpu12}), ascending.
     * Entries such as {@code cpufreq} or {@code cpuidle} do not match.
     */
    TreeSet<Integer> numberedEntries(String relativeDir, String prefix) {
        Pattern pattern = Pattern.compile(Pattern.quote(prefix) + "(\\d{1,7})");
        TreeSet<Integer> numbers = new TreeSet<>();
        for (String name : list(relativeDir)) {
            Matcher m = pattern.matcher(name);
            if (m.matches()) {
                numbers.add(Integer.parseInt(m.group(1)));
            }
        }
        return numbers;
    }

    static OptionalLong parseLong(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        String t = text.trim();
        if (t.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(t));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
