package org.virtlayer.itests.karaf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** Appends a measured figure to the build's timings file (target/karaf-timings.txt), which docs/karaf.md quotes. */
final class Timings {
    private Timings() {
    }

    static void record(String what, long millis) {
        String line = Instant.now() + "\t" + what + "\t" + millis + " ms\t" + Runtime.getRuntime().availableProcessors()
                + " CPUs\n";
        System.out.print("TIMING " + line);
        String file = System.getProperty(KarafOptions.TIMINGS_FILE);
        if (file == null) {
            return;
        }
        try {
            Files.writeString(Path.of(file), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("cannot write " + file + ": " + e);
        }
    }
}
