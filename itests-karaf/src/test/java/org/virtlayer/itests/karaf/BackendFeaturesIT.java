package org.virtlayer.itests.karaf;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.PathUtils;
import org.virtlayer.api.ErrorCode;

/**
 * The backend features in one stock Karaf, used through the console: a dir pool and its volumes with qemu-img,
 * remote access (a certificate issued by the console, then a TLS connection with it), the QEMU driver; and each
 * feature uninstalled while the others keep working, then installed again. The core keeps its state under this
 * build's target folder (PID org.virtlayer.core), the remote server listens on a free port.
 *
 * <p>The features are installed at boot, and removed and added again without Karaf's automatic refresh ({@code -r}):
 * BouncyCastle (remote server) and JNA (QEMU driver) are optional imports of Karaf's own SSH server and console
 * library, so Karaf otherwise restarts its console when they come or go, which ends every console session, this
 * test's included (docs/karaf.md).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BackendFeaturesIT {
    private static final String WORK = "virtlayer.itest.work";
    private static final String REMOTE_PORT = "virtlayer.itest.remote.port";
    private static final String STORAGE = "virtlayer-storage-dir";
    private static final String QEMU = "virtlayer-driver-qemu";
    private static final String REMOTE_SERVER = "virtlayer-remote-server";
    private static final String REMOTE_DRIVER = "virtlayer-driver-remote";

    @Inject
    SessionFactory sessions;

    @Inject
    BootFinished bootFinished;

    @Configuration
    public Option[] config() {
        // under target/exam, which the next run's pre-integration-test phase empties; short, because the QEMU
        // driver's monitor sockets live under the runtime folder and a socket path has at most 107 bytes
        File work = new File(PathUtils.getBaseDir(), "target/exam/b-" + UUID.randomUUID().toString().substring(0, 8));
        String port = KarafOptions.freePort();
        return KarafOptions.stockKaraf(
                features(KarafOptions.featuresUrl(), "virtlayer-shell", "virtlayer-driver-test", STORAGE, QEMU,
                        REMOTE_SERVER, REMOTE_DRIVER),
                editConfigurationFilePut("etc/org.virtlayer.core.cfg", "stateDirectory",
                        new File(work, "state").getAbsolutePath()),
                editConfigurationFilePut("etc/org.virtlayer.core.cfg", "runtimeDirectory",
                        new File(work, "run").getAbsolutePath()),
                editConfigurationFilePut("etc/org.virtlayer.remote.server.cfg", "port", port),
                systemProperty(WORK).value(work.getAbsolutePath()),
                systemProperty(REMOTE_PORT).value(port));
    }

    // ---- helpers

    private static Path work() {
        return Path.of(System.getProperty(WORK));
    }

    private CommandResult run(String command) {
        try (Console c = new Console(sessions)) {
            return c.run(command, Duration.ofMinutes(2));
        }
    }

    private List<String> ok(String command) {
        CommandResult r = run(command);
        assertFalse(r.toString(), r.failed());
        return r.lines();
    }

    /**
     * The command's output once it succeeds: installing a feature may refresh the shell bundle (its optional import of
     * the remote server's package), and its commands come back a moment later.
     */
    private List<String> okWhenReady(String command) {
        CommandResult[] last = new CommandResult[1];
        try {
            return Waits.until(command + " to answer", Duration.ofSeconds(60), Duration.ofMillis(100), () -> {
                last[0] = run(command);
                return last[0].failed() ? null : last[0].lines();
            });
        } catch (AssertionError e) {
            // without the cause: Pax Exam reports only the innermost message
            throw new AssertionError(e.getMessage() + "; last answer: " + last[0]);
        }
    }

    private void install(String feature) {
        ok("feature:install -r " + feature);
    }

    private void uninstall(String feature) {
        ok("feature:uninstall -r " + feature);
    }

    private static String remoteUri(Path pki) {
        return "test+tls://127.0.0.1:" + System.getProperty(REMOTE_PORT) + "/default?pkipath=" + pki;
    }

    /** A client certificate for the remote tests, issued once through the console. */
    private Path adminPki() {
        Path pki = work().resolve("admin-pki");
        if (!Files.exists(pki.resolve("clientkey.pem"))) {
            List<String> issued = okWhenReady("virt:remote-issue --role admin --out " + pki + " itest-admin");
            assertTrue(issued.toString(), issued.get(0).startsWith("Client 'itest-admin' (admin) issued"));
        }
        return pki;
    }

    // ---- what each feature brings

    /** Without the backend, storage calls on qemu:///system fail with DRIVER_UNAVAILABLE. */
    private void storageWorks() {
        okWhenReady("virt:pool-list -c qemu:///system --all");
    }

    private void qemuWorks() {
        assertTrue(okWhenReady("virt:nodeinfo -c qemu:///system").get(0).startsWith("CPU model:"));
    }

    private void remoteServerWorks() {
        assertTrue(okWhenReady("virt:remote-status").contains("Port:           " + System.getProperty(REMOTE_PORT)));
    }

    private void remoteDriverWorks() {
        List<String> rows = okWhenReady("virt:list --all --no-format -c " + remoteUri(adminPki())).stream()
                .map(l -> String.join("\t", java.util.Arrays.stream(l.split("\t")).map(String::strip).toList()))
                .toList();
        assertEquals(List.of("1\ttest\trunning"), rows);
    }

    private List<String> driverRows() {
        return run("virt:driver-list --no-format").rows();
    }

    // ---- tests

    @Test
    public void aDirPoolAndItsVolumesThroughTheConsole() throws IOException {
        qemuWorks();
        Path folder = work().resolve("pool");
        String c = " -c qemu:///system ";
        assertEquals(List.of("Pool itest-pool defined"),
                ok("virt:pool-define-as" + c + "--target " + folder + " itest-pool dir"));
        assertTrue("the backend keeps its state under the test's folder",
                Files.exists(work().resolve("state/storage/pools/itest-pool.xml")));
        assertEquals(List.of("Pool itest-pool built"), ok("virt:pool-build" + c + "itest-pool"));
        assertTrue(Files.isDirectory(folder));
        assertEquals(List.of("Pool itest-pool started"), ok("virt:pool-start" + c + "itest-pool"));
        assertEquals(List.of("Vol disk.img created"),
                ok("virt:vol-create-as" + c + "--format raw itest-pool disk.img 4M"));

        byte[] content = new byte[(3 << 20) + 123];
        new Random(7).nextBytes(content);
        Path up = Files.write(work().resolve("up.bin"), content);
        Path down = work().resolve("down.bin");
        assertEquals(List.of(), ok("virt:vol-upload" + c + "--pool itest-pool disk.img " + up));
        assertEquals(List.of(), ok("virt:vol-download" + c + "--pool itest-pool --length " + content.length
                + " disk.img " + down));
        assertArrayEquals(content, Files.readAllBytes(down));
        assertEquals(List.of("disk.img\t" + folder.resolve("disk.img")),
                run("virt:vol-list" + c + "--no-format itest-pool").rows());
        assertEquals(List.of("Vol disk.img deleted"), ok("virt:vol-delete" + c + "--pool itest-pool disk.img"));
        assertEquals(List.of(), run("virt:vol-list" + c + "--no-format itest-pool").rows());
        assertFalse(Files.exists(folder.resolve("disk.img")));

        ok("virt:pool-destroy" + c + "itest-pool");
        ok("virt:pool-delete" + c + "itest-pool");
        ok("virt:pool-undefine" + c + "itest-pool");
        storageWorks();
    }

    @Test
    public void aCertificateIssuedByTheConsoleOpensARemoteConnection() {
        remoteServerWorks();
        Path pki = adminPki();
        for (String file : List.of("cacert.pem", "clientcert.pem", "clientkey.pem")) {
            assertTrue(file, Files.exists(pki.resolve(file)));
        }
        assertTrue(run("virt:remote-list --no-format").rows().stream().anyMatch(r -> r.startsWith("itest-admin\tadmin\t")));
        remoteDriverWorks();

        // a revoked client is refused; one issued again gets in
        Path reader = work().resolve("reader-pki");
        ok("virt:remote-issue --role read-only --out " + reader + " itest-reader");
        assertEquals(List.of("test"), ok("virt:list --name -c " + remoteUri(reader)));
        CommandResult denied = run("virt:destroy -c " + remoteUri(reader) + " test");
        assertTrue(denied.toString(), denied.failed());
        assertEquals(denied.toString(), Optional.of(ErrorCode.OPERATION_DENIED), denied.code());
        assertEquals(List.of("Client 'itest-reader' revoked"), ok("virt:remote-revoke itest-reader"));
        CommandResult revoked = run("virt:list --name -c " + remoteUri(reader));
        assertTrue(revoked.toString(), revoked.failed());
        assertEquals(revoked.toString(), 1, revoked.lines().size());
        assertTrue(revoked.toString(), revoked.lines().get(0).startsWith("Error: "));
    }

    @Test
    public void theQemuDriverIsListedAndAnswers() {
        qemuWorks();
        assertTrue(driverRows().toString(), driverRows().stream()
                .anyMatch(r -> r.startsWith("hypervisor\tqemu\tqemu://\torg.virtlayer.driver.qemu/")));
        List<String> caps = okWhenReady("virt:capabilities -c qemu:///session");
        assertEquals("<capabilities>", caps.get(0));
        assertTrue(String.join("\n", caps), caps.stream().anyMatch(l -> l.contains("<domain type='qemu'")));
    }

    @Test
    public void eachFeatureLeavesAndTheOthersKeepWorking() {
        qemuWorks();
        remoteDriverWorks();

        uninstall(STORAGE);
        CommandResult noStorage = run("virt:pool-list -c qemu:///system --all");
        assertEquals(noStorage.toString(), Optional.of(ErrorCode.DRIVER_UNAVAILABLE), noStorage.code());
        assertTrue(noStorage.toString(), noStorage.output().contains(STORAGE));
        qemuWorks();
        remoteDriverWorks();
        install(STORAGE);

        uninstall(QEMU);
        CommandResult noQemu = run("virt:nodeinfo -c qemu:///system");
        assertEquals(noQemu.toString(), Optional.of(ErrorCode.DRIVER_UNAVAILABLE), noQemu.code());
        assertTrue(driverRows().toString(), driverRows().stream().anyMatch(r -> r.startsWith("storage\t")));
        remoteDriverWorks();
        install(QEMU);
        storageWorks();

        uninstall(REMOTE_SERVER);
        assertEquals("Error: the remote server is not installed: feature:install " + REMOTE_SERVER,
                Waits.until("the remote commands to miss the server", Duration.ofSeconds(60), Duration.ofMillis(100),
                        () -> {
                            CommandResult r = run("virt:remote-status");
                            return r.failed() && r.lines().size() == 1 ? r.lines().get(0) : null;
                        }));
        qemuWorks();
        storageWorks();
        install(REMOTE_SERVER);
        // the console still holds the classes of the server it was wired to; a refresh of its own bundle (which
        // nothing else depends on) wires it to the new one, as Karaf's automatic refresh would
        ok("bundle:refresh org.virtlayer.shell");
        remoteServerWorks();

        uninstall(REMOTE_DRIVER);
        CommandResult noDriver = run("virt:list -c " + remoteUri(adminPki()));
        assertEquals(noDriver.toString(), Optional.of(ErrorCode.DRIVER_UNAVAILABLE), noDriver.code());
        remoteServerWorks();
        qemuWorks();
        storageWorks();
        install(REMOTE_DRIVER);
        remoteDriverWorks();
    }
}
