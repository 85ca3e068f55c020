package org.virtlayer.network.bridge.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Network namespaces for the tests: everything the backend does under test happens in one of these, never in the
 * host's own namespace.
 */
final class Netns {
    private Netns() {
    }

    /** A new namespace with its loopback up. */
    static String create(String prefix) {
        String name = prefix + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
        run("ip", "netns", "add", name);
        run("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
        return name;
    }

    /** Ends every process left in the namespace, then deletes it (and with it every device in it). */
    static void delete(String name) {
        String pids = runAllowingFailure("ip", "netns", "pids", name);
        for (String pid : pids.split("\\s+")) {
            if (!pid.isBlank()) {
                ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        runAllowingFailure("ip", "netns", "del", name);
    }

    /** Runs a command inside the namespace and returns its output; fails the test if it fails. */
    static String exec(String ns, String... command) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        c.addAll(List.of(command));
        return run(c.toArray(String[]::new));
    }

    static boolean succeeds(String ns, String... command) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        c.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            if (rc != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + rc + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String runAllowingFailure(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** True if the process exists and is not a zombie waiting for init to reap it (its State line in /proc). */
    static boolean alive(long pid) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("State:")) {
                    return !line.contains("zombie") && !line.contains("dead");
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** What the host's own namespace has: device names and nftables tables, to show the tests left it alone. */
    static String hostSnapshot() {
        StringBuilder b = new StringBuilder();
        for (String line : run("ip", "-o", "link", "show").split("\n")) {
            String[] f = line.split(":\\s+");
            if (f.length > 1) {
                b.append(f[1].split("@")[0]).append('\n');
            }
        }
        b.append(run("nft", "list", "tables"));
        b.append(run("ip", "-o", "addr", "show").replaceAll("valid_lft.*", ""));
        return b.toString();
    }
}
