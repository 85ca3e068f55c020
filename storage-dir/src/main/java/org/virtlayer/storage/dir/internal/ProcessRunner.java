package org.virtlayer.storage.dir.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/**
 * Runs one program (qemu-img, fallocate) to its end and returns what it printed. The arguments go to the program as
 * they are, never through a shell, so a volume name can never become a command. There is no timeout of its own: a
 * copy of a large volume takes as long as it takes, and a caller's wait is bounded by the core's call timeouts, whose
 * interruption ends the program.
 */
final class ProcessRunner {
    /** What a finished program left. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs the program; a non-zero exit is an error naming the program and quoting its complaint. */
    String run(List<String> command) {
        Result r = runAllowingFailure(command);
        if (r.exitCode() != 0) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: Child process (" + String.join(" ",
                    command) + ") unexpected exit status " + r.exitCode() + ": " + r.stderr().strip());
        }
        return r.stdout();
    }

    Result runAllowingFailure(List<String> command) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        // stderr is drained on its own so that a chatty program cannot block on a full pipe while we read stdout
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try {
            String out = readAll(p.getInputStream());
            return new Result(p.waitFor(), out, err.get());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new VirtException(ErrorCode.OPERATION_ABORTED, command.get(0) + " interrupted");
        } catch (ExecutionException | UncheckedIOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot read the output of " + command.get(0), e);
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
