package org.virtlayer.xml.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.LibvirtSchema;
import org.virtlayer.xml.NetworkDef;
import org.virtlayer.xml.SafeXmlParser;
import org.virtlayer.xml.SchemaValidator;
import org.virtlayer.xml.StoragePoolDef;
import org.virtlayer.xml.StorageVolDef;
import org.virtlayer.xml.XmlLimits;
import org.virtlayer.xml.conformance.Corpus;

/**
 * Corpus files damaged at random, for a bounded time ({@code -Dvirtlayer.fuzz.seconds}, default 20; a run is
 * repeated with {@code -Dvirtlayer.fuzz.seed}): every outcome is a definition or a {@link VirtException}, never another
 * exception, and no case may run longer than its timeout.
 */
class CorpusFuzzTest {
    private static final long CASE_TIMEOUT_SECONDS = 10;

    private record Seed(String kind, byte[] bytes) {
    }

    @Test
    void damagedDocumentsAreParsedOrRefusedWithTheTypedError() throws Exception {
        long seconds = Long.getLong("virtlayer.fuzz.seconds", 20);
        long seed = Long.getLong("virtlayer.fuzz.seed", System.nanoTime());
        List<Seed> seeds = seeds(Corpus.locate());
        assertThat(seeds).hasSizeGreaterThan(50);
        StoragePoolDef pool = StoragePoolDef.parse("<pool type='dir'><name>p</name><target><path>/p</path>"
                + "</target></pool>");
        Random random = new Random(seed);
        XmlMutator mutator = new XmlMutator(random);
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-case");
            t.setDaemon(true);
            return t;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int cases = 0;
        int accepted = 0;
        try {
            while (System.nanoTime() < deadline) {
                Seed s = seeds.get(random.nextInt(seeds.size()));
                byte[] damaged = mutator.mutate(s.bytes());
                boolean validate = random.nextInt(8) == 0;
                Future<Boolean> outcome = worker.submit(() -> run(s.kind(), damaged, pool, validate));
                cases++;
                try {
                    if (outcome.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        accepted++;
                    }
                } catch (TimeoutException e) {
                    outcome.cancel(true);
                    throw new AssertionError("case " + cases + " (seed " + seed + ", " + s.kind() + ") ran over "
                            + CASE_TIMEOUT_SECONDS + " s: " + text(damaged));
                } catch (ExecutionException e) {
                    throw new AssertionError("case " + cases + " (seed " + seed + ", " + s.kind() + ") threw "
                            + e.getCause() + " instead of VirtException for: " + text(damaged), e.getCause());
                }
            }
        } finally {
            worker.shutdownNow();
        }
        System.out.println("fuzz: " + cases + " damaged documents in " + seconds + " s (seed " + seed + "), "
                + accepted + " accepted, " + (cases - accepted) + " refused with VirtException");
        assertThat(cases).isGreaterThan(100);
    }

    /** True if the damaged document was accepted (and formats), false if refused with VirtException. */
    private static boolean run(String kind, byte[] bytes, StoragePoolDef pool, boolean validate) {
        try {
            String xml = SafeXmlParser.decodeUtf8(bytes, XmlLimits.DEFAULT);
            switch (kind) {
                case "domain" -> {
                    if (validate) {
                        SchemaValidator.validate(xml, LibvirtSchema.DOMAIN);
                    }
                    DomainDef d = DomainDef.parse(xml);
                    d.format(true, true);
                    d.format(false, false);
                }
                case "network" -> {
                    if (validate) {
                        SchemaValidator.validate(xml, LibvirtSchema.NETWORK);
                    }
                    NetworkDef.parse(xml).format();
                }
                case "pool" -> {
                    if (validate) {
                        SchemaValidator.validate(xml, LibvirtSchema.STORAGE_POOL);
                    }
                    StoragePoolDef.parse(xml).format(false);
                }
                default -> {
                    if (validate) {
                        SchemaValidator.validate(xml, LibvirtSchema.STORAGE_VOLUME);
                    }
                    StorageVolDef.parse(xml, pool).format();
                }
            }
            return true;
        } catch (VirtException e) {
            return false;
        }
    }

    private static List<Seed> seeds(Corpus corpus) throws IOException {
        List<Seed> out = new ArrayList<>();
        add(out, corpus.dir("genericxml2xmlindata"), "domain");
        add(out, corpus.dir("domainschemadata"), "domain");
        add(out, corpus.dir("qemuxml2argvdata-x86_64-subset"), "domain");
        add(out, corpus.dir("networkxml2xmlin"), "network");
        add(out, corpus.dir("storagepoolxml2xmlin"), "pool");
        add(out, corpus.dir("storagevolxml2xmlin"), "volume");
        return out;
    }

    private static void add(List<Seed> out, Path dir, String kind) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
                out.add(new Seed(kind, Files.readAllBytes(p)));
            }
        }
    }

    private static String text(byte[] b) {
        String s = new String(b, java.nio.charset.StandardCharsets.UTF_8);
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }
}
