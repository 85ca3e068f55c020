package org.virtlayer.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.linux.NamespaceLauncher.Namespace;

/**
 * A program started as PID 1 of new namespaces on this machine: the supervisor outside, the program inside waiting
 * on a pipe while the parent does its part (ID maps, a veth end whose other end and bridge are in a network namespace
 * the test creates), the supervisor ending with the program's status.
 */
class NamespaceLauncherTest {
    private static final long CAP_SYS_MODULE = 16;
    private static ProcessWatcher watcher;

    @BeforeAll
    static void start() {
        watcher = new ProcessWatcher("test-ns-watcher");
    }

    @AfterAll
    static void stop() {
        watcher.close();
    }

    /** Reports "HOSTPID PID-INSIDE", waits for a line, runs {@code then}; the host PID comes from the host's /proc. */
    private static List<String> program(String then) {
        return List.of("/bin/sh", "-c", "read hostpid rest </proc/self/stat; echo \"$hostpid $$\" >&4; read go <&3; "
                + then);
    }

    @Test
    void pidUtsMountIpcAndNetNamespacesWithADroppedCapability(@TempDir Path dir) throws Exception {
        try (Pipe go = Pipe.open(); Pipe report = Pipe.open()) {
            NamespaceLauncher.Spec spec = new NamespaceLauncher.Spec(program(
                    "hostname inside-ns; echo \"$(hostname) $(ip -o link | wc -l)\" >&4; exit 5"))
                    .namespaces(EnumSet.of(Namespace.PID, Namespace.MOUNT, Namespace.UTS, Namespace.IPC,
                            Namespace.NET))
                    .dropCapabilities(List.of("sys_module")).log(dir.resolve("ns.log"))
                    .passFd(go.readEnd(), 3).passFd(report.writeEnd(), 4);
            assertThat(NamespaceLauncher.command(spec)).startsWith(NamespaceLauncher.tool("setpriv"),
                    "--bounding-set=-sys_module");
            try (PidFd supervisor = NamespaceLauncher.launch(spec)) {
                go.closeReadEnd();
                report.closeWriteEnd();
                CompletableFuture<ProcessExit> exit = new CompletableFuture<>();
                watcher.watch(supervisor, exit::complete);
                String[] hello = report.readLine(10_000, supervisor).split(" ");
                int hostPid = Integer.parseInt(hello[0]);
                assertThat(hello[1]).as("PID inside").isEqualTo("1");
                assertThat(hostPid).isNotEqualTo(supervisor.pid());
                assertThat(status(hostPid, "NSpid")).isEqualTo(hostPid + "\t1");
                long bounding = Long.parseUnsignedLong(status(hostPid, "CapBnd"), 16);
                assertThat(bounding & (1L << CAP_SYS_MODULE)).as("sys_module dropped").isZero();
                go.write("go\n");
                assertThat(report.readLine(10_000, supervisor)).as("hostname, interfaces").isEqualTo("inside-ns 1");
                assertThat(exit.get(10, TimeUnit.SECONDS).exitCode()).as("the program's status").hasValue(5);
                assertThat(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip()).isNotEqualTo("inside-ns");
            }
        }
    }

    @Test
    void aUserNamespaceWhoseRootIsTheUserTheSupervisorBecame(@TempDir Path dir) throws Exception {
        try (Pipe go = Pipe.open(); Pipe report = Pipe.open()) {
            NamespaceLauncher.Spec spec = new NamespaceLauncher.Spec(program(
                    "echo \"$(id -u) $(id -g) $(cat /proc/self/uid_map)\" >&4; exec sleep 30"))
                    .namespaces(EnumSet.of(Namespace.USER, Namespace.PID, Namespace.MOUNT))
                    .runAs(100_000, 100_000).passFd(go.readEnd(), 3).passFd(report.writeEnd(), 4);
            try (PidFd supervisor = NamespaceLauncher.launch(spec)) {
                go.closeReadEnd();
                report.closeWriteEnd();
                CompletableFuture<ProcessExit> exit = new CompletableFuture<>();
                watcher.watch(supervisor, exit::complete);
                int hostPid = Integer.parseInt(report.readLine(10_000, supervisor).split(" ")[0]);
                List<UserNamespaces.Range> map = List.of(new UserNamespaces.Range(0, 100_000, 65536));
                UserNamespaces.writeMaps(hostPid, map, map);
                go.write("go\n");
                assertThat(report.readLine(10_000, supervisor).split("\\s+")).startsWith("0", "0", "0", "100000",
                        "65536");
                assertThat(status(hostPid, "Uid")).startsWith("100000\t100000");
                assertThat(UserNamespaces.hostId(map, 0)).isEqualTo(100_000);
                try (PidFd program = PidFd.open(hostPid)) {
                    program.signal(Syscalls.SIGKILL);
                }
                exit.get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aVethEndCreatedInsideANamespaceAndItsHostEndOnABridge() throws Exception {
        // the host end and its bridge in a network namespace of the test's own: the host's is never touched
        String ns = "vl-nsl-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
        String bridge = "vltest-br0";
        String host = "vltest-h0";
        ip("netns", "add", ns);
        try (Pipe go = Pipe.open(); Pipe report = Pipe.open()) {
            ip("-n", ns, "link", "add", bridge, "type", "bridge");
            NamespaceLauncher.Spec spec = new NamespaceLauncher.Spec(program(
                    "echo \"$(ip -o link show eth7)\" >&4;"
                            + " read done <&3"))
                    .namespaces(EnumSet.of(Namespace.PID, Namespace.NET)).passFd(go.readEnd(), 3)
                    .passFd(report.writeEnd(), 4);
            try (PidFd supervisor = NamespaceLauncher.launch(spec)) {
                go.closeReadEnd();
                report.closeWriteEnd();
                CompletableFuture<ProcessExit> exit = new CompletableFuture<>();
                watcher.watch(supervisor, exit::complete);
                int hostPid = Integer.parseInt(report.readLine(10_000, supervisor).split(" ")[0]);
                Veth.create(new Veth.HostEnd(host, ns, null, 0, bridge),
                        new Veth.Peer("eth7", "02:00:00:00:00:07", hostPid), List.of(), List.of());
                try {
                    assertThat(Veth.exists(ns, host)).isTrue();
                    assertThat(Veth.exists(null, host)).as("not in the host's namespace").isFalse();
                    assertThat(Veth.exists(ns, "eth7")).as("the other end is not here").isFalse();
                    assertThat(Veth.bridgeOf(ns, host)).isEqualTo(bridge);
                    assertThat(Veth.bridgeOf(ns, bridge)).as("a bridge is no port").isNull();
                    assertThat(Veth.counter(ns, host, "rx_bytes")).isPresent();
                    assertThat(Veth.counter(ns, "vltest-none", "rx_bytes")).isEmpty();
                    go.write("go\n");
                    assertThat(report.readLine(10_000, supervisor)).contains("02:00:00:00:00:07");
                    go.write("done\n");
                    assertThat(exit.get(10, TimeUnit.SECONDS).exitCode()).hasValue(0);
                } finally {
                    Veth.delete(ns, host);
                }
                assertThat(Veth.exists(ns, host)).isFalse();
            }
        } finally {
            ip("netns", "del", ns);
        }
    }

    private static String status(int pid, String field) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith(field + ":")) {
                return l.substring(field.length() + 1).strip();
            }
        }
        throw new AssertionError("no " + field + " in /proc/" + pid + "/status");
    }

    private static void ip(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/sbin/ip"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
    }
}
