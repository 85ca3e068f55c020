package org.virtlayer.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.virtlayer.api.ErrorCode;

/** virtlayer's own Karaf: it boots with the console and the test driver, configured as its README says. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DistributionIT {
    private final Scratch scratch = new Scratch();

    @After
    public void removeScratchFolders() {
        scratch.clean();
    }

    @Inject
    SessionFactory sessions;

    /** Injected once the boot features are installed: the tests start with every boot command registered. */
    @Inject
    BootFinished bootFinished;

    @Inject
    FeaturesService featuresService;

    @Configuration
    public Option[] config() {
        return KarafOptions.distribution();
    }

    private CommandResult run(String command) {
        try (Console c = new Console(sessions)) {
            return c.run(command);
        }
    }

    private List<String> ok(String command) {
        CommandResult r = run(command);
        assertFalse(r.toString(), r.failed());
        return r.lines();
    }

    private List<String> okWhenReady(String command) {
        return Waits.until(command + " to answer", Duration.ofSeconds(30), Duration.ofMillis(50), () -> {
            CommandResult r = run(command);
            return r.failed() ? null : r.lines();
        });
    }

    private static Properties properties(String etcFile) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(System.getProperty("karaf.etc"), etcFile))) {
            p.load(r);
        }
        return p;
    }

    @Test
    public void bootsWithTheConsoleAndTheTestDriver() throws Exception {
        okWhenReady("virt:list --name");
        assertEquals(List.of("1\ttest\trunning"), run("virt:list --all --no-format").rows());
        for (String feature : List.of("virtlayer-core", "virtlayer-shell", "virtlayer-driver-test")) {
            assertTrue(feature, featuresService.isInstalled(featuresService.getFeature(feature)));
        }
        assertTrue(run("virt:driver-list --no-format").rows().get(0).startsWith("hypervisor\ttest\ttest://\t"));
    }

    @Test
    public void shipsItsSettingsInEtc() throws IOException {
        // Pax Exam rewrites the files it edits (a free SSH port here): read them as properties
        assertEquals("127.0.0.1", properties("org.apache.karaf.shell.cfg").getProperty("sshHost"));
        assertEquals("karaf,_g_:admingroup", properties("users.properties").getProperty("karaf"));
        assertEquals("test:///default", properties("org.virtlayer.shell.cfg").getProperty("uri"));
        assertEquals(List.of("test:///default"), ok("config:property-get --pid org.virtlayer.shell uri"));
    }

    @Test
    public void theConfiguredUriIsTheDefault() throws IOException {
        okWhenReady("virt:uri");
        Path node = scratch.folder().resolve("node.xml");
        Files.writeString(node, "<node><domain type='test'><name>configured</name><memory>65536</memory>"
                + "<vcpu>1</vcpu><os><type>hvm</type></os></domain></node>");
        ok("config:property-set --pid org.virtlayer.shell uri test://" + node);
        try {
            assertEquals(List.of("configured"), Waits.until("the new default URI", Duration.ofSeconds(30),
                    Duration.ofMillis(50), () -> {
                        CommandResult r = run("virt:list --name");
                        return !r.failed() && r.lines().equals(List.of("configured")) ? r.lines() : null;
                    }));
        } finally {
            ok("config:property-set --pid org.virtlayer.shell uri test:///default");
        }
        assertEquals(List.of("test"), Waits.until("the default URI back", Duration.ofSeconds(30),
                Duration.ofMillis(50), () -> {
                    CommandResult r = run("virt:list --name");
                    return !r.failed() && r.lines().equals(List.of("test")) ? r.lines() : null;
                }));
    }

    @Test
    public void theDriverLeavesAndComesBackOffline() throws Exception {
        okWhenReady("virt:list --name");
        CommandResult uninstall = run("feature:uninstall virtlayer-driver-test");
        assertFalse(uninstall.toString(), uninstall.failed());
        CommandResult gone = run("virt:list");
        assertTrue(gone.toString(), gone.failed());
        assertEquals(gone.toString(), 1, gone.lines().size());
        assertTrue(gone.toString(), gone.lines().get(0).startsWith("Error: failed to connect to 'test:///default'"));
        assertEquals(Optional.of(ErrorCode.DRIVER_UNAVAILABLE), gone.code());
        long start = System.nanoTime();
        // the distribution carries the feature's bundles in system/: no network needed
        CommandResult install = run("feature:install virtlayer-driver-test");
        assertFalse(install.toString(), install.failed());
        assertEquals(List.of("test"), okWhenReady("virt:list --name"));
        Timings.record("distribution: feature:install virtlayer-driver-test -> first answered virt:list",
                (System.nanoTime() - start) / 1_000_000);
    }
}
