package org.virtlayer.itests.karaf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Temporary folders a test makes inside the container, removed after it so that runs leave nothing in /tmp. */
final class Scratch {
    private final List<Path> made = new ArrayList<>();

    Path folder() throws IOException {
        Path dir = Files.createTempDirectory("virt-itest");
        made.add(dir);
        return dir;
    }

    void clean() {
        for (Path dir : made) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + dir, e);
            }
        }
        made.clear();
    }
}
