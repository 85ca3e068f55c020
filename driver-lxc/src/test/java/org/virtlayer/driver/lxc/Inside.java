package org.virtlayer.driver.lxc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.virtlayer.linux.ProcStat;

/** What a container looks like from inside, read through its init's {@code /proc} entries and util-linux nsenter. */
final class Inside {
    private Inside() {
    }

    /** A file as the container sees it. */
    static Path path(int initPid, String inside) {
        return Path.of("/proc/" + initPid + "/root" + inside);
    }

    /** The PIDs the container's own /proc lists, in its PID namespace's numbering. */
    static List<Integer> visiblePids(int initPid) throws IOException {
        List<Integer> out = new ArrayList<>();
        try (var s = Files.list(path(initPid, "/proc"))) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.chars().allMatch(Character::isDigit)) {
                    out.add(Integer.parseInt(n));
                }
            }
        }
        return out;
    }

    /** Runs a command in some of the container's namespaces ({@code nsenter} options: {@code -u}, {@code -n}). */
    static String run(int initPid, String nsOptions, String... cmd) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("/usr/bin/nsenter", "-t", Integer.toString(initPid)));
        c.addAll(List.of(nsOptions.split(" ")));
        c.add("--");
        c.addAll(List.of(cmd));
        return LxcFixture.run(c);
    }

    /** A namespace's identity ({@code net:[4026532...]}) of a process. */
    static String namespace(Object pid, String kind) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/" + kind)).toString();
    }

    /** A field of /proc/PID/status. */
    static String status(int pid, String field) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith(field + ":")) {
                return l.substring(field.length() + 1).strip();
            }
        }
        throw new AssertionError("no " + field + " in /proc/" + pid + "/status");
    }

    /** True once a process is gone or a zombie (a process no longer this JVM's child is reaped by another). */
    static boolean ended(int pid) {
        return ProcStat.of(pid).map(ProcStat::exited).orElse(true);
    }

    /** Waits for a file to appear (the container writing it). */
    static void awaitFile(Path p, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!Files.exists(p)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(p + " did not appear within " + timeoutMillis + " ms");
            }
            Thread.sleep(1);
        }
    }
}
