package org.virtlayer.xml.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Runs every case of libvirt's XML round-trip sets and prints, per set, {@code conformance <set>: N passed, M failed}
 * and the names that failed. On the default corpus a set below its committed floor
 * ({@code conformance-floors.properties}: the least number of cases that must pass) fails the build; on a corpus
 * named by {@code VIRTLAYER_CORPUS} the lines are printed and no floor applies.
 */
class ConformanceSuiteTest {
    @Test
    void everySetReachesItsFloor() throws IOException {
        Corpus corpus = Corpus.locate();
        assertThat(corpus.root()).as("libvirt corpus folder").isDirectory();
        ConformanceSets sets = new ConformanceSets(corpus);
        List<SetReport> reports = new ArrayList<>();
        for (String set : ConformanceSets.NAMES) {
            SetReport r = sets.run(set);
            r.print(System.out);
            reports.add(r);
        }
        if (!corpus.isDefault()) {
            return;
        }
        Properties floors = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/conformance-floors.properties")) {
            assertThat(in).as("conformance-floors.properties").isNotNull();
            floors.load(in);
        }
        for (SetReport r : reports) {
            String floor = floors.getProperty(r.set());
            assertThat(floor).as("floor for " + r.set()).isNotNull();
            assertThat(r.results()).as("cases in " + r.set()).isNotEmpty();
            assertThat(r.passed()).as("cases of " + r.set() + " passing (floor " + floor + ")")
                    .isGreaterThanOrEqualTo(Long.parseLong(floor.strip()));
        }
    }
}
