package org.virtlayer.driver.lxc;

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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainListFlag;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.api.DomainStatsRecord;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.core.testkit.Events;
import org.virtlayer.linux.Cgroup;
import org.virtlayer.linux.CgroupLayout;
import org.virtlayer.linux.NetDevices;
import org.virtlayer.linux.Syscalls;
import org.virtlayer.spi.NetworkBackend;

/**
 * Containers outlive their driver: after the driver's component is deactivated and activated again (a bundle
 * refresh), and after the JVM running it is killed with {@code kill -9}, every container is found again with its
 * state; none is killed, none lost, and the new driver learns of their ends as they happen.
 */
class ReattachTest {
    @Test
    void afterTheDriverIsDeactivatedAndActivatedAgain() throws Exception {
        try (LxcFixture f = new LxcFixture()) {
            Connection c1 = f.factory.open("lxc:///system");
            Domain a = c1.defineDomain(TestRootfs.domainXml("keep-running", 32, ""));
            a.start();
            Domain b = c1.defineDomain(TestRootfs.domainXml("keep-paused", 32, ""));
            b.start();
            b.suspend();
            Domain t = c1.createDomain(TestRootfs.domainXml("keep-transient", 32, ""));
            Map<String, Integer> inits = Map.of("keep-running", f.initPid(a.uuid()), "keep-paused",
                    f.initPid(b.uuid()), "keep-transient", f.initPid(t.uuid()));
            Map<String, Integer> ids = new HashMap<>();
            for (Domain d : c1.listDomains()) {
                ids.put(d.name(), d.id());
            }

            // what a start cut short by a dead JVM leaves: an empty cgroup without a status
            Cgroup orphan = Cgroup.create(CgroupLayout.detect(), LxcFixture.CGROUP_ROOT + "/lxc-orphan-0badf00d");

            f.restartDriver();
            assertThat(orphan.exists()).as("the empty cgroup of no container is swept").isFalse();
            assertThat(LxcFixture.cgroupDir("memory", "keep-running", a.uuid())).isDirectory();
            assertThatThrownBy(c1::listDomains).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.DRIVER_UNAVAILABLE));
            inits.values().forEach(p -> assertThat(Inside.ended(p)).as("init " + p + " lives").isFalse());

