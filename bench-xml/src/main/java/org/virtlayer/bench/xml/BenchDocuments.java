package org.virtlayer.bench.xml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The corpus domain documents both sides are timed on: genericxml2xml's inputs and the qemuxml2argv subset's, each
 * given a unique name and no UUID so that defining them all on one libvirt test node never collides.
 */
final class BenchDocuments {
    private static final Pattern NAME = Pattern.compile("<name>[^<]*</name>");
    private static final Pattern UUID = Pattern.compile("\\s*<uuid>[^<]*</uuid>");

    private BenchDocuments() {
    }

    record Doc(String name, String source, String xml) {
    }

    static List<Doc> load(Path corpus) throws IOException {
        List<Doc> out = new ArrayList<>();
        for (String dir : List.of("genericxml2xmlindata", "qemuxml2argvdata-x86_64-subset")) {
            try (Stream<Path> s = Files.list(corpus.resolve(dir))) {
                for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".xml")).sorted().toList()) {
                    String xml = Files.readString(p, StandardCharsets.UTF_8);
                    if (!xml.stripLeading().startsWith("<domain")) {
                        continue;
                    }
                    String name = "bench-" + out.size();
                    xml = NAME.matcher(xml).replaceFirst("<name>" + name + "</name>");
                    xml = UUID.matcher(xml).replaceFirst("");
                    out.add(new Doc(name, dir + "/" + p.getFileName(), xml));
                }
            }
        }
        return out;
    }
}
