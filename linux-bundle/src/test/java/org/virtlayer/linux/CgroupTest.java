package org.virtlayer.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cgroup layouts of the three host flavours (fixture trees), and a real cgroup on this machine. */
class CgroupTest {
    private static final String V1 = """
            25 22 0:22 / /sys/fs/cgroup rw,nosuid - tmpfs tmpfs ro,mode=755
            26 25 0:23 / /sys/fs/cgroup/cpu,cpuacct rw,relatime shared:9 - cgroup cgroup rw,cpu,cpuacct
            27 25 0:24 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
            28 25 0:25 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
            29 25 0:26 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset
            30 25 0:27 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd
            """;
    private static final String HYBRID = V1 + "31 25 0:28 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n";
    private static final String V2 = "35 24 0:30 / /sys/fs/cgroup rw,nosuid,nodev - cgroup2 cgroup2 rw,nsdelegate\n";

    @Test
    void v1HybridAndV2Layouts(@TempDir Path root) throws Exception {
        CgroupLayout v1 = CgroupLayout.parse(V1, root);
        assertThat(v1.mode()).isEqualTo(CgroupLayout.Mode.V1);
        assertThat(v1.v1Root("cpuacct")).contains(root.resolve("sys/fs/cgroup/cpu,cpuacct"));
        assertThat(v1.hierarchies()).containsExactly(root.resolve("sys/fs/cgroup/cpu,cpuacct"),
                root.resolve("sys/fs/cgroup/memory"), root.resolve("sys/fs/cgroup/pids"));

        Files.createDirectories(root.resolve("sys/fs/cgroup/unified"));
        Files.writeString(root.resolve("sys/fs/cgroup/unified/cgroup.controllers"), "\n");
        CgroupLayout hybrid = CgroupLayout.parse(HYBRID, root);
        assertThat(hybrid.mode()).isEqualTo(CgroupLayout.Mode.HYBRID);
        assertThat(hybrid.unifiedControllers()).isEmpty();
        assertThat(hybrid.hierarchies()).endsWith(root.resolve("sys/fs/cgroup/unified"));

        Path v2root = root.resolve("v2");
        Files.createDirectories(v2root.resolve("sys/fs/cgroup"));
        Files.writeString(v2root.resolve("sys/fs/cgroup/cgroup.controllers"), "cpuset cpu io memory pids\n");
        CgroupLayout v2 = CgroupLayout.parse(V2, v2root);
        assertThat(v2.mode()).isEqualTo(CgroupLayout.Mode.V2);
        assertThat(v2.hasController("memory")).isTrue();
        assertThat(v2.hierarchies()).containsExactly(v2root.resolve("sys/fs/cgroup"));
    }

    @Test
    void settingsGoToEachFlavoursFiles(@TempDir Path root) throws Exception {
        // a v2 fixture: the files a kernel would offer, written by Cgroup as it writes the real ones
        Path cg = root.resolve("sys/fs/cgroup");
        Files.createDirectories(cg);
        Files.writeString(cg.resolve("cgroup.controllers"), "cpu memory pids");
        Files.writeString(cg.resolve("cgroup.subtree_control"), "");
        CgroupLayout v2 = CgroupLayout.parse(V2, root);
        Path leafDir = cg.resolve("virtlayer/qemu-1");
        Files.createDirectories(cg.resolve("virtlayer"));
        Files.writeString(cg.resolve("virtlayer/cgroup.subtree_control"), "");
        Cgroup g = Cgroup.create(v2, "virtlayer/qemu-1");
        assertThat(Files.readString(cg.resolve("cgroup.subtree_control"))).isEqualTo("+cpu +memory +pids");
        for (String f : List.of("memory.max", "memory.high", "cpu.weight", "cpu.max", "cgroup.procs")) {
            Files.writeString(leafDir.resolve(f), "");
        }
        g.setMemoryHardLimit(256L << 20);
        g.setMemorySoftLimit(Long.MAX_VALUE);
        g.setCpuShares(20000);
        g.setCpuQuota(100000, 50000);
        g.addProcess(4242);
        assertThat(Files.readString(leafDir.resolve("memory.max"))).isEqualTo("268435456");
        assertThat(Files.readString(leafDir.resolve("memory.high"))).isEqualTo("max");
        assertThat(Files.readString(leafDir.resolve("cpu.weight"))).isEqualTo("10000");
        assertThat(Files.readString(leafDir.resolve("cpu.max"))).isEqualTo("50000 100000");
        assertThat(Files.readString(leafDir.resolve("cgroup.procs"))).isEqualTo("4242");

        // what a container needs on a v2 host: pids.max, cgroup.freeze and its event, cpu.stat's split
        for (String f : List.of("pids.max", "cgroup.freeze")) {
            Files.writeString(leafDir.resolve(f), "");
        }
        g.setPidsLimit(100);
        g.setFrozen(true);
        assertThat(Files.readString(leafDir.resolve("pids.max"))).isEqualTo("100");
        assertThat(Files.readString(leafDir.resolve("cgroup.freeze"))).isEqualTo("1");
        Files.writeString(leafDir.resolve("cgroup.events"), "populated 1\nfrozen 1\n");
        assertThat(g.isFrozen()).isTrue();
        Files.writeString(leafDir.resolve("cpu.stat"), "usage_usec 3000\nuser_usec 2000\nsystem_usec 1000\n");
        assertThat(g.cpuUsageNanos()).hasValue(3_000_000);
        assertThat(g.cpuUserNanos()).hasValue(2_000_000);
        assertThat(g.cpuSystemNanos()).hasValue(1_000_000);
        Files.writeString(leafDir.resolve("memory.max"), "max\n");
        assertThat(g.memoryHardLimit()).hasValue(Long.MAX_VALUE);
        Files.writeString(leafDir.resolve("pids.current"), "7\n");
        assertThat(g.pidCount()).hasValue(7);
    }

