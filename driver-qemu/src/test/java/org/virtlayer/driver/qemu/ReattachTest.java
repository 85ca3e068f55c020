package org.virtlayer.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainStartFlag;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.api.DomainStatsRecord;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.core.testkit.Events;
import org.virtlayer.driver.qemu.internal.caps.Emulators;
import org.virtlayer.linux.ProcStat;
import org.virtlayer.linux.Syscalls;

/**
 * QEMU outlives its driver: after the driver's component is deactivated and activated again (a bundle refresh), and
 * after the JVM running it is killed with {@code kill -9}, every QEMU is found again with its state; none is killed,
 * none lost, and the new driver hears of their exits.
 */
class ReattachTest {
    @Test
    void afterTheDriverIsDeactivatedAndActivatedAgain() throws Exception {
        try (QemuFixture f = new QemuFixture()) {
            Connection c1 = f.factory.open("qemu:///system");
            Domain a = c1.defineDomain(TestGuest.domainXml("keep-running", f.file("a.log"), "qemu", ""));
            a.start();
            Domain b = c1.defineDomain(TestGuest.domainXml("keep-paused", f.file("b.log"), "qemu", ""));
            b.start(DomainStartFlag.PAUSED);
            Domain t = c1.createDomain(TestGuest.domainXml("keep-transient", f.file("t.log"), "qemu", ""));
            Map<String, Integer> pids = Map.of("keep-running", f.pid(a.uuid()), "keep-paused", f.pid(b.uuid()),
                    "keep-transient", f.pid(t.uuid()));
            Map<String, Integer> ids = new HashMap<>();
            for (Domain d : c1.listDomains()) {
                ids.put(d.name(), d.id());
            }

            f.restartDriver();
            assertThatThrownBy(c1::listDomains).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.DRIVER_UNAVAILABLE));
            pids.values().forEach(pid -> assertThat(Syscalls.processExists(pid)).as("QEMU " + pid + " lives").isTrue());

