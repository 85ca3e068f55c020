package org.virtlayer.linux;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * iproute2's {@code ip -batch -} run once for several changes of the same devices ({@link Veth}, {@link Tap}), in a
 * named network namespace ({@code ip -n NAME}) or this process's, and {@code ip} queries of a namespace whose
 * {@code /sys/class/net} this process cannot see. Lines are built by the callers from checked words only: no value of
 * a definition can add a command of its own.
 */
final class IpBatch {
    private IpBatch() {
    }

    static void run(String namespace, String batch) {
        ip(namespace, List.of("-batch", "-"), batch);
    }

    /**
     * What {@code ip [-n NAMESPACE] ARGS} prints, for a query such as {@code -o link show dev NAME}.
     *
     * @throws LinuxException naming what {@code ip} said when it fails (no such device, no such namespace)
     */
    static String query(String namespace, String... args) {
        return ip(namespace, List.of(args), null);
    }

    private static String ip(String namespace, List<String> args, String stdin) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Files.isExecutable(Path.of("/usr/sbin/ip")) ? "/usr/sbin/ip" : "/sbin/ip");
        if (namespace != null) {
            cmd.add("-n");
            cmd.add(namespace);
        }
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.US_ASCII));
                }
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new LinuxException("ip " + args.get(0) + ": no answer within 10 s", Syscalls.ETIMEDOUT);
            }
            if (p.exitValue() != 0) {
                // a batch is quoted as before: ip -batch (LINE;LINE): what ip said
                String what = stdin == null ? String.join(" ", args)
                        : "-batch (" + stdin.strip().replace('\n', ';') + ")";
                throw new LinuxException("ip " + (namespace == null ? "" : "-n " + namespace + " ") + what + ": "
                        + out, Syscalls.EINVAL);
            }
            return out;
        } catch (IOException e) {
            throw new LinuxException("cannot run " + cmd.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinuxException("interrupted running ip", Syscalls.EINTR);
        }
    }

    /** A device name as one batch word: IFNAMSIZ is 16 with the NUL, batch lines are split on blanks. */
    static String name(String n) {
        if (n == null || n.isEmpty() || n.length() > 15 || !n.matches("[A-Za-z0-9_.:@-]+")) {
            throw new IllegalArgumentException("invalid interface name '" + n + "'");
        }
        return n;
    }

    /** An address or MAC as one batch word: nothing but what those are made of. */
    static String address(String w) {
        if (w == null || !w.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("invalid address '" + w + "'");
        }
        return w;
    }
}