    @Test
    void aRealCgroupOnThisMachine() throws Exception {
        CgroupLayout layout = CgroupLayout.detect();
        assertThat(layout.mode()).as(layout.toString()).isNotEqualTo(CgroupLayout.Mode.NONE);
        assertThat(layout.writable()).as("CI runs as root with writable cgroups: " + layout).isTrue();
        Cgroup g = Cgroup.create(layout, "virtlayer-linux-test/t-" + UUID.randomUUID());
        try (PidFd p = ProcessLauncher.launch(new ProcessLauncher.Spec(List.of("/bin/sleep", "30")))) {
            g.addProcess(p.pid());
            assertThat(g.processes()).containsExactly(p.pid());
            g.setMemoryHardLimit(512L << 20);
            g.setCpuShares(512);
            assertThat(g.memoryUsage()).isPresent();
            assertThat(g.cpuUsageNanos()).isPresent();
            String own = Files.readString(Path.of("/proc/" + p.pid() + "/cgroup"));
            assertThat(own).contains(g.path());
            p.signal(Syscalls.SIGKILL);
            while (!p.hasExited()) {
                Thread.sleep(1);
            }
            p.reap();
        }
        g.remove();
        assertThat(g.exists()).isFalse();
        Cgroup.of(layout, "virtlayer-linux-test").remove();
    }

    @Test
    void limitsAndReadingsAContainerNeeds() throws Exception {
        CgroupLayout layout = CgroupLayout.detect();
        Cgroup g = Cgroup.create(layout, "virtlayer-linux-test/r-" + UUID.randomUUID());
        try (PidFd p = ProcessLauncher.launch(new ProcessLauncher.Spec(List.of("/bin/sh", "-c",
                "while :; do :; done")))) {
            g.addProcess(p.pid());
            g.setMemoryHardLimit(64L << 20);
            g.setPidsLimit(20);
            assertThat(g.memoryHardLimit()).hasValue(64L << 20);
            assertThat(g.pidCount()).hasValue(1);
            long t0 = System.nanoTime();
            while (g.cpuUserNanos().orElse(0) == 0 && System.nanoTime() - t0 < 5_000_000_000L) {
                Thread.sleep(20);
            }
            assertThat(g.cpuUserNanos().getAsLong()).as("a busy loop spends user time").isPositive();
            assertThat(g.cpuSystemNanos()).isPresent();

            g.setFrozen(true);
            while (!g.isFrozen()) {
                Thread.onSpinWait();
            }
            long frozenAt = g.cpuUsageNanos().getAsLong();
            Thread.sleep(50);
            assertThat(g.cpuUsageNanos()).as("nothing runs while frozen").hasValue(frozenAt);
            g.setFrozen(false);
            assertThat(g.isFrozen()).isFalse();
            g.setPidsLimit(Long.MAX_VALUE);
            g.setMemoryHardLimit(Long.MAX_VALUE);
            assertThat(g.memoryHardLimit()).hasValue(Long.MAX_VALUE);
            p.signal(Syscalls.SIGKILL);
            while (!p.hasExited()) {
                Thread.sleep(1);
            }
            p.reap();
        }
        g.remove();
        Cgroup.of(layout, "virtlayer-linux-test").remove();
    }
}
