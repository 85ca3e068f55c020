package org.virtlayer.xml.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The rows of a {@code MANIFEST.tsv}: tab-separated columns, the first line a header. */
final class Manifest {
    private Manifest() {
    }

    static List<List<String>> rows(Path manifest) {
        List<String> lines;
        try {
            lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest, e);
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank()) {
                rows.add(Arrays.asList(line.split("\t", -1)));
            }
        }
        return rows;
    }
}
