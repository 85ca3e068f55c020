package org.virtlayer.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainStatsRecord;
import org.virtlayer.driver.lxc.internal.node.LxcNode;
import org.virtlayer.linux.Veth;
import org.virtlayer.spi.NetworkBackend;

/**
 * A container on a bridge through a veth pair (its address and route inside, counters from the host end), the bridge
 * and host ends in a network namespace the test creates, and a container in a user namespace whose root is an
 * unprivileged host user.
 */
class NetworkAndUserNamespaceTest {
    @Test
    void aVethIntoABridgeWithTheAddressAndRouteOfTheXml() throws Exception {
        // the node's host side is a network namespace of the test's own: the bridge, every host end, its addresses
        // and the pings are there, and the host's own namespace is never touched
        String ns = "vl-lxcnet-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
        String bridge = "vlbr0";
        LxcFixture.run(List.of("/usr/sbin/ip", "netns", "add", ns));
        try {
            inNs(ns, "/usr/sbin/ip", "link", "set", "lo", "up");
            inNs(ns, "/usr/sbin/ip", "link", "add", bridge, "type", "bridge");
            inNs(ns, "/usr/sbin/ip", "addr", "add", "10.213.7.1/24", "dev", bridge);
            inNs(ns, "/usr/sbin/ip", "link", "set", bridge, "up");
            try (LxcFixture f = new LxcFixture(LxcNode.NodeConfig.defaults(LxcFixture.CGROUP_ROOT)
                    .withHostNamespace(ns)); Connection c = f.factory.open("lxc:///system")) {
                containerOnABridge(f, c, ns, bridge);
            }
        } finally {
            LxcFixture.run(List.of("/usr/sbin/ip", "netns", "del", ns));
        }
    }

