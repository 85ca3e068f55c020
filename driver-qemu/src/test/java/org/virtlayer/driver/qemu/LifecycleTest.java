package org.virtlayer.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainStartFlag;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.api.DomainStatsRecord;
import org.virtlayer.api.DomainXmlFlag;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.ModificationImpact;
import org.virtlayer.api.StatsGroup;
import org.virtlayer.api.VirtException;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.core.testkit.Events;
import org.virtlayer.linux.Syscalls;

/** Real QEMU domains booting the test guest under TCG: what a user does with a domain, and what libvirt reports. */
class LifecycleTest {
    private static QemuFixture f;

    @BeforeAll
    static void up() throws Exception {
        f = new QemuFixture();
    }

    @AfterAll
    static void down() throws Exception {
        f.close();
    }

    @Test
    void bootPauseHotplugRebootAndShutdown() throws Exception {
        try (Connection c = f.factory.open("qemu:///system")) {
            Events events = new Events(c);
            Path log = f.file("boot.log");
            Domain d = c.defineDomain(TestGuest.domainXml("boot", log, "qemu", ""));
            events.expect(5000, DomainEventDetail.DEFINED_ADDED);

            long t0 = System.nanoTime();
            d.start();
            // libvirt 9.0 reports a start as the CPUs' first resume, then the start itself
            events.expect(5000, DomainEventDetail.RESUMED_UNPAUSED, DomainEventDetail.STARTED_BOOTED);
            assertThat(d.state().reason()).isEqualTo(DomainStateReason.RUNNING_BOOTED);
            assertThat(d.id()).isPositive();
            assertThat(c.lookupDomainById(d.id()).name()).isEqualTo("boot");
            TestGuest.awaitLog(log, "GUEST-READY", 1, t0, 60_000);
            int pid = f.pid(d.uuid());
            assertThat(QemuFixture.cmdline(pid)).contains("-S", "-no-user-config", "-nodefaults", "-no-shutdown");

            DomainStatsRecord s = d.stats();
            Map<String, Object> st = s.stats();
            assertThat(st).containsEntry("state.state", DomainState.RUNNING.number())
                    .containsEntry("balloon.current", 131072L).containsEntry("balloon.maximum", 131072L)
                    .containsEntry("vcpu.current", 1).containsEntry("vcpu.maximum", 1).containsEntry("vcpu.0.state", 1);
            assertThat((Long) st.get("cpu.time")).as("CPU time of a booted TCG guest").isGreaterThan(100_000_000L);
            assertThat((Long) st.get("vcpu.0.time")).isPositive().isLessThanOrEqualTo((Long) st.get("cpu.time"));
            assertThat((Long) st.get("balloon.rss")).as("RSS in KiB").isBetween(10_000L, 1_000_000L);
            assertThat(d.info().cpuTimeNanos()).isPositive();

            d.suspend();
            events.expect(5000, DomainEventDetail.SUSPENDED_PAUSED);
            assertThat(d.state().reason()).isEqualTo(DomainStateReason.PAUSED_USER);
            long cpu = d.info().cpuTimeNanos();
            d.resume();
            events.expect(5000, DomainEventDetail.RESUMED_UNPAUSED);
            assertThat(d.state().reason()).isEqualTo(DomainStateReason.RUNNING_UNPAUSED);
            assertThat(d.info().cpuTimeNanos()).isGreaterThanOrEqualTo(cpu);

            // a disk plugged into the running guest: QEMU has it and counts its I/O
            Path disk = f.file("extra.qcow2");
            Files.copy(TestGuest.dir().resolve("disk.qcow2"), disk, StandardCopyOption.REPLACE_EXISTING);
            String diskXml = "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='"
                    + disk + "'/><target dev='vdb' bus='virtio'/></disk>";
            d.attachDevice(diskXml);
            assertThat(d.xml()).contains("<target dev='vdb' bus='virtio'/>").contains("virtio-disk1");
            Map<String, Object> bs = d.stats(StatsGroup.BLOCK).stats();
            assertThat(bs).containsEntry("block.count", 1).containsEntry("block.0.name", "vdb")
                    .containsEntry("block.0.path", disk.toString()).containsEntry("block.0.capacity", 64L << 20)
                    .containsKey("block.0.rd.reqs");
            assertThatThrownBy(() -> d.attachDevice(diskXml)).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.getMessage()).contains("vdb"));
            // and unplugged: the guest lets go (ACPI PCI hot-plug), QEMU reports DEVICE_DELETED
            long unplug = System.nanoTime();
            d.detachDevice(diskXml);
            // libvirt's semantics: detach waits 5 s for the guest, then the removal completes when QEMU reports it
            awaitGone(d, "vdb");
            assertThat(d.stats(StatsGroup.BLOCK).stats()).containsEntry("block.count", 0);
            // a NIC too, with user networking
            String nic = "<interface type='user'><mac address='52:54:00:12:34:56'/><model type='virtio'/></interface>";
            d.attachDevice(nic);
            assertThat(d.xml()).contains("52:54:00:12:34:56").contains("<alias name='net0'/>");
            assertThat(d.stats(StatsGroup.INTERFACE).stats()).containsEntry("net.count", 1);
            d.detachDevice(nic);
            awaitGone(d, "52:54:00:12:34:56");

