package org.virtlayer.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.virtlayer.api.ErrorCode;

/**
 * Stock Apache Karaf 4.4.10: the features repository is added and the shell and test driver installed as a user
 * would, then the virt: commands answer like virsh and fail in one line.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StockKarafConsoleIT {
    private final Scratch scratch = new Scratch();

    @After
    public void removeScratchFolders() {
        scratch.clean();
    }

    /** Every command of the console: virsh's names, and virtlayer's driver-list and remote-*. */
    private static final Set<String> COMMANDS = new TreeSet<>(List.of("connect", "uri", "hostname", "version",
            "nodeinfo", "capabilities", "freecell", "list", "dominfo", "domstate", "domstats", "domid", "domuuid",
            "domname", "define", "create", "undefine", "start", "shutdown", "destroy", "reboot", "reset", "suspend",
            "resume", "save", "restore", "dumpxml", "autostart", "setmem", "setvcpus", "attach-device",
            "detach-device", "event", "net-list", "net-info", "net-define", "net-create", "net-start", "net-destroy",
            "net-undefine", "net-dumpxml", "net-autostart", "net-uuid", "net-name", "net-dhcp-leases", "net-update",
            "pool-list", "pool-info", "pool-define", "pool-define-as", "pool-create", "pool-create-as", "pool-build",
            "pool-start", "pool-destroy", "pool-delete", "pool-undefine", "pool-refresh", "pool-dumpxml",
            "pool-autostart", "pool-uuid", "pool-name", "vol-list", "vol-info", "vol-create", "vol-create-as",
            "vol-clone", "vol-delete", "vol-resize", "vol-dumpxml", "vol-path", "vol-key", "vol-name", "vol-pool",
            "vol-upload", "vol-download", "nodedev-list", "nodedev-dumpxml", "driver-list", "remote-issue",
            "remote-trust", "remote-list", "remote-revoke", "remote-ca", "remote-status"));

    private static boolean installed;

    @Inject
    SessionFactory sessions;

    /** Injected once the boot features are installed: the tests start with every boot command registered. */
    @Inject
    BootFinished bootFinished;

    @Configuration
    public Option[] config() {
        return KarafOptions.stockKaraf();
    }

    @Before
    public void installTheFeaturesOnce() {
        if (installed) {
            return;
        }
        try (Console c = new Console(sessions)) {
            CommandResult add = c.run("feature:repo-add " + System.getProperty(KarafOptions.FEATURES_URL));
            assertFalse(add.toString(), add.failed());
            CommandResult install = c.run("feature:install virtlayer-shell virtlayer-driver-test",
                    Duration.ofMinutes(3));
            assertFalse(install.toString(), install.failed());
        }
        // the shell registers commands as their services come; the driver registers with the core likewise
        Waits.until("virt:list to answer", Duration.ofSeconds(30), Duration.ofMillis(100), () -> {
            try (Console c = new Console(sessions)) {
                return c.run("virt:list --name").failed() ? null : true;
            }
        });
        installed = true;
    }

    private CommandResult run(String command) {
        try (Console c = new Console(sessions)) {
            return c.run(command);
        }
    }

    /** The command's output, which must have succeeded. */
    private List<String> ok(String command) {
        CommandResult r = run(command);
        assertFalse(r.toString(), r.failed());
        return r.lines();
    }

    /** A failed command printed exactly one line, starting with "Error: ". */
    private static String oneErrorLine(CommandResult r) {
        assertTrue(r.toString(), r.failed());
        assertEquals(r.toString(), 1, r.lines().size());
        assertTrue(r.toString(), r.lines().get(0).startsWith("Error: "));
        return r.lines().get(0);
    }

    @Test
    public void everyCommandIsRegisteredInTheVirtScope() {
        Set<String> virt = new TreeSet<>();
        // the registry of a session lists what the console offers its user: the ACL hides commands from a user
        // without the roles they need, so ask as the admin
        org.apache.karaf.shell.api.console.Session s = sessions.create(System.in, System.out, System.err);
        try {
            javax.security.auth.Subject.doAs(Console.ADMIN, (java.security.PrivilegedAction<Void>) () -> {
                for (Command cmd : s.getRegistry().getCommands()) {
                    if (cmd.getScope().equals("virt")) {
                        virt.add(cmd.getName());
                    }
                }
                return null;
            });
        } finally {
            s.close();
        }
        assertEquals(COMMANDS, virt);
    }

    @Test
    public void optionsGoBeforeArgumentsAsInEveryKarafCommand() {
        // the reason depends on what other tests did to the shared test:///default
        assertTrue(ok("virt:domstate --reason test").get(0).matches("running \\((unknown|unpaused)\\)"));
        CommandResult late = run("virt:domstate test --reason");
        assertTrue(late.toString(), late.failed());
        assertTrue(late.toString(), late.output().contains("too many arguments specified"));
    }

    @Test
    public void listShowsLibvirtsTestDomainRunning() {
        assertEquals(List.of("1\ttest\trunning"), run("virt:list --all --no-format").rows());
        List<String> table = ok("virt:list");
        assertTrue(String.join("\n", table), table.get(0).matches("Id\\s*[|│]\\s*Name\\s*[|│]\\s*State\\s*"));
        assertTrue(String.join("\n", table), table.get(2).matches("\\s*1\\s*[|│]\\s*test\\s*[|│]\\s*running\\s*"));
        assertEquals(List.of("test"), ok("virt:list --name"));
    }

    @Test
    public void dominfoAndNodeinfoHaveVirshsLabels() {
        List<String> info = ok("virt:dominfo test").stream().filter(l -> !l.startsWith("CPU time:")).toList();
        assertEquals(List.of(
                "Id:             1",
                "Name:           test",
                "UUID:           6695eb01-f6a4-8304-79aa-97f2502e193f",
                "OS Type:        linux",
                "State:          running",
                "CPU(s):         2",
                "Max memory:     8388608 KiB",
                "Used memory:    2097152 KiB",
                "Persistent:     yes",
                "Autostart:      disable",
                "Managed save:   no",
                "Security model: testSecurity",
                "Security DOI:   ",
                "Security label: libvirt-test (enforcing)"), info);
        assertEquals(List.of(
                "CPU model:           i686",
                "CPU(s):              16",
                "CPU frequency:       1400 MHz",
                "CPU socket(s):       2",
                "Core(s) per socket:  2",
                "Thread(s) per core:  2",
                "NUMA cell(s):        2",
                "Memory size:         3145728 KiB"), ok("virt:nodeinfo"));
        assertEquals(List.of("Total: 3072 KiB"), ok("virt:freecell"));
        List<String> stats = ok("virt:domstats --state test");
        assertEquals(stats.toString(), 4, stats.size());
        assertEquals("Domain: 'test'", stats.get(0));
        assertEquals("  state.state=1", stats.get(1));
        // the reason depends on what other tests did to the shared test:///default (booted, or unpaused)
        assertTrue(stats.get(2), stats.get(2).matches("  state\\.reason=(0|5)"));
        assertEquals("", stats.get(3));
    }

    @Test
    public void networksPoolsVolumesAndDevices() {
        assertEquals(List.of("default\tactive\tno\tyes"), run("virt:net-list --no-format").rows());
        assertTrue(ok("virt:net-info default").contains("Bridge:         virbr0"));
        assertEquals(List.of("default-pool\trunning\tno\tyes\t100.00 GiB\t0.00 B\t100.00 GiB"),
                run("virt:pool-list --details --no-format").rows());
        assertEquals(List.of("Vol itest-vol created"), ok("virt:vol-create-as default-pool itest-vol 10M"));
        assertEquals(List.of("/default-pool/itest-vol"), ok("virt:vol-path --pool default-pool itest-vol"));
        assertEquals(List.of("Vol itest-vol deleted"), ok("virt:vol-delete /default-pool/itest-vol"));
        assertTrue(ok("virt:nodedev-list").contains("computer"));
        assertEquals("<device>", ok("virt:nodedev-dumpxml computer").get(0));
    }

    @Test
    public void failuresAreOneErrorLineNamingTheObject() {
        CommandResult nope = run("virt:dominfo nope");
        assertEquals("Error: failed to get domain 'nope': Domain not found: no domain with matching name 'nope'",
                oneErrorLine(nope));
        assertEquals(Optional.of(ErrorCode.NO_DOMAIN), nope.code());
        assertEquals("Error: failed to get network 'nope': Network not found: no network with matching name 'nope'",
                oneErrorLine(run("virt:net-info nope")));
        assertEquals("Error: Failed to start domain 'test': Requested operation is not valid: domain 'test' is"
                + " already running", oneErrorLine(run("virt:start test")));
        assertTrue(oneErrorLine(run("virt:setmem test lots")).startsWith("Error: invalid memory size 'lots'"));
        assertEquals("Error: Failed to open file '/nonexistent/vm.xml': No such file or directory",
                oneErrorLine(run("virt:define /nonexistent/vm.xml")));
        CommandResult noDriver = run("virt:list -c nosuch:///x");
        assertTrue(oneErrorLine(noDriver).startsWith("Error: failed to connect to 'nosuch:///x': no connection"
                + " driver available"));
        assertEquals(Optional.of(ErrorCode.DRIVER_UNAVAILABLE), noDriver.code());
    }

    @Test
    public void aDomainDefinedFromAFileGoesThroughItsLifecycle() throws IOException {
        Path dir = scratch.folder();
        Path xml = dir.resolve("itest1.xml");
        Files.writeString(xml, "<domain type='test'><name>itest1</name><memory unit='MiB'>64</memory>"
                + "<vcpu>1</vcpu><os><type>hvm</type></os></domain>");
        assertEquals(List.of("Domain 'itest1' defined from " + xml), ok("virt:define " + xml));
        assertEquals(List.of("shut off"), ok("virt:domstate itest1"));
        assertEquals(List.of("Domain 'itest1' started"), ok("virt:start itest1"));
        assertEquals(List.of("1\ttest\trunning", "2\titest1\trunning"), run("virt:list --no-format").rows());
        assertEquals(List.of("Domain 'itest1' suspended"), ok("virt:suspend itest1"));
        assertEquals(List.of("Domain 'itest1' resumed"), ok("virt:resume itest1"));
        assertEquals(List.of(), ok("virt:setmem itest1 32M"));
        assertTrue(ok("virt:dominfo itest1").contains("Used memory:    32768 KiB"));
        assertEquals(List.of("Domain 'itest1' destroyed"), ok("virt:destroy itest1"));
        assertEquals(List.of("Domain 'itest1' has been undefined"), ok("virt:undefine itest1"));
        assertEquals(List.of("test"), ok("virt:list --all --name"));
    }

    @Test
    public void connectChoosesTheSessionsUriAndDashCOverridesIt() throws IOException {
        Path node = scratch.folder().resolve("node.xml");
        Files.writeString(node, "<node><domain type='test'><name>other</name><memory>65536</memory><vcpu>1</vcpu>"
                + "<os><type>hvm</type></os></domain></node>");
        try (Console c = new Console(sessions)) {
            assertEquals(List.of("test:///default"), c.run("virt:uri").lines());
            assertEquals(List.of(), c.run("virt:connect test://" + node).lines());
            assertEquals(List.of("test://" + node), c.run("virt:uri").lines());
            assertEquals(List.of("other"), c.run("virt:list --name").lines());
            assertEquals(List.of("test"), c.run("virt:list -c test:///default --name").lines());
            CommandResult bad = c.run("virt:connect nosuch:///x");
            assertTrue(oneErrorLine(bad).startsWith("Error: failed to connect to 'nosuch:///x'"));
            // a failed connect keeps the session where it was
            assertEquals(List.of("test://" + node), c.run("virt:uri").lines());
            assertEquals(List.of(), c.run("virt:connect").lines());
            assertEquals(List.of("test:///default"), c.run("virt:uri").lines());
        }
        // another session never saw the change
        assertEquals(List.of("test:///default"), ok("virt:uri"));
    }

    @Test
    public void eventPrintsOneLinePerEvent() throws Exception {
        try (Console watcher = new Console(sessions); Console actor = new Console(sessions)) {
            Future<CommandResult> event = watcher.start("virt:event --domain test --timeout 30");
            // the watch registers in its own time: act until it has seen something, within a bound
            CommandResult r = Waits.until("virt:event to print an event", Duration.ofSeconds(30),
                    Duration.ofMillis(10), () -> {
                        actor.run("virt:suspend test");
                        actor.run("virt:resume test");
                        try {
                            return event.get(200, TimeUnit.MILLISECONDS);
                        } catch (Exception e) {
                            return null;
                        }
                    });
            assertFalse(r.toString(), r.failed());
            assertEquals(r.toString(), 2, r.lines().size());
            assertTrue(r.toString(), r.lines().get(0).matches(
                    "event 'lifecycle' for domain 'test': (Suspended Paused|Resumed Unpaused)"));
            assertEquals("events received: 1", r.lines().get(1));
        } finally {
            run("virt:resume test");
        }
        assertEquals(List.of("running"), ok("virt:domstate test"));
    }

    @Test
    public void theShellFeatureShipsItsConfigurationInEtc() throws IOException {
        java.util.Properties cfg = new java.util.Properties();
        try (java.io.Reader r = Files.newBufferedReader(Path.of(System.getProperty("karaf.etc"),
                "org.virtlayer.shell.cfg"))) {
            cfg.load(r);
        }
        assertEquals("test:///default", cfg.getProperty("uri"));
    }

    @Test
    public void identifiersLeasesAndNetworkUpdatesAnswerAsVirsh() throws IOException {
        String uuid = "6695eb01-f6a4-8304-79aa-97f2502e193f";
        assertEquals(List.of("1"), ok("virt:domid test"));
        assertEquals(List.of(uuid), ok("virt:domuuid test"));
        assertEquals(List.of("test"), ok("virt:domname " + uuid));
        assertEquals(List.of("dd8fe884-6c02-601e-7551-cca97df1c5df"), ok("virt:net-uuid default"));
        assertEquals(List.of("default"), ok("virt:net-name dd8fe884-6c02-601e-7551-cca97df1c5df"));
        assertEquals(List.of("default-pool"), ok("virt:pool-name dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566"));
        ok("virt:vol-create-as default-pool itest-ids 1M");
        assertEquals(List.of("/default-pool/itest-ids"), ok("virt:vol-key --pool default-pool itest-ids"));
        assertEquals(List.of("itest-ids"), ok("virt:vol-name /default-pool/itest-ids"));
        assertEquals(List.of("default-pool"), ok("virt:vol-pool /default-pool/itest-ids"));
        ok("virt:vol-delete /default-pool/itest-ids");

        String host = "\"<host mac='52:54:00:00:00:42' ip='192.168.122.42' name='itest'/>\"";
        assertEquals(List.of("Updated network default persistent config and live state"),
                ok("virt:net-update --live --config default add ip-dhcp-host " + host));
        try {
            List<String> leases = run("virt:net-dhcp-leases --mac 52:54:00:00:00:42 --no-format default").rows();
            assertEquals(leases.toString(), 1, leases.size());
            assertTrue(leases.get(0), leases.get(0).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"
                    + "\t52:54:00:00:00:42\tipv4\t192.168.122.42/24\titest\t-"));
        } finally {
            assertEquals(List.of("Updated network default persistent config and live state"),
                    ok("virt:net-update --live --config default delete ip-dhcp-host " + host));
        }
        assertEquals(List.of(), run("virt:net-dhcp-leases --mac 52:54:00:00:00:42 --no-format default").rows());

        Path folder = scratch.folder().resolve("transient");
        assertEquals(List.of("Pool itest-transient created"),
                ok("virt:pool-create-as --build --target " + folder + " itest-transient dir"));
        assertEquals(List.of("Pool itest-transient destroyed"), ok("virt:pool-destroy itest-transient"));
    }

    @Test
    public void withoutTheRemoteServerItsCommandsNameTheFeatureToInstall() {
        for (String command : List.of("virt:remote-status", "virt:remote-list", "virt:remote-ca",
                "virt:remote-revoke someone", "virt:remote-issue --role admin --out /tmp/never x")) {
            assertEquals(command, "Error: the remote server is not installed: feature:install virtlayer-remote-server",
                    oneErrorLine(run(command)));
        }
    }

    private CommandResult runAsViewer(String command) {
        try (Console c = new Console(sessions, Console.VIEWER)) {
            return c.run(command);
        }
    }

    @Test
    public void viewersReadAndOnlyAdminsChange() throws IOException {
        // the ACL reaches the shell through Config Admin, a moment after the feature; wait with a harmless change
        CommandResult refused = Waits.until("the virt: ACL to refuse a viewer", Duration.ofSeconds(30),
                Duration.ofMillis(100), () -> {
                    CommandResult r = runAsViewer("virt:pool-refresh default-pool");
                    return r.failed() ? r : null;
                });
        assertEquals(refused.toString(), "Command not found: virt:pool-refresh", refused.failure().getMessage());
        for (String change : List.of("virt:destroy test", "virt:undefine test", "virt:net-destroy default",
                "virt:vol-download --pool default-pool x /tmp/x", "virt:remote-issue --role admin --out /tmp/x x")) {
            CommandResult r = runAsViewer(change);
            assertTrue(r.toString(), r.failed());
            assertEquals(r.toString(), "Command not found: " + change.split(" ")[0], r.failure().getMessage());
        }
        assertEquals(List.of("1\ttest\trunning"), runAsViewer("virt:list --no-format").rows());
        for (String query : List.of("virt:dominfo test", "virt:dumpxml test", "virt:net-info default",
                "virt:pool-info default-pool", "virt:nodeinfo", "virt:driver-list", "virt:domid test")) {
            CommandResult r = runAsViewer(query);
            assertFalse(r.toString(), r.failed());
        }
        CommandResult secrets = runAsViewer("virt:dumpxml --security-info test");
        assertTrue(secrets.toString(), secrets.failed());
        assertTrue(secrets.toString(), secrets.failure() instanceof SecurityException);
        assertEquals(secrets.toString(), "Insufficient credentials.", secrets.failure().getMessage());
        assertFalse(run("virt:dumpxml --security-info test").failed());
        assertEquals(List.of("running"), ok("virt:domstate test"));

        java.util.Properties acl = new java.util.Properties();
        try (java.io.Reader r = Files.newBufferedReader(Path.of(System.getProperty("karaf.etc"),
                "org.apache.karaf.command.acl.virt.cfg"))) {
            acl.load(r);
        }
        assertEquals("admin", acl.getProperty("*"));
        assertEquals("viewer", acl.getProperty("list"));
    }

    @Test
    public void driverListShowsTheTestDriverAndItsBundle() {
        List<String> rows = run("virt:driver-list --no-format").rows();
        assertEquals(rows.toString(), 1, rows.size());
        assertTrue(rows.get(0), rows.get(0).startsWith("hypervisor\ttest\ttest://\torg.virtlayer.driver.test/0.1.0"));
    }
}