    private static void containerOnABridge(LxcFixture f, Connection c, String ns, String bridge) throws Exception {
        // the network backend's seam: a virtual network is its bridge, asked of the backend installed now
        OneNetwork network = new OneNetwork("vltest", bridge, ns);
        f.factory.addNetworkBackend(network, Map.of(NetworkBackend.NAME, "test-net"), "test");
        String nic = "    <interface type='bridge'><mac address='52:54:00:aa:bc:01'/><source bridge='" + bridge
                + "'/><ip address='10.213.7.2' prefix='24'/><route family='ipv4' address='0.0.0.0'"
                + " gateway='10.213.7.1'/></interface>\n"
                + "    <interface type='network'><source network='vltest'/><guest dev='eth9'/></interface>\n"
                // no bridge: the host end gets its own address (libvirt's <source><ip/></source>)
                + "    <interface type='ethernet'><source><ip address='10.213.8.1' prefix='24'/></source>"
                + "<ip address='10.213.8.2' prefix='24'/><target dev='vlns-eth'/></interface>\n";
        Domain d = c.defineDomain(TestRootfs.domainXml("ct-net", 32, nic));
        d.start();
        int init = f.initPid(d.uuid());
        String xml = d.xml();
        List<String> ends = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<target dev='([^']+)'/>").matcher(xml);
        while (m.find()) {
            ends.add(m.group(1));
        }
        assertThat(ends).hasSize(3).endsWith("vlns-eth");
        String host = ends.get(0);
        assertThat(host).startsWith("veth");
        assertThat(xml).contains("<alias name='net0'/>", "<alias name='net1'/>");
        OneNetwork.Port port = network.ports().values().iterator().next();
        assertThat(network.ports()).hasSize(1);
        assertThat(port.request().ownerName()).isEqualTo("ct-net");
        assertThat(xml).contains("<source network='vltest' portid='" + port.uuid() + "' bridge='" + bridge
                + "'/>");
        assertThat(Veth.bridgeOf(ns, host)).isEqualTo(bridge);
        String second = ends.get(1);
        assertThat(second).isNotEqualTo(host);
        assertThat(Veth.bridgeOf(ns, second)).as("the network's bridge").isEqualTo(bridge);
        assertThat(Inside.run(init, "-n", "/usr/sbin/ip", "-o", "link", "show", "dev", "eth9")).contains("UP");
        assertThat(inNs(ns, "/usr/sbin/ip", "-o", "addr", "show", "dev", "vlns-eth")).contains("inet 10.213.8.1/24");
        assertThat(Veth.bridgeOf(ns, "vlns-eth")).isNull();
        String hostLinks = LxcFixture.run(List.of("/usr/sbin/ip", "-o", "link", "show"));
        assertThat(hostLinks).as("no host end in the host's own namespace")
                .doesNotContain(" vlns-eth@", " vlns-eth:", "fe:54:00:aa:bc:01");
        inNs(ns, LxcNode.NodeConfig.findBusybox().toString(), "ping", "-c", "1", "-W", "2", "10.213.8.2");
        assertThat(Inside.run(init, "-n", "/usr/sbin/ip", "-o", "addr", "show", "dev", "eth0"))
                .contains("inet 10.213.7.2/24");
        assertThat(Inside.run(init, "-n", "/usr/sbin/ip", "link", "show", "dev", "eth0"))
                .contains("52:54:00:aa:bc:01", "state UP");
        assertThat(Inside.run(init, "-n", "/usr/sbin/ip", "route")).contains("default via 10.213.7.1 dev eth0");
        inNs(ns, LxcNode.NodeConfig.findBusybox().toString(), "ping", "-c", "2", "-W", "2", "10.213.7.2");

        Map<String, Object> s = c.domainStats(List.of(d)).get(0).stats();
        assertThat(s).containsEntry("net.count", 3).containsEntry("net.0.name", host)
                .containsEntry("net.1.name", second);
        assertThat((Long) s.get("net.0.rx.pkts")).as("pings received by the container").isGreaterThanOrEqualTo(2);
        assertThat((Long) s.get("net.0.tx.pkts")).as("answers it sent").isGreaterThanOrEqualTo(2);
        assertThat((Long) s.get("net.0.rx.bytes")).isPositive();
        d.destroy();
        assertThat(Veth.exists(ns, host)).as("the host end is gone").isFalse();
        assertThat(Veth.exists(ns, second)).isFalse();
        assertThat(Veth.exists(ns, "vlns-eth")).isFalse();
        assertThat(network.ports()).as("the container's port, given back").isEmpty();
    }

    /** A command's output, run inside the network namespace. */
    private static String inNs(String ns, String... command) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/sbin/ip", "netns", "exec", ns));
        cmd.addAll(List.of(command));
        return LxcFixture.run(cmd);
    }

    @Test
    void aUserNamespaceWhoseRootIsAnUnprivilegedHostUser() throws Exception {
        try (LxcFixture f = new LxcFixture(); Connection c = f.factory.open("lxc:///system")) {
            // a copy of the root owned by the range the container's IDs map to, as libvirt needs it too
            Path root = f.file("idmapped-root");
            LxcFixture.run(List.of("/bin/cp", "-a", TestRootfs.dir().toString(), root.toString()));
            LxcFixture.run(List.of("/bin/chown", "-R", "100000:100000", root.toString()));
            String idmap = "  <idmap><uid start='0' target='100000' count='65536'/>"
                    + "<gid start='0' target='100000' count='65536'/></idmap>\n";
            String xml = TestRootfs.domainXml("ct-userns", root, 32, "", "")
                    .replace("  <devices>", idmap + "  <devices>");
            Domain d = c.defineDomain(xml);
            assertThat(d.xml()).contains("<uid start='0' target='100000' count='65536'/>");
            long t0 = System.nanoTime();
            d.start();
            TestRootfs.awaitLog(f.log("ct-userns"), "CT-READY pid=1", 1, t0, 10_000);
            int init = f.initPid(d.uuid());
            Inside.awaitFile(Inside.path(init, "/tmp/ct-ready"), 5000);
            assertThat(Inside.status(init, "Uid")).startsWith("100000\t100000");
            assertThat(Inside.status(init, "Gid")).startsWith("100000\t100000");
            assertThat(Files.readString(Path.of("/proc/" + init + "/uid_map")).trim().split("\\s+"))
                    .containsExactly("0", "100000", "65536");
            assertThat(Inside.namespace(init, "user")).isNotEqualTo(Inside.namespace("self", "user"));
            assertThat(Inside.run(init, "-U -u --preserve-credentials", "hostname")).isEqualTo("ct-userns");
            assertThat(Files.readString(Inside.path(init, "/proc/1/mountinfo"))).contains(" /proc ", " /dev/pts ",
                    " /dev/console ");
            List<DomainStatsRecord> stats = c.domainStats(List.of(d));
            assertThat(stats.get(0).stats()).containsKey("cpu.time");
            d.shutdown();
            TestRootfs.awaitLog(f.log("ct-userns"), "CT-TERM", 1, t0, 5000);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (d.isActive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(d.isActive()).isFalse();
            assertThat(Inside.ended(init)).isTrue();
        }
    }
}