            // libvirt's reboot: the power button, then a reset instead of a power-off; no lifecycle event
            d.reboot();
            long again = System.nanoTime();
            TestGuest.awaitLog(log, "GUEST-READY", 2, again, 60_000);
            assertThat(Files.readString(log)).containsSubsequence("GUEST-READY", "GUEST-POWEROFF", "GUEST-READY");
            events.expectNone(200);
            assertThat(d.state().state()).isEqualTo(DomainState.RUNNING);
            assertThat(f.pid(d.uuid())).as("same QEMU after a reboot").isEqualTo(pid);

            // graceful shutdown: the guest powers off, the domain is shut off at once
            d.shutdown();
            TestGuest.awaitLog(log, "GUEST-POWEROFF", 2, again, 30_000);
            events.expect(10_000, DomainEventDetail.SHUTDOWN_GUEST, DomainEventDetail.STOPPED_SHUTDOWN);
            assertThat(d.state().reason()).isEqualTo(DomainStateReason.SHUTOFF_SHUTDOWN);
            assertThat(c.lookupDomainByUuid(d.uuid()).id()).isEqualTo(-1);
            assertThat(Syscalls.processExists(pid)).isFalse();
            assertThat(f.runDir(d.uuid())).doesNotExist();
            assertThat(d.xml()).doesNotContain("vdb").doesNotContain("alias");

