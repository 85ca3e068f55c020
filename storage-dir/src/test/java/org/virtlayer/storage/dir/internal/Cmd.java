package org.virtlayer.storage.dir.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.virtlayer.spi.kit.Json;

/** Runs a command for a test (qemu-img, stat) and returns its output; fails the test if it fails. */
final class Cmd {
    private Cmd() {
    }

    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
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

    /** What qemu-img says of an image, read with the given format. */
    @SuppressWarnings("unchecked")
    static java.util.Map<String, Object> qemuImgInfo(java.nio.file.Path image, String format) {
        return (java.util.Map<String, Object>) Json.parse(run("qemu-img", "info", "--output=json", "-U", "-f", format,
                image.toString()));
    }

    /** Bytes the file occupies on the disk (st_blocks * 512). */
    static long allocatedBytes(java.nio.file.Path file) {
        return Long.parseLong(run("stat", "-c", "%b", file.toString()).strip()) * 512;
    }
}
