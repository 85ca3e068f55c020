package org.virtlayer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line saying which machine the figures come from. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        String cpu = "?";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).strip();
                    break;
                }
            }
        } catch (IOException e) {
            // keep "?"
        }
        return Runtime.getRuntime().availableProcessors() + " CPUs (" + cpu + "), "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB heap, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.version");
    }
}
