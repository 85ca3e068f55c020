package org.virtlayer.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.core.testkit.Events;
import org.virtlayer.linux.Syscalls;

/**
 * How the ways an init can end become the domain's state: a real busybox init, which answers SIGTERM with reboot(2),
 * stays off after a shutdown (libvirt 9.0 starts it again); a container's own reboot(2) restarts it in place, or
 * shuts it off with {@code <on_reboot>destroy}; init dying of a fault is a failure; init killed with SIGKILL from the
 * host is a shutdown, as libvirt reports it (util-linux's supervisor reports that death as exit status 1).
 */
class InitEndingsTest {
    private static LxcFixture f;
    private static Connection c;

    @BeforeAll
    static void start() throws Exception {
        f = new LxcFixture();
        c = f.factory.open("lxc:///system");
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
        f.close();
    }

    private static String withInit(String name, String init) {
        return TestRootfs.domainXml(name, 32, "").replace("<init>/init.sh</init>", init);
    }

    @Test
    void aBusyboxInitReallyStopsOnShutdown() throws Exception {
        Events events = new Events(c);
        Domain d = c.defineDomain(withInit("ct-busybox-init", "<init>/bin/init</init>"));
        d.start();
        events.expect(5000, DomainEventDetail.DEFINED_ADDED, DomainEventDetail.STARTED_BOOTED);
        int init = f.initPid(d.uuid());
        // busybox init without an inittab starts a shell on the console: it runs
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (Inside.visiblePids(init).size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // busybox init rewrites its command line to "init"
        assertThat(Files.readString(Inside.path(init, "/proc/1/cmdline"))).startsWith("init");
        d.shutdown();
        events.expect(10_000, DomainEventDetail.STOPPED_SHUTDOWN);
        assertThat(d.state().reason()).isEqualTo(DomainStateReason.SHUTOFF_SHUTDOWN);
        events.expectNone(300);
        assertThat(d.isActive()).as("not started again after busybox init's reboot(2)").isFalse();
        assertThat(Inside.ended(init)).isTrue();
        assertThat(Files.readString(f.log("ct-busybox-init"))).contains("supervisor: process").contains(
                "killed by signal " + Syscalls.SIGHUP);
    }

    @Test
    void theContainersOwnRebootRestartsItOrShutsItOffAsOnRebootSays() throws Exception {
        Path state = f.file("reboot-state");
        Files.createDirectories(state);
        // reboots once (a mark in a host folder bound in), then runs init.sh
        String init = "<init>/bin/sh</init><initarg>-c</initarg><initarg>if [ -e /state/rebooted ]; then exec"
                + " /init.sh; fi; touch /state/rebooted; echo REBOOTING; reboot -f</initarg>";
        String fs = "    <filesystem type='mount'><source dir='" + state + "'/><target dir='/state'/></filesystem>\n";
        Events events = new Events(c);
        Domain d = c.defineDomain(TestRootfs.domainXml("ct-own-reboot", 32, fs).replace("<init>/init.sh</init>",
                init));
        long t0 = System.nanoTime();
        d.start();
        events.expect(5000, DomainEventDetail.DEFINED_ADDED, DomainEventDetail.STARTED_BOOTED);
        TestRootfs.awaitLog(f.log("ct-own-reboot"), "CT-READY", 1, t0, 10_000);
        assertThat(Files.readString(f.log("ct-own-reboot"))).contains("REBOOTING");
        assertThat(d.isActive()).isTrue();
        events.expectNone(200);
        d.destroy();
        events.expect(5000, DomainEventDetail.STOPPED_DESTROYED);

        Files.delete(state.resolve("rebooted"));
        Domain off = c.defineDomain(TestRootfs.domainXml("ct-own-reboot-off", 32, fs)
                .replace("<init>/init.sh</init>", init).replace("</devices>\n</domain>",
                        "</devices>\n  <on_reboot>destroy</on_reboot>\n</domain>"));
        off.start();
        events.expect(5000, DomainEventDetail.DEFINED_ADDED, DomainEventDetail.STARTED_BOOTED,
                DomainEventDetail.STOPPED_SHUTDOWN);
        assertThat(off.state().reason()).isEqualTo(DomainStateReason.SHUTOFF_SHUTDOWN);
    }

    @Test
    void initDyingOfAFaultIsAFailureAndKilledFromTheHostAShutdown() throws Exception {
        Events events = new Events(c);
        c.createDomain(withInit("ct-crash", "<init>/bin/sh</init><initarg>-c</initarg><initarg>echo"
                + " CRASHING; ulimit -s 100; f() { f; }; f</initarg>"));
        events.expect(5000, DomainEventDetail.STARTED_BOOTED, DomainEventDetail.STOPPED_FAILED);
        assertThat(Files.readString(f.log("ct-crash"))).contains("CRASHING", "crashed");
        assertThat(c.listDomains()).extracting(Domain::name).doesNotContain("ct-crash");

        Domain d = c.createDomain(TestRootfs.domainXml("ct-killed", 32, ""));
        events.expect(5000, DomainEventDetail.STARTED_BOOTED);
        int init = f.initPid(d.uuid());
        Inside.awaitFile(Inside.path(init, "/tmp/ct-ready"), 5000);
        // from an ancestor namespace only SIGKILL ends a PID namespace's init that has no handler for a signal
        Syscalls.kill(init, Syscalls.SIGKILL);
        events.expect(5000, DomainEventDetail.STOPPED_SHUTDOWN);
        assertThat(c.listDomains()).extracting(Domain::name).doesNotContain("ct-killed");
        assertThat(Inside.ended(init)).isTrue();
    }
}
