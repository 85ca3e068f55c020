package org.virtlayer.driver.test.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainDefineFlag;
import org.virtlayer.api.DomainXmlFlag;
import org.virtlayer.api.VirtException;
import org.virtlayer.core.internal.ConnectionFactoryImpl;
import org.virtlayer.xml.fuzz.XmlMutator;

/**
 * Damaged domain XML defined on a real test:///default connection for a bounded time
 * ({@code -Dvirtlayer.fuzz.seconds}, default 10 here): every define succeeds or throws {@link VirtException}, within
 * a per-case timeout, and a define that fails leaves the node's domain list and every domain's XML as they were.
 */
class DefineFuzzTest {
    private static final long CASE_TIMEOUT_SECONDS = 10;

    private ConnectionFactoryImpl factory;
    private Connection conn;

    @BeforeEach
    void open() {
        factory = TestFactories.withTestDriver();
        conn = factory.open("test:///default");
    }

    @AfterEach
    void close() {
        conn.close();
        factory.deactivate();
    }

    @Test
    void failedDefinesLeaveTheNodeUnchanged() throws Exception {
        long seconds = Long.getLong("virtlayer.fuzz.seconds", 10);
        long seed = Long.getLong("virtlayer.fuzz.seed", System.nanoTime());
        List<byte[]> seeds = seeds();
        assertThat(seeds).hasSizeGreaterThan(10);
        Random random = new Random(seed);
        XmlMutator mutator = new XmlMutator(random);
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "define-fuzz-case");
            t.setDaemon(true);
            return t;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int cases = 0;
        int defined = 0;
        try {
            Map<String, String> before = snapshot();
            while (System.nanoTime() < deadline) {
                byte[] damaged = mutator.mutate(seeds.get(random.nextInt(seeds.size())));
                String xml = new String(damaged, StandardCharsets.UTF_8);
                boolean validate = random.nextInt(8) == 0;
                Future<Domain> outcome = worker.submit(() -> validate
                        ? conn.defineDomain(xml, DomainDefineFlag.VALIDATE) : conn.defineDomain(xml));
                cases++;
                Domain d;
                try {
                    d = outcome.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    outcome.cancel(true);
                    throw new AssertionError("define " + cases + " (seed " + seed + ") ran over "
                            + CASE_TIMEOUT_SECONDS + " s: " + xml);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof VirtException)) {
                        throw new AssertionError("define " + cases + " (seed " + seed + ") threw " + e.getCause()
                                + " instead of VirtException for: " + xml, e.getCause());
                    }
                    assertThat(snapshot()).as("node after failed define %d (seed %d)", cases, seed)
                            .isEqualTo(before);
                    continue;
                }
                defined++;
                if (!before.containsKey(d.name()) && !d.isActive()) {
                    // keep the node small: a domain the fuzz added goes again
                    d.undefine();
                }
                before = snapshot();
            }
        } finally {
            worker.shutdownNow();
        }
        System.out.println("define fuzz: " + cases + " damaged domains in " + seconds + " s (seed " + seed + "), "
                + defined + " defined, " + (cases - defined) + " refused with the node unchanged");
        assertThat(cases).isGreaterThan(50);
    }

    /** Every domain's name with its live and persistent XML. */
    private Map<String, String> snapshot() {
        Map<String, String> out = new TreeMap<>();
        for (Domain d : conn.listDomains()) {
            out.put(d.name(), d.xml() + "\n--inactive--\n" + d.xml(DomainXmlFlag.INACTIVE));
        }
        return out;
    }

    /** Domain documents from the corpus, turned into test driver domains, and the default node's own domain. */
    private List<byte[]> seeds() throws IOException {
        List<byte[]> out = new ArrayList<>();
        out.add(conn.lookupDomainByName("test").xml(DomainXmlFlag.INACTIVE).getBytes(StandardCharsets.UTF_8));
        Path corpus = Path.of(System.getProperty("virtlayer.repoRoot", ".."))
                .toAbsolutePath().normalize().resolveSibling("shared").resolve("corpus").resolve("libvirt-9.0.0");
        String env = System.getenv("VIRTLAYER_CORPUS");
        if (env != null && !env.isBlank()) {
            corpus = Path.of(env);
        }
        for (String dir : List.of("genericxml2xmlindata", "domainschemadata")) {
            Path d = corpus.resolve(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> s = Files.list(d)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
                    String xml = Files.readString(p, StandardCharsets.UTF_8)
                            .replaceFirst("<domain type=['\"][a-z]+['\"]", "<domain type='test'");
                    out.add(xml.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
