package org.virtlayer.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainInfo;
import org.virtlayer.api.DomainStartFlag;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.api.DomainStatsRecord;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.ShutdownMode;
import org.virtlayer.api.VirtException;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.core.testkit.Events;
import org.virtlayer.linux.ProcStat;

/**
 * Containers of the busybox test root on this machine's kernel: isolation seen from inside, limits in the cgroup,
 * shutdown, destroy, reboot, suspend and resume, statistics, transient containers. Each test checks that nothing of
 * a container outlives it.
 */
class LifecycleTest {
    private static final long CAP_SYS_MODULE = 16;
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

    @Test
    void aContainerSeesOnlyItselfWithItsNameAndLimitsAndShutsDownOnASignal() throws Exception {
        Events events = new Events(c);
        Domain d = c.defineDomain(TestRootfs.domainXml("ct-alpha", 64, ""));
        events.expect(5000, DomainEventDetail.DEFINED_ADDED);
        long t0 = System.nanoTime();
        d.start();
        events.expect(5000, DomainEventDetail.STARTED_BOOTED);
        assertThat(d.state().reason()).isEqualTo(DomainStateReason.RUNNING_BOOTED);
        assertThat(d.id()).isPositive();
        TestRootfs.awaitLog(f.log("ct-alpha"), "CT-READY pid=1", 1, t0, 10_000);
        int init = f.initPid(d.uuid());
        Inside.awaitFile(Inside.path(init, "/tmp/ct-ready"), 5000);
        assertThat(Files.readString(Inside.path(init, "/tmp/ct-ready"))).isEqualTo("ready\n");

        // PID 1 inside is init, and only the container's processes are visible
        assertThat(Inside.status(init, "NSpid")).isEqualTo(init + "\t1");
        assertThat(Files.readString(Inside.path(init, "/proc/1/cmdline"))).contains("/init.sh");
        List<Integer> visible = Inside.visiblePids(init);
        assertThat(visible).contains(1).allMatch(p -> p < 100).hasSizeLessThan(5);
        for (String ns : List.of("pid", "mnt", "uts", "ipc", "net")) {
            assertThat(Inside.namespace(init, ns)).as(ns + " namespace").isNotEqualTo(Inside.namespace("self", ns));
        }
        assertThat(Inside.namespace(init, "user")).isEqualTo(Inside.namespace("self", "user"));
        assertThat(Inside.run(init, "-u", "hostname")).isEqualTo("ct-alpha");
        assertThat(Inside.run(init, "-n", "/usr/sbin/ip", "-o", "link")).contains("lo:").doesNotContain("eth0");
        assertThat(Files.readString(Inside.path(init, "/proc/1/mountinfo")))
                .contains(TestRootfs.dir() + " / rw,", " /proc ", " /proc/sys ro,", " /sys ro,", " /dev ",
                        " /dev/pts ", " /dev/console ", " /tmp ")
                .doesNotContain("/sys/fs/cgroup");
        long bounding = Long.parseUnsignedLong(Inside.status(init, "CapBnd"), 16);
        assertThat(bounding & (1L << CAP_SYS_MODULE)).as("no module loading inside").isZero();

        // the memory of the XML is the container's hard limit, set before init ran: init is in the cgroup
        Path mem = LxcFixture.cgroupDir("memory", "ct-alpha", d.uuid());
        assertThat(Files.readString(mem.resolve("memory.limit_in_bytes")).strip()).isEqualTo(
                Long.toString(64L << 20));
        assertThat(Files.readAllLines(mem.resolve("cgroup.procs"))).contains(Integer.toString(init));
        assertThat(Files.readString(Path.of("/proc/" + init + "/cgroup"))).contains(":memory:/"
                + LxcFixture.CGROUP_ROOT + "/lxc-ct-alpha-");
        assertThat(d.xml()).contains("<console type='pty' tty='/dev/pts/");

        int[] pids = f.pids(d.uuid());
        d.shutdown();
        events.expect(10_000, DomainEventDetail.STOPPED_SHUTDOWN);
        assertThat(d.state().reason()).isEqualTo(DomainStateReason.SHUTOFF_SHUTDOWN);
        TestRootfs.awaitLog(f.log("ct-alpha"), "CT-TERM", 1, t0, 5000);
        assertNothingLeft(d, "ct-alpha", pids);
        assertThat(d.id()).isEqualTo(-1);
    }

