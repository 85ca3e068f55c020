package org.virtlayer.itests.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The network namespace a test's node works in ({@code ip netns}), and what the host's own namespace holds, to show
 * that the test left it as it was.
 */
final class TestNetns {
    private TestNetns() {
    }

    /** A new namespace with its loopback up. */
    static String create(String prefix) {
        String name = prefix + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
        run("ip", "netns", "add", name);
        run("ip", "-n", name, "link", "set", "lo", "up");
        return name;
    }

    /** Ends every process left in the namespace, then deletes it, and every device in it. */
    static void delete(String name) {
        for (String pid : run(List.of("ip", "netns", "pids", name), true).split("\\s+")) {
            if (!pid.isBlank()) {
                ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        run(List.of("ip", "netns", "del", name), true);
    }

    /** A command's output, run inside the namespace. */
    static String exec(String ns, String... command) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        c.addAll(List.of(command));
        return run(c, false);
    }

    /** The names of the namespace's network interfaces (null: the host's own). */
    static List<String> links(String ns) {
        List<String> out = new ArrayList<>();
        String listing = ns == null ? run("ip", "-o", "link", "show") : run("ip", "-n", ns, "-o", "link", "show");
        for (String line : listing.split("\n")) {
            String[] f = line.split(":\\s+");
            if (f.length > 1) {
                out.add(f[1].split("@")[0]);
            }
        }
        return out;
    }

    /** One interface as {@code ip -d -o link show} describes it in the namespace. */
    static String link(String ns, String dev) {
        return run("ip", "-n", ns, "-d", "-o", "link", "show", "dev", dev);
    }

    /** The host's own interfaces, addresses and nftables tables. */
    static String hostSnapshot() {
        return links(null) + "\n" + run("ip", "-o", "addr", "show").replaceAll("valid_lft.*", "") + run("nft", "list",
                "tables");
    }

    static String run(String... command) {
        return run(List.of(command), false);
    }

    private static String run(List<String> command, boolean mayFail) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            if (rc != 0 && !mayFail) {
                throw new AssertionError(String.join(" ", command) + " exited with " + rc + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