            try (Connection c2 = f.factory.open("lxc:///system")) {
                assertThat(c2.listDomains()).extracting(Domain::name)
                        .containsExactlyInAnyOrder("keep-running", "keep-paused", "keep-transient");
                for (Domain d : c2.listDomains()) {
                    assertThat(d.id()).as(d.name() + "'s ID").isEqualTo(ids.get(d.name()));
                    assertThat(f.initPid(d.uuid())).as(d.name() + "'s init").isEqualTo(inits.get(d.name()));
                }
                assertThat(c2.lookupDomainByName("keep-running").state().reason())
                        .isEqualTo(DomainStateReason.RUNNING_BOOTED);
                assertThat(c2.lookupDomainByName("keep-paused").state().reason())
                        .isEqualTo(DomainStateReason.PAUSED_USER);
                assertThat(c2.lookupDomainByName("keep-transient").isPersistent()).isFalse();
                assertThat(c2.lookupDomainByName("keep-running").xml()).contains("tty='/dev/pts/");
                for (DomainStatsRecord s : c2.domainStats(null)) {
                    assertThat(s.stats()).containsKey("cpu.time").containsKey("balloon.rss");
                }
                endsAreWatchedAgain(f, c2, inits);
            }
            c1.close();
        }
    }

    private static void endsAreWatchedAgain(LxcFixture f, Connection c, Map<String, Integer> inits)
            throws Exception {
        Events events = new Events(c);
        Domain paused = c.lookupDomainByName("keep-paused");
        paused.resume();
        events.expect(5000, DomainEventDetail.RESUMED_UNPAUSED);
        Domain running = c.lookupDomainByName("keep-running");
        long t0 = System.nanoTime();
        running.shutdown();
        events.expect(5000, DomainEventDetail.STOPPED_SHUTDOWN);
        TestRootfs.awaitLog(f.log("keep-running"), "CT-TERM", 1, t0, 5000);
        // the console keeper started by the first driver still writes the log
        Domain fresh = c.createDomain(TestRootfs.domainXml("after", 32, ""));
        events.expect(5000, DomainEventDetail.STARTED_BOOTED);
        assertThat(fresh.id()).as("IDs go on after the found ones").isEqualTo(4);
        for (String n : List.of("keep-paused", "keep-transient", "after")) {
            c.lookupDomainByName(n).destroy();
            events.expect(5000, DomainEventDetail.STOPPED_DESTROYED);
        }
        inits.values().forEach(p -> assertThat(Inside.ended(p)).as("init " + p + " ended").isTrue());
        assertThat(c.listDomains(DomainListFlag.ACTIVE)).isEmpty();
    }

    @Test
    void afterTheJvmIsKilled() throws Exception {
        Path root = Files.createTempDirectory(Path.of("/tmp"), "vll-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dvirtlayer.guest.dir=" + TestRootfs.dir().getParent(), ChildDriverMain.class.getName(),
                root.toString()).redirectErrorStream(true).start();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null && !line.equals("READY")) {
                out.add(line);
            }
            assertThat(line).as("the child JVM started its containers: " + out).isEqualTo("READY");
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + Syscalls.SIGKILL);
        }
        try (LxcFixture f = new LxcFixture(root)) {
            try (Connection c = f.factory.open("lxc:///")) {
                assertThat(c.listDomains()).extracting(Domain::name)
                        .containsExactlyInAnyOrder("jvm-running", "jvm-paused", "jvm-transient");
                Map<String, Integer> inits = new HashMap<>();
                for (Domain d : c.listDomains()) {
                    inits.put(d.name(), f.initPid(d.uuid()));
                    assertThat(Inside.ended(inits.get(d.name()))).isFalse();
                }
                assertThat(c.lookupDomainByName("jvm-running").state().state()).isEqualTo(DomainState.RUNNING);
                assertThat(c.lookupDomainByName("jvm-paused").state().reason())
                        .isEqualTo(DomainStateReason.PAUSED_USER);
                assertThat(c.lookupDomainByName("jvm-transient").isPersistent()).isFalse();
                Map<String, Integer> ids = Map.of("jvm-running", 1, "jvm-paused", 2, "jvm-transient", 3);
                for (Map.Entry<String, Integer> e : ids.entrySet()) {
                    assertThat(c.lookupDomainByName(e.getKey()).id()).isEqualTo(e.getValue());
                }
                // the console keeper of the dead JVM's container still writes the log
                Events events = new Events(c);
                long t0 = System.nanoTime();
                c.lookupDomainByName("jvm-running").shutdown();
                TestRootfs.awaitLog(f.log("jvm-running"), "CT-TERM", 1, t0, 5000);
                events.expect(5000, DomainEventDetail.STOPPED_SHUTDOWN);
                for (String n : List.of("jvm-paused", "jvm-transient")) {
                    c.lookupDomainByName(n).destroy();
                    events.expect(5000, DomainEventDetail.STOPPED_DESTROYED);
                }
                inits.values().forEach(p -> assertThat(Inside.ended(p)).as("init " + p + " ended").isTrue());
                assertThat(f.root.resolve("run/lxc/run")).isEmptyDirectory();
            }
        }
    }

    @Test
    void autostartContainersStartWhenTheDriverStarts() throws Exception {
        try (LxcFixture f = new LxcFixture()) {
            try (Connection c = f.factory.open("lxc:///system")) {
                Domain d = c.defineDomain(TestRootfs.domainXml("auto", 32, ""));
                d.setAutostart(true);
                assertThat(d.autostart()).isTrue();
            }
            f.restartDriver();
            try (Connection c = f.factory.open("lxc:///system")) {
                Domain d = c.lookupDomainByName("auto");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (d.state().state() != DomainState.RUNNING && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(d.state().reason()).isEqualTo(DomainStateReason.RUNNING_BOOTED);
                assertThat(c.listDomains(DomainListFlag.AUTOSTART)).extracting(Domain::name).containsExactly("auto");
                d.destroy();
            }
        }
    }

    /**
     * A destroy from a connection while autostart is still starting the container (held while its network port is
     * made) waits for the start to finish, then destroys: the container is shut off, destroyed, and nothing of it is
     * left. The port's bridge and the veth's host end are in a network namespace the test creates.
     */
    @Test
    void aDestroyWhileAutostartIsStartingTheContainerWaitsForTheStartAndLeavesNothing() throws Exception {
        String ns = "vl-lxcjob-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
        LxcFixture.run(List.of("/usr/sbin/ip", "netns", "add", ns));
        try (LxcFixture f = new LxcFixture()) {
            LxcFixture.run(List.of("/usr/sbin/ip", "-n", ns, "link", "add", "vlbr0", "type", "bridge"));
            LxcFixture.run(List.of("/usr/sbin/ip", "-n", ns, "link", "set", "vlbr0", "up"));
            OneNetwork network = new OneNetwork("vlgate", "vlbr0", ns).gated();
            f.factory.addNetworkBackend(network, Map.of(NetworkBackend.NAME, "test-net"), "test");
            UUID uuid;
            try (Connection c = f.factory.open("lxc:///system")) {
                Domain d = c.defineDomain(TestRootfs.domainXml("auto-gated", 32,
                        "    <interface type='network'><source network='vlgate'/></interface>\n"));
                d.setAutostart(true);
                uuid = d.uuid();
            }
            f.restartDriver();
            assertThat(network.asked().await(30, TimeUnit.SECONDS)).as("autostart asks for the port").isTrue();
            try (Connection c = f.factory.open("lxc:///system")) {
                Events events = new Events(c);
                Domain d = c.lookupDomainByName("auto-gated");
                CompletableFuture<Void> destroy = CompletableFuture.runAsync(d::destroy);
                try {
                    Thread.sleep(300);
                    assertThat(destroy).as("the destroy waits for the start").isNotDone();
                } finally {
                    network.go().countDown();
                }
                destroy.get(30, TimeUnit.SECONDS);
                events.expect(10_000, DomainEventDetail.STARTED_BOOTED, DomainEventDetail.STOPPED_DESTROYED);
                assertThat(d.state().reason()).isEqualTo(DomainStateReason.SHUTOFF_DESTROYED);
                assertThat(network.ports()).as("its port, given back").isEmpty();
                assertThat(LxcFixture.cgroupDir("pids", "auto-gated", uuid)).doesNotExist();
                assertThat(f.runDir(uuid)).doesNotExist();
                assertThat(NetDevices.of(ns).keySet()).as("no veth left").containsExactlyInAnyOrder("lo", "vlbr0");
            }
        } finally {
            LxcFixture.run(List.of("/usr/sbin/ip", "netns", "del", ns));
        }
    }
}