    /** Every process gone, the cgroup gone in every hierarchy, the run folder gone. */
    private static void assertNothingLeft(Domain d, String name, int[] pids) throws Exception {
        for (int p : pids) {
            if (p > 0) {
                assertThat(Inside.ended(p)).as("process " + p + " ended").isTrue();
            }
        }
        for (String controller : List.of("memory", "cpu", "cpuacct", "pids", "freezer", "blkio", "unified")) {
            assertThat(LxcFixture.cgroupDir(controller, name, d.uuid())).as(controller + " cgroup").doesNotExist();
        }
        assertThat(f.runDir(d.uuid())).doesNotExist();
    }

    @Test
    void destroyKillsTheWholeContainerAtOnce() throws Exception {
        Events events = new Events(c);
        Domain d = c.defineDomain(TestRootfs.domainXml("ct-destroy", 64, ""));
        d.start();
        int init = f.initPid(d.uuid());
        Inside.awaitFile(Inside.path(init, "/tmp/ct-ready"), 5000);
        // a process joined to the container's PID namespace from outside, not even in its cgroup
        Process joined = new ProcessBuilder("/usr/bin/nsenter", "-t", Integer.toString(init), "-p", "-m", "--",
                "/bin/sleep", "300").start();
        List<Integer> all = new ArrayList<>();
        for (int p : f.pids(d.uuid())) {
            all.add(p);
        }
        Path procs = LxcFixture.cgroupDir("pids", "ct-destroy", d.uuid()).resolve("cgroup.procs");
        for (String l : Files.readAllLines(procs)) {
            all.add(Integer.parseInt(l.strip()));
        }
        while (Inside.visiblePids(init).size() < 3) {
            Thread.sleep(5);
        }
        // events are delivered on their own thread: wait for these rather than clearing what may not have come yet
        events.expect(5000, DomainEventDetail.DEFINED_ADDED, DomainEventDetail.STARTED_BOOTED);
        long t0 = System.nanoTime();
        d.destroy();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).as("destroy took " + ms + " ms").isLessThan(2000);
        events.expect(5000, DomainEventDetail.STOPPED_DESTROYED);
        assertThat(d.state().reason()).isEqualTo(DomainStateReason.SHUTOFF_DESTROYED);
        assertThat(joined.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).as("the joined process died").isTrue();
        for (int p : all) {
            assertThat(Inside.ended(p)).as("process " + p + " ended").isTrue();
        }
        assertNothingLeft(d, "ct-destroy", new int[0]);
        assertThatThrownBy(d::destroy).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_INVALID));
    }

    @Test
    void suspendFreezesEveryProcessAndResumeThawsThem() throws Exception {
        Events events = new Events(c);
        Domain d = c.defineDomain(TestRootfs.domainXml("ct-freeze", 64, ""));
        d.start();
        events.expect(5000, DomainEventDetail.DEFINED_ADDED, DomainEventDetail.STARTED_BOOTED);
        int init = f.initPid(d.uuid());
        Inside.awaitFile(Inside.path(init, "/tmp/ct-ready"), 5000);
        Path freezer = LxcFixture.cgroupDir("freezer", "ct-freeze", d.uuid());
        Path cpu = LxcFixture.cgroupDir("cpuacct", "ct-freeze", d.uuid()).resolve("cpuacct.usage");

        d.suspend();
        events.expect(5000, DomainEventDetail.SUSPENDED_PAUSED);
        assertThat(d.state().reason()).isEqualTo(DomainStateReason.PAUSED_USER);
        assertThat(Files.readString(freezer.resolve("freezer.state")).strip()).isEqualTo("FROZEN");
        String used = Files.readString(cpu);
        List<Integer> before = Inside.visiblePids(init);
        // init.sh starts a new "sleep 1" every second; frozen, it starts none
        Thread.sleep(1300);
        assertThat(Files.readString(cpu)).as("no CPU time while frozen").isEqualTo(used);
        assertThat(Inside.visiblePids(init)).as("no new process while frozen").isEqualTo(before);

        d.resume();
        events.expect(5000, DomainEventDetail.RESUMED_UNPAUSED);
        assertThat(d.state().reason()).isEqualTo(DomainStateReason.RUNNING_UNPAUSED);
        assertThat(Files.readString(freezer.resolve("freezer.state")).strip()).isEqualTo("THAWED");
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (Inside.visiblePids(init).equals(before) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(Inside.visiblePids(init)).as("init's loop runs again").isNotEqualTo(before);

        // a paused container is destroyed too: SIGKILL reaches frozen processes once thawed
        d.suspend();
        int[] pids = f.pids(d.uuid());
        d.destroy();
        assertNothingLeft(d, "ct-freeze", pids);
    }

    @Test
    void statisticsFromTheCgroupAreThereAndPlausible() throws Exception {
        Domain d = c.defineDomain(TestRootfs.domainXml("ct-stats", 48, ""));
        d.start();
        int init = f.initPid(d.uuid());
        Inside.awaitFile(Inside.path(init, "/tmp/ct-ready"), 5000);
        Domain off = c.defineDomain(TestRootfs.domainXml("ct-stats-off", 32, ""));
        Map<String, Object> s = null;
        Map<String, Object> o = null;
        for (DomainStatsRecord r : c.domainStats(List.of(d, off))) {
            if (r.domainName().equals("ct-stats")) {
                s = r.stats();
            } else {
                o = r.stats();
            }
        }
        assertThat(s).containsEntry("state.state", DomainState.RUNNING.number()).containsEntry("state.reason", 1)
                .containsEntry("balloon.maximum", 48L * 1024).containsEntry("balloon.current", 48L * 1024)
                .containsEntry("vcpu.current", 1).containsEntry("vcpu.maximum", 1).containsEntry("net.count", 0)
                .containsEntry("block.count", 0);
        long cpuTime = (Long) s.get("cpu.time");
        assertThat(cpuTime).as("CPU time of a few execs").isBetween(100_000L, 60_000_000_000L);
        assertThat((Long) s.get("cpu.user") + (Long) s.get("cpu.system")).isLessThanOrEqualTo(cpuTime + 20_000_000);
        assertThat((Long) s.get("balloon.rss")).as("KiB in use").isBetween(64L, 48L * 1024);
        // supervisor, console keeper, init and its sleep
        assertThat((Long) s.get("pids.current")).isBetween(3L, 10L);
        assertThat(o).containsEntry("state.state", DomainState.SHUTOFF.number()).doesNotContainKey("cpu.time");

        DomainInfo info = d.info();
        assertThat(info.maxMemoryKiB()).isEqualTo(48L * 1024);
        // the container keeps running between the two readings, so its usage may move a little
        assertThat(info.memoryKiB()).isCloseTo(Files.readAllLines(LxcFixture.cgroupDir("memory", "ct-stats",
                d.uuid()).resolve("memory.usage_in_bytes")).stream().mapToLong(Long::parseLong).sum() / 1024,
                org.assertj.core.data.Offset.offset(4096L));
        assertThat(info.cpuTimeNanos()).isGreaterThanOrEqualTo(cpuTime);
        assertThat(d.osType()).isEqualTo("exe");
        d.destroy();
        off.undefine();
    }

    @Test
    void rebootStartsInitAgainInPlace() throws Exception {
        Events events = new Events(c);
        Domain d = c.defineDomain(TestRootfs.domainXml("ct-reboot", 64, ""));
        d.start();
        long t0 = System.nanoTime();
        int first = f.initPid(d.uuid());
        Inside.awaitFile(Inside.path(first, "/tmp/ct-ready"), 5000);
        int id = d.id();
        // delivered on their own thread, possibly late on a busy machine: taken here, so that none may follow
        events.expect(5000, DomainEventDetail.DEFINED_ADDED, DomainEventDetail.STARTED_BOOTED);
        d.reboot();
        TestRootfs.awaitLog(f.log("ct-reboot"), "CT-READY", 2, t0, 10_000);
        assertThat(Files.readString(f.log("ct-reboot"))).contains("CT-TERM");
        int second = first;
        while (second == first) {
            // the new status is written right after the new init reported "ok"
            Thread.sleep(2);
            try {
                second = f.initPid(d.uuid());
            } catch (java.io.IOException e) {
                // not yet written
            }
        }
        assertThat(second).isNotEqualTo(first);
        assertThat(Inside.ended(first)).isTrue();
        Inside.awaitFile(Inside.path(second, "/tmp/ct-ready"), 5000);
        assertThat(d.state().reason()).isEqualTo(DomainStateReason.RUNNING_BOOTED);
        assertThat(d.id()).isEqualTo(id);
        events.expectNone(200);
        assertThatThrownBy(() -> d.shutdown(ShutdownMode.ACPI_POWER_BTN)).isInstanceOfSatisfying(
                VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ARGUMENT_UNSUPPORTED));
        d.shutdown(ShutdownMode.SIGNAL);
        events.expect(10_000, DomainEventDetail.STOPPED_SHUTDOWN);
    }

    @Test
    void transientContainersAndAutodestroy() throws Exception {
        Domain t = c.createDomain(TestRootfs.domainXml("ct-transient", 32, ""));
        assertThat(t.isPersistent()).isFalse();
        assertThat(t.state().state()).isEqualTo(DomainState.RUNNING);
        int[] pids = f.pids(t.uuid());
        t.destroy();
        assertThat(c.listDomains()).extracting(Domain::name).doesNotContain("ct-transient");
        assertNothingLeft(t, "ct-transient", pids);

        Connection other = f.factory.open("lxc:///");
        Domain a = other.createDomain(TestRootfs.domainXml("ct-auto", 32, ""), DomainStartFlag.AUTODESTROY);
        int[] apids = f.pids(a.uuid());
        assertThat(c.lookupDomainByName("ct-auto").isActive()).isTrue();
        other.close();
        assertThat(c.listDomains()).extracting(Domain::name).doesNotContain("ct-auto");
        assertNothingLeft(a, "ct-auto", apids);
        assertThatThrownBy(() -> c.createDomain(TestRootfs.domainXml("ct-paused", 32, ""), DomainStartFlag.PAUSED))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.INVALID_ARG));
    }

    @Test
    void initEndingByItselfShutsTheContainerOffAndABadInitFailsTheStart() throws Exception {
        Events events = new Events(c);
        String xml = TestRootfs.domainXml("ct-short", 32, "").replace("<init>/init.sh</init>",
                "<init>/bin/sh</init><initarg>-c</initarg><initarg>echo \"short $FOO $container\"; exit 3</initarg>"
                        + "<initenv name='FOO'>bar baz</initenv>");
        Domain d = c.defineDomain(xml);
        long t0 = System.nanoTime();
        d.start();
        events.expect(5000, DomainEventDetail.DEFINED_ADDED, DomainEventDetail.STARTED_BOOTED,
                DomainEventDetail.STOPPED_SHUTDOWN);
        assertThat(d.state().reason()).isEqualTo(DomainStateReason.SHUTOFF_SHUTDOWN);
        TestRootfs.awaitLog(f.log("ct-short"), "short bar baz lxc-libvirt", 1, t0, 5000);
        assertNothingLeft(d, "ct-short", new int[0]);

        Domain bad = c.defineDomain(TestRootfs.domainXml("ct-bad", 32, "").replace("/init.sh", "/no/such/init"));
        assertThatThrownBy(bad::start).isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.getMessage())
                .contains("cannot find init path '/no/such/init' relative to container root"));
        assertThat(bad.state().reason()).isEqualTo(DomainStateReason.SHUTOFF_FAILED);
        assertNothingLeft(bad, "ct-bad", new int[0]);
    }

    @Test
    void tunablesGoToTheCgroup() throws Exception {
        String top = "  <memtune><hard_limit unit='MiB'>40</hard_limit><soft_limit unit='MiB'>20</soft_limit>"
                + "</memtune>\n  <cputune><shares>512</shares><period>100000</period><quota>50000</quota>"
                + "</cputune>\n";
        Domain d = c.defineDomain(TestRootfs.domainXml("ct-tune", TestRootfs.dir(), 64, "", top));
        d.start();
        Path mem = LxcFixture.cgroupDir("memory", "ct-tune", d.uuid());
        Path cpu = LxcFixture.cgroupDir("cpu", "ct-tune", d.uuid());
        assertThat(Files.readString(mem.resolve("memory.limit_in_bytes")).strip()).isEqualTo(
                Long.toString(40L << 20));
        assertThat(Files.readString(mem.resolve("memory.soft_limit_in_bytes")).strip()).isEqualTo(
                Long.toString(20L << 20));
        assertThat(Files.readString(cpu.resolve("cpu.shares")).strip()).isEqualTo("512");
        assertThat(Files.readString(cpu.resolve("cpu.cfs_quota_us")).strip()).isEqualTo("50000");
        int init = f.initPid(d.uuid());
        assertThat(ProcStat.of(init)).isPresent();
        d.destroy();
    }
}