            d.undefine();
            events.expect(5000, DomainEventDetail.UNDEFINED_REMOVED);
        }
    }

    private static void awaitGone(Domain d, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (d.xml().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(d.xml()).doesNotContain(text);
    }

    @Test
    void saveRestoreDestroyAndTransientDomains() throws Exception {
        try (Connection c = f.factory.open("qemu:///system")) {
            Events events = new Events(c);
            Path log = f.file("save.log");
            Domain d = c.defineDomain(TestGuest.domainXml("saved", log, "qemu", ""));
            d.start();
            events.expect(5000, DomainEventDetail.DEFINED_ADDED, DomainEventDetail.RESUMED_UNPAUSED,
                    DomainEventDetail.STARTED_BOOTED);
            assertThatThrownBy(d::start).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_INVALID));

            Path image = f.file("saved.img");
            d.save(image.toString());
            events.expect(5000, DomainEventDetail.SUSPENDED_PAUSED, DomainEventDetail.SHUTDOWN_HOST,
                    DomainEventDetail.STOPPED_SAVED);
            assertThat(d.state().reason()).isEqualTo(DomainStateReason.SHUTOFF_SAVED);
            assertThat(Files.size(image)).as("header and migration stream (zero pages are compressed)")
                    .isGreaterThan(100_000);

            Domain back = c.restoreDomain(image.toString());
            assertThat(back.uuid()).isEqualTo(d.uuid());
            events.expect(10_000, DomainEventDetail.RESUMED_UNPAUSED, DomainEventDetail.STARTED_RESTORED);
            assertThat(back.state().reason()).isEqualTo(DomainStateReason.RUNNING_RESTORED);
            // the guest goes on from where it was saved and finishes booting
            TestGuest.awaitLog(log, "GUEST-READY", 1, System.nanoTime(), 60_000);

            long t0 = System.nanoTime();
            back.destroy();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(back.state().reason()).isEqualTo(DomainStateReason.SHUTOFF_DESTROYED);
            events.expect(5000, DomainEventDetail.SHUTDOWN_HOST, DomainEventDetail.STOPPED_DESTROYED);
            assertThat(ms).as("destroy in ms").isLessThan(2000);
            assertThatThrownBy(back::destroy).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_INVALID));
            d.undefine();
            events.expect(5000, DomainEventDetail.UNDEFINED_REMOVED);

            // a transient domain started paused with AUTODESTROY goes when its connection closes
            Connection other = f.factory.open("qemu:///system");
            Domain t = other.createDomain(TestGuest.domainXml("transient", f.file("t.log"), "qemu", ""),
                    DomainStartFlag.PAUSED, DomainStartFlag.AUTODESTROY);
            events.expect(5000, DomainEventDetail.STARTED_BOOTED, DomainEventDetail.SUSPENDED_PAUSED);
            assertThat(c.lookupDomainByName("transient").isPersistent()).isFalse();
            assertThat(c.lookupDomainByName("transient").state().reason()).isEqualTo(DomainStateReason.PAUSED_USER);
            int pid = f.pid(t.uuid());
            other.close();
            events.expect(5000, DomainEventDetail.SHUTDOWN_HOST, DomainEventDetail.STOPPED_DESTROYED);
            assertThat(Syscalls.processExists(pid)).isFalse();
            assertThatThrownBy(() -> c.lookupDomainByName("transient")).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_DOMAIN));
        }
    }

    @Test
    void anUnexpectedDeathIsReportedAndCgroupsCarryTheTunables() throws Exception {
        Path disk = f.file("victim.raw");
        Files.copy(TestGuest.dir().resolve("disk.raw"), disk, StandardCopyOption.REPLACE_EXISTING);
        String xml = TestGuest.domainXml("victim", f.file("victim.log"), "qemu", "    <disk type='file' device='disk'>"
                + "<driver name='qemu' type='raw'/><source file='" + disk + "'/><target dev='vda' bus='virtio'/>"
                + "<iotune><total_bytes_sec>10000000</total_bytes_sec><read_iops_sec>400</read_iops_sec></iotune>"
                + "</disk>\n")
                .replace("<vcpu>1</vcpu>", "<vcpu current='1'>2</vcpu>\n  <memtune><hard_limit unit='MiB'>512"
                        + "</hard_limit></memtune>\n  <cputune><shares>512</shares></cputune>");
        try (Connection c = f.factory.open("qemu:///system")) {
            Events events = new Events(c);
            Domain d = c.defineDomain(xml);
            d.start(DomainStartFlag.PAUSED);
            events.expect(5000, DomainEventDetail.DEFINED_ADDED, DomainEventDetail.STARTED_BOOTED,
                    DomainEventDetail.SUSPENDED_PAUSED);
            int pid = f.pid(d.uuid());
            Path memory = Path.of("/sys/fs/cgroup/memory/virtlayer-test/qemu-victim-" + d.uuid().toString()
                    .substring(0, 8));
            Path cpu = Path.of("/sys/fs/cgroup/cpu/virtlayer-test/qemu-victim-" + d.uuid().toString().substring(0, 8));
            assertThat(Files.readString(memory.resolve("memory.limit_in_bytes")).strip()).isEqualTo("536870912");
            assertThat(Files.readString(cpu.resolve("cpu.shares")).strip()).isEqualTo("512");
            assertThat(Files.readString(memory.resolve("cgroup.procs"))).contains(Integer.toString(pid));

            // live changes: a vCPU plugged in, the balloon target lowered
            d.setVcpus(2, ModificationImpact.LIVE);
            Map<String, Object> vs = d.stats(StatsGroup.VCPU).stats();
            assertThat(vs).containsEntry("vcpu.current", 2).containsEntry("vcpu.maximum", 2)
                    .containsKey("vcpu.1.time");
            assertThat(c.lookupDomainByName("victim").xml(DomainXmlFlag.INACTIVE)).contains("current='1'");
            d.setMemory(65536, ModificationImpact.LIVE);
            assertThat(d.info().memoryKiB()).isEqualTo(65536);
            d.reset();
            assertThat(d.state().reason()).isEqualTo(DomainStateReason.PAUSED_USER);

            Syscalls.kill(pid, Syscalls.SIGKILL);
            events.expect(5000, DomainEventDetail.STOPPED_FAILED);
            assertThat(d.state().reason()).isEqualTo(DomainStateReason.SHUTOFF_CRASHED);
            assertThat(f.runDir(d.uuid())).doesNotExist();
            assertThat(memory).doesNotExist();
            assertThat(cpu).doesNotExist();
            d.undefine();
        }
    }
}