            try (Connection c2 = f.factory.open("qemu:///system")) {
                assertFoundAgain(f, c2, pids, ids);
                // the guest of the running domain kept running through the restart
                TestGuest.awaitLog(f.file("a.log"), "GUEST-READY", 1, System.nanoTime(), 60_000);
                exitsAreWatchedAndMonitorsAnswer(f, c2, pids);
            }
            c1.close();
        }
    }

    @Test
    void afterTheJvmIsKilled() throws Exception {
        Path root = Files.createTempDirectory(Path.of("/tmp"), "vlq-");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dvirtlayer.guest.dir=" + TestGuest.dir(), ChildDriverMain.class.getName(), root.toString())
                .redirectErrorStream(true).start();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null && !line.equals("READY")) {
                out.add(line);
            }
            assertThat(line).as("the child JVM started its domains: " + out).isEqualTo("READY");
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + Syscalls.SIGKILL);
        }
        try (QemuFixture f = new QemuFixture(root)) {
            Map<String, Integer> pids = new HashMap<>();
            for (String dir : List.of("jvm-running", "jvm-paused", "jvm-transient")) {
                pids.put(dir, pidByName(root, dir));
            }
            pids.values().forEach(pid -> assertThat(Syscalls.processExists(pid)).as("QEMU " + pid + " lives").isTrue());
            try (Connection c = f.factory.open("qemu:///system")) {
                Map<String, Integer> ids = Map.of("jvm-running", 1, "jvm-paused", 2, "jvm-transient", 3);
                assertThat(c.listDomains()).extracting(Domain::name)
                        .containsExactlyInAnyOrder("jvm-running", "jvm-paused", "jvm-transient");
                assertThat(c.lookupDomainByName("jvm-running").state().state()).isEqualTo(DomainState.RUNNING);
                assertThat(c.lookupDomainByName("jvm-paused").state().reason())
                        .isEqualTo(DomainStateReason.PAUSED_USER);
                assertThat(c.lookupDomainByName("jvm-transient").isPersistent()).isFalse();
                for (Map.Entry<String, Integer> e : ids.entrySet()) {
                    assertThat(c.lookupDomainByName(e.getKey()).id()).isEqualTo(e.getValue());
                }
                TestGuest.awaitLog(root.resolve("running.log"), "GUEST-READY", 1, System.nanoTime(), 60_000);
                Events events = new Events(c);
                for (String n : List.of("jvm-running", "jvm-paused", "jvm-transient")) {
                    c.lookupDomainByName(n).destroy();
                    events.expect(5000, DomainEventDetail.SHUTDOWN_HOST, DomainEventDetail.STOPPED_DESTROYED);
                }
                // no longer this JVM's children: PID 1 reaps them (late, on this machine); exited is what counts
                pids.values().forEach(pid -> assertThat(exited(pid)).as("QEMU " + pid + " exited").isTrue());
            }
        }
    }

    private static boolean exited(int pid) {
        return ProcStat.of(pid).map(ProcStat::exited).orElse(true);
    }

    @Test
    void autostartDomainsStartWhenTheDriverStarts() throws Exception {
        try (QemuFixture f = new QemuFixture()) {
            try (Connection c = f.factory.open("qemu:///system")) {
                Domain d = c.defineDomain(TestGuest.domainXml("auto", f.file("auto.log"), "qemu", ""));
                d.setAutostart(true);
                assertThat(d.autostart()).isTrue();
            }
            f.restartDriver();
            try (Connection c = f.factory.open("qemu:///system")) {
                Domain d = c.lookupDomainByName("auto");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (d.state().state() != DomainState.RUNNING && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(d.state().reason()).isEqualTo(DomainStateReason.RUNNING_BOOTED);
                assertThat(c.listDomains(org.virtlayer.api.DomainListFlag.AUTOSTART)).extracting(Domain::name)
                        .containsExactly("auto");
                d.destroy();
            }
        }
    }

    /**
     * A destroy from a connection while autostart is still starting the domain (its QEMU launched, paused, starting
     * up) waits for the start to finish, then destroys: no QEMU is left and the domain is shut off, destroyed. The
     * emulator is a wrapper that holds the start there until the test lets it go on.
     */
    @Test
    void aDestroyWhileAutostartIsStartingTheDomainWaitsForTheStartAndLeavesNoQemu() throws Exception {
        try (QemuFixture f = new QemuFixture()) {
            Path pidFile = f.file("slow.pid");
            Path go = f.file("slow.go");
            Path emulator = f.file("slow-qemu");
            // the capabilities probe (-machine none) passes; a domain's QEMU waits for the go file (30 s at most)
            Files.writeString(emulator, "#!/bin/sh\n"
                    + "case \"$*\" in *'-machine none'*) ;; *) echo $$ > " + pidFile + "; i=0\n"
                    + "  while [ ! -e " + go + " ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done ;; esac\n"
                    + "exec " + Emulators.find("x86_64") + " \"$@\"\n");
            Files.setPosixFilePermissions(emulator, PosixFilePermissions.fromString("rwxr-xr-x"));
            try (Connection c = f.factory.open("qemu:///system")) {
                Domain d = c.defineDomain(TestGuest.domainXml("auto-slow", f.file("slow.log"), "qemu",
                        "    <emulator>" + emulator + "</emulator>\n"));
                d.setAutostart(true);
            }
            f.restartDriver();
            try (Connection c = f.factory.open("qemu:///system")) {
                Events events = new Events(c);
                Domain d = c.lookupDomainByName("auto-slow");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while ((!Files.exists(pidFile) || d.state().reason() != DomainStateReason.PAUSED_STARTING_UP)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(d.state().reason()).as("autostart's QEMU launched, the start under way")
                        .isEqualTo(DomainStateReason.PAUSED_STARTING_UP);
                int pid = Integer.parseInt(Files.readString(pidFile).strip());
                CompletableFuture<Void> destroy = CompletableFuture.runAsync(d::destroy);
                try {
                    Thread.sleep(300);
                    assertThat(destroy).as("the destroy waits for the start").isNotDone();
                } finally {
                    Files.createFile(go);
                }
                destroy.get(30, TimeUnit.SECONDS);
                events.expect(10_000, DomainEventDetail.RESUMED_UNPAUSED, DomainEventDetail.STARTED_BOOTED,
                        DomainEventDetail.SHUTDOWN_HOST, DomainEventDetail.STOPPED_DESTROYED);
                assertThat(d.state().reason()).isEqualTo(DomainStateReason.SHUTOFF_DESTROYED);
                assertThat(exited(pid)).as("QEMU " + pid + " exited").isTrue();
                assertThat(f.runDir(d.uuid())).doesNotExist();
            }
        }
    }

    /** A running domain's PID from its status file, found by the domain's name in the live XML. */
    private static int pidByName(Path root, String name) throws Exception {
        try (var s = Files.list(root.resolve("run/qemu/system/run"))) {
            for (Path dir : s.toList()) {
                String status = Files.readString(dir.resolve("status.json"));
                if (status.contains("<name>" + name + "</name>")) {
                    var m = java.util.regex.Pattern.compile("\"pid\":(\\d+)").matcher(status);
                    assertThat(m.find()).isTrue();
                    return Integer.parseInt(m.group(1));
                }
            }
        }
        throw new AssertionError("no runtime status for " + name);
    }

    private static void assertFoundAgain(QemuFixture f, Connection c, Map<String, Integer> pids,
            Map<String, Integer> ids) throws Exception {
        assertThat(c.listDomains()).extracting(Domain::name)
                .containsExactlyInAnyOrder("keep-running", "keep-paused", "keep-transient");
        for (Domain d : c.listDomains()) {
            assertThat(d.id()).as(d.name() + "'s ID").isEqualTo(ids.get(d.name()));
            assertThat(f.pid(d.uuid())).as(d.name() + "'s QEMU").isEqualTo(pids.get(d.name()));
        }
        assertThat(c.lookupDomainByName("keep-running").state().reason()).isEqualTo(DomainStateReason.RUNNING_BOOTED);
        assertThat(c.lookupDomainByName("keep-paused").state().reason()).isEqualTo(DomainStateReason.PAUSED_USER);
        assertThat(c.lookupDomainByName("keep-transient").isPersistent()).isFalse();
        List<DomainStatsRecord> stats = c.domainStats(null);
        assertThat(stats).hasSize(3);
        for (DomainStatsRecord s : stats) {
            assertThat(s.stats()).containsKey("cpu.time").containsKey("vcpu.0.time");
        }
    }

    private static void exitsAreWatchedAndMonitorsAnswer(QemuFixture f, Connection c, Map<String, Integer> pids)
            throws Exception {
        Events events = new Events(c);
        Domain paused = c.lookupDomainByName("keep-paused");
        paused.resume();
        events.expect(5000, DomainEventDetail.RESUMED_UNPAUSED);
        Syscalls.kill(pids.get("keep-transient"), Syscalls.SIGKILL);
        events.expect(5000, DomainEventDetail.STOPPED_FAILED);
        assertThat(c.listDomains()).extracting(Domain::name).containsExactlyInAnyOrder("keep-running", "keep-paused");
        Domain fresh = c.createDomain(TestGuest.domainXml("after", f.file("after.log"), "qemu", ""),
                DomainStartFlag.PAUSED);
        events.expect(5000, DomainEventDetail.STARTED_BOOTED, DomainEventDetail.SUSPENDED_PAUSED);
        assertThat(fresh.id()).as("IDs go on after the found ones").isEqualTo(4);
        for (String n : List.of("keep-running", "keep-paused", "after")) {
            c.lookupDomainByName(n).destroy();
            events.expect(5000, DomainEventDetail.SHUTDOWN_HOST, DomainEventDetail.STOPPED_DESTROYED);
        }
        pids.values().forEach(pid -> assertThat(exited(pid)).as("QEMU " + pid + " exited").isTrue());
    }
}
