package org.virtlayer.bench.xml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * libvirt's side: one virsh process on {@code test:///default} fed a script of {@code define FILE} and
 * {@code dumpxml NAME} commands on standard input, so that what is timed is libvirt's parsing and formatting, not
 * process start-up (an empty script is timed too, and subtracted).
 */
final class VirshRunner {
    private final Path work;

    VirshRunner(Path work) {
        this.work = work;
    }

    /** Writes each document to a file; returns the files in order. */
    List<Path> write(List<BenchDocuments.Doc> docs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (BenchDocuments.Doc d : docs) {
            Path f = work.resolve(d.name() + ".xml");
            Files.writeString(f, d.xml(), StandardCharsets.UTF_8);
            files.add(f);
        }
        return files;
    }

    /** The script for {@code rounds} rounds of define + dumpxml over the documents. */
    static String script(List<BenchDocuments.Doc> docs, List<Path> files, int rounds) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < docs.size(); i++) {
                sb.append("define ").append(files.get(i)).append('\n');
                sb.append("dumpxml ").append(docs.get(i).name()).append('\n');
            }
        }
        return sb.toString();
    }

    record Run(long nanos, String output) {
    }

    /** Runs one virsh process with the script on its standard input. */
    Run run(String script) throws IOException, InterruptedException {
        Path in = Files.createTempFile(work, "script", ".virsh");
        Files.writeString(in, script, StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder("virsh", "-c", "test:///default");
        pb.redirectInput(in.toFile());
        pb.redirectErrorStream(true);
        long start = System.nanoTime();
        Process p = pb.start();
        byte[] out;
        try (InputStream s = p.getInputStream()) {
            out = s.readAllBytes();
        }
        int rc = p.waitFor();
        long nanos = System.nanoTime() - start;
        if (rc != 0 && out.length == 0) {
            throw new IOException("virsh exited with " + rc);
        }
        return new Run(nanos, new String(out, StandardCharsets.UTF_8));
    }
}
