package org.virtlayer.network.bridge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/**
 * Runs the programs that change the node's network (ip, nft, dnsmasq, tee on /proc/sys), every one of them through
 * here: with a network namespace configured, each runs inside it ({@code ip netns exec NS ...}), so the backend
 * cannot touch any other namespace's devices, rules or settings. Arguments go to the program as they are, never
 * through a shell.
 */
final class HostCommands {
    /** What a finished program left. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private static final long TIMEOUT_SECONDS = 60;

    private final String namespace;

    /** @param namespace the {@code ip netns} name to work in, or null for this process's own namespace */
    HostCommands(String namespace) {
        this.namespace = namespace == null || namespace.isBlank() ? null : namespace.strip();
    }

    /** The namespace the networks live in, or null for the host's own. */
    String namespace() {
        return namespace;
    }

    String run(List<String> command) {
        return check(command, runAllowingFailure(command, null));
    }

    /** Runs the program with {@code input} on its standard input (an nft script, an ip batch). */
    String run(List<String> command, String input) {
        return check(command, runAllowingFailure(command, input));
    }

    private static String check(List<String> command, Result r) {
        if (r.exitCode() != 0) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: Child process (" + String.join(" ",
                    command) + ") unexpected exit status " + r.exitCode() + ": " + r.stderr().strip());
        }
        return r.stdout();
    }

    Result runAllowingFailure(List<String> command, String input) {
        List<String> full = new ArrayList<>();
        if (namespace != null) {
            full.addAll(List.of("ip", "netns", "exec", namespace));
        }
        full.addAll(command);
        Process p;
        try {
            p = new ProcessBuilder(full).start();
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try {
            try (OutputStream in = p.getOutputStream()) {
                if (input != null) {
                    in.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out = readAll(p.getInputStream());
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new VirtException(ErrorCode.OPERATION_TIMEOUT, command.get(0) + " did not finish within "
                        + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), out, err.get());
        } catch (IOException | UncheckedIOException | ExecutionException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot talk to " + command.get(0) + ": " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new VirtException(ErrorCode.OPERATION_ABORTED, command.get(0) + " interrupted");
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
