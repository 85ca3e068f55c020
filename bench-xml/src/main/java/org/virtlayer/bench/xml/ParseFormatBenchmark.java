package org.virtlayer.bench.xml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.DomainParseOptions;

/**
 * Parse+format throughput of virtlayer's codec ({@link DomainDef#parse} then {@link DomainDef#format}) beside libvirt
 * 9.0's {@code virsh define} + {@code dumpxml} on its test driver, on the same corpus documents in the same run.
 * Prints per-document microseconds for both and their ratio. Argument: the corpus folder.
 */
public final class ParseFormatBenchmark {
    private static final DomainParseOptions LIVE = new DomainParseOptions("x86_64", false);

    private ParseFormatBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus/libvirt-9.0.0").toAbsolutePath()
                .normalize();
        List<BenchDocuments.Doc> all = BenchDocuments.load(corpus);
        Path work = Files.createTempDirectory("virtlayer-bench-xml");
        VirshRunner virsh = new VirshRunner(work);

        // only documents both sides accept are timed
        List<Path> allFiles = virsh.write(all);
        String check = virsh.run(VirshRunner.script(all, allFiles, 1)).output();
        List<BenchDocuments.Doc> docs = new ArrayList<>();
        int oursRefused = 0;
        int libvirtRefused = 0;
        for (BenchDocuments.Doc d : all) {
            boolean libvirtOk = check.contains("Domain '" + d.name() + "' defined from");
            String refusal = refusal(d.xml());
            boolean oursOk = refusal == null;
            if (libvirtOk && !oursOk) {
                System.out.println("  accepted by libvirt, refused by virtlayer: " + d.source() + ": " + refusal);
            }
            libvirtRefused += libvirtOk ? 0 : 1;
            oursRefused += oursOk ? 0 : 1;
            if (libvirtOk && oursOk) {
                docs.add(d);
            }
        }
        List<Path> files = virsh.write(docs);
        long bytes = docs.stream().mapToLong(d -> d.xml().length()).sum();

        double ours = timeOurs(docs);
        int rounds = 20;
        long empty = Long.MAX_VALUE;
        long full = Long.MAX_VALUE;
        String script = VirshRunner.script(docs, files, rounds);
        for (int i = 0; i < 3; i++) {
            empty = Math.min(empty, virsh.run("").nanos());
            full = Math.min(full, virsh.run(script).nanos());
        }
        double libvirt = (full - empty) / 1000.0 / (docs.size() * (double) rounds);

        System.out.println("xml benchmark: " + docs.size() + " domain documents (" + bytes / docs.size()
                + " characters on average) accepted by both; " + oursRefused + " refused by virtlayer, "
                + libvirtRefused + " by libvirt, of " + all.size());
        System.out.printf(Locale.ROOT, "virtlayer DomainDef.parse + format:  %8.1f us per document%n", ours);
        System.out.printf(Locale.ROOT, "libvirt 9.0 virsh define + dumpxml:  %8.1f us per document"
                + " (one virsh process, %d rounds, start-up subtracted)%n", libvirt, rounds);
        System.out.printf(Locale.ROOT, "ratio libvirt / virtlayer:           %8.1f x%n", libvirt / ours);
    }

    /** Why virtlayer refuses the document, or null when it accepts it. */
    private static String refusal(String xml) {
        try {
            DomainDef.parse(xml, LIVE).format(false, true);
            return null;
        } catch (VirtException e) {
            return e.getMessage();
        }
    }

    /** Microseconds per document, best of several timed rounds after warm-up. */
    private static double timeOurs(List<BenchDocuments.Doc> docs) {
        long sink = 0;
        // warm-up: let the JIT compile the parser and the rules
        long warm = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warm) {
            for (BenchDocuments.Doc d : docs) {
                sink += DomainDef.parse(d.xml(), LIVE).format(false, true).length();
            }
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 10; round++) {
            int reps = 20;
            long start = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                for (BenchDocuments.Doc d : docs) {
                    sink += DomainDef.parse(d.xml(), LIVE).format(false, true).length();
                }
            }
            best = Math.min(best, (System.nanoTime() - start) / 1000.0 / (reps * (double) docs.size()));
        }
        if (sink == 42) {
            System.out.println();
        }
        return best;
    }
}
