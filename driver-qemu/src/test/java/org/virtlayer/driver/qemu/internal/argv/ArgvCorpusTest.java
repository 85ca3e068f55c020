package org.virtlayer.driver.qemu.internal.argv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.VirtException;

/**
 * Informational: how many of libvirt 9.0's {@code qemuxml2argvdata-x86_64-subset} cases (those built with the latest
 * capabilities) give exactly libvirt's arguments. The report goes to the test's output and to
 * {@code target/qemuxml2argv-report.txt}; the test guards the count from going down.
 */
class ArgvCorpusTest {
    /** The count reached when this report was written; a change that lowers it is a regression. */
    private static final int AT_LEAST = 31;

    @Test
    void reportOnLibvirtsCases() throws Exception {
        Path corpus = Path.of(System.getProperty("virtlayer.corpus", "../../shared/corpus/libvirt-9.0.0"))
                .resolve("qemuxml2argvdata-x86_64-subset");
        assertThat(corpus.resolve("MANIFEST.tsv")).as("libvirt's test data (shared/corpus)").exists();
        int latest = 0;
        int same = 0;
        int refusedAsLibvirt = 0;
        int parseErrorCases = 0;
        int nocaps = 0;
        TreeMap<String, String> differences = new TreeMap<>();
        List<String> matching = new ArrayList<>();
        for (String row : Files.readAllLines(corpus.resolve("MANIFEST.tsv"))) {
            String[] f = row.split("\t");
            if (f.length < 2 || f[0].equals("name")) {
                continue;
            }
            String name = f[0];
            String xml = Files.readString(corpus.resolve(name + ".xml"));
            switch (f[1]) {
                case "DO_TEST_CAPS_LATEST" -> {
                    latest++;
                    Path args = corpus.resolve(name + ".x86_64-latest.args");
                    if (!Files.exists(args)) {
                        differences.put(name, "libvirt expects an error here (" + name + ".x86_64-latest.err)");
                        continue;
                    }
                    List<String> want = LibvirtArgs.expected(args);
                    List<String> got;
                    try {
                        got = LibvirtArgs.ours(xml);
                    } catch (VirtException | IllegalArgumentException e) {
                        differences.put(name, "refused: " + e.getMessage());
                        continue;
                    }
                    if (got.equals(want)) {
                        same++;
                        matching.add(name);
                    } else {
                        differences.put(name, firstDifference(want, got));
                    }
                }
                case "DO_TEST_CAPS_LATEST_PARSE_ERROR" -> {
                    parseErrorCases++;
                    try {
                        LibvirtArgs.ours(xml);
                    } catch (VirtException | IllegalArgumentException e) {
                        refusedAsLibvirt++;
                    }
                }
                default -> nocaps++;
            }
        }
        StringBuilder report = new StringBuilder();
        report.append("qemuxml2argv (libvirt 9.0, x86_64 subset): ").append(same).append(" of ").append(latest)
                .append(" DO_TEST_CAPS_LATEST cases give libvirt's exact arguments (descriptor numbers aside)\n");
        report.append("  parse-error cases refused as libvirt refuses them: ").append(refusedAsLibvirt).append(" of ")
                .append(parseErrorCases).append("\n");
        report.append("  DO_TEST_NOCAPS cases (QEMU without capabilities, pre-JSON syntax) not compared: ")
                .append(nocaps).append("\n");
        report.append("  matching: ").append(String.join(" ", matching)).append("\n");
        differences.forEach((k, v) -> report.append("  ").append(k).append(": ").append(v).append("\n"));
        System.out.print(report);
        Files.writeString(Path.of("target/qemuxml2argv-report.txt"), report);
        assertThat(same).as("cases giving libvirt's arguments").isGreaterThanOrEqualTo(AT_LEAST);
    }

    private static String firstDifference(List<String> want, List<String> got) {
        for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
            String w = i < want.size() ? want.get(i) : "(end)";
            String g = i < got.size() ? got.get(i) : "(end)";
            if (!w.equals(g)) {
                return "argument " + i + ": libvirt '" + abbreviate(w) + "', ours '" + abbreviate(g) + "'";
            }
        }
        return "same";
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
