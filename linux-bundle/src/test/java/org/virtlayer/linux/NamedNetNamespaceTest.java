package org.virtlayer.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Devices made in a named network namespace the test creates, as a network backend configured with one keeps its
 * bridges: a tap made by the JVM through {@code /dev/net/tun} from a thread inside it, a veth pair whose host end is
 * made there; the host's own namespace never sees either.
 */
class NamedNetNamespaceTest {
    private String ns;
    private String hostBefore;

    @BeforeEach
    void create() throws Exception {
        hostBefore = run("ip", "-o", "link", "show");
        ns = "vl-lnx-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
        run("ip", "netns", "add", ns);
        run("ip", "-n", ns, "link", "add", "br0", "type", "bridge");
        run("ip", "-n", ns, "link", "set", "br0", "up");
    }

    @AfterEach
    void delete() throws Exception {
        String pids = run("ip", "netns", "pids", ns);
        for (String p : pids.split("\\s+")) {
            if (!p.isBlank()) {
                ProcessHandle.of(Long.parseLong(p)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        run("ip", "netns", "del", ns);
        assertThat(run("ip", "-o", "link", "show")).as("the host's own devices").isEqualTo(hostBefore);
    }

    @Test
    void workRunsInsideTheNamespaceAndTheCallersThreadStaysOutside() {
        assertThat(NetNamespaces.exists(ns)).isTrue();
        assertThat(NetDevices.of(ns)).containsKeys("lo", "br0");
        assertThat(NetDevices.of(null)).doesNotContainKey("br0");
        assertThat(NetDevices.exists(ns, "br0")).isTrue();
        assertThatThrownBy(() -> NetNamespaces.call("vl-no-such-ns", () -> 1)).isInstanceOf(LinuxException.class);
        assertThatThrownBy(() -> NetNamespaces.call("../x", () -> 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTapNamedByTheKernelJoinsTheBridgeAndGoesWithItsLastDescriptor() throws Exception {
        Tap a = Tap.create(ns, null);
        Tap b = Tap.create(ns, null);
        try {
            assertThat(a.name()).isEqualTo("vnet0");
            assertThat(b.name()).as("the kernel takes the next free number").isEqualTo("vnet1");
            assertThat(a.namespace()).isEqualTo(ns);
            a.plug("fe:54:00:12:34:56", 1400, "br0");
            String link = run("ip", "-n", ns, "-o", "link", "show", "dev", "vnet0");
            assertThat(link).contains("master br0", "mtu 1400", "fe:54:00:12:34:56");
            assertThat(run("ip", "-n", ns, "-d", "-o", "link", "show", "dev", "vnet0")).contains("tap", "vnet_hdr");
            assertThat(NetDevices.of(null)).doesNotContainKey("vnet0");
        } finally {
            a.close();
            b.close();
        }
        assertThat(NetDevices.of(ns)).doesNotContainKeys("vnet0", "vnet1");
    }

    @Test
    void aVethWhoseHostEndIsMadeInTheNamespaceOnItsBridge() throws Exception {
        // the container side: a process in a network namespace of its own
        Process guest = new ProcessBuilder("unshare", "-n", "sleep", "30").start();
        try {
            int pid = (int) guest.pid();
            awaitOwnNetns(pid);
            Veth.create(new Veth.HostEnd("vlh0", ns, "fe:54:00:00:00:09", 1400, "br0"),
                    new Veth.Peer("eth0", "52:54:00:00:00:09", pid), List.of(), List.of());
            assertThat(run("ip", "-n", ns, "-o", "link", "show", "dev", "vlh0")).contains("master br0",
                    "fe:54:00:00:00:09", "mtu 1400", "UP");
            assertThat(run("nsenter", "-t", Integer.toString(pid), "-n", "ip", "-o", "link", "show", "dev", "eth0"))
                    .contains("52:54:00:00:00:09", "mtu 1400");
            assertThat(NetDevices.of(null)).doesNotContainKey("vlh0");
            NetDevices.Counters c = NetDevices.of(ns).get("vlh0");
            assertThat(c).isNotNull();
            Veth.delete(ns, "vlh0");
            assertThat(NetDevices.exists(ns, "vlh0")).isFalse();
            Veth.delete(ns, "vlh0");
        } finally {
            guest.destroyForcibly().waitFor();
        }
    }

    private static void awaitOwnNetns(int pid) throws Exception {
        for (int i = 0; i < 500; i++) {
            try {
                if (!Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net"))
                        .equals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")))
                        && Files.readString(Path.of("/proc/" + pid + "/comm")).strip().equals("sleep")) {
                    return;
                }
            } catch (IOException e) {
                // not there yet
            }
            Thread.sleep(10);
        }
        throw new AssertionError("process " + pid + " never got a network namespace of its own");
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(cmd))).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }
}
