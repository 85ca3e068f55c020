package org.virtlayer.itests.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.api.Network;
import org.virtlayer.api.NetworkDhcpLease;
import org.virtlayer.api.StatsGroup;
import org.virtlayer.api.StoragePool;
import org.virtlayer.api.StorageVolume;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.core.testkit.Events;
import org.virtlayer.driver.lxc.TestRootfs;
import org.virtlayer.driver.qemu.TestGuest;
import org.virtlayer.linux.Syscalls;
import org.virtlayer.spi.MacAddresses;

/**
 * A QEMU guest (TCG, the test guest's kernel and initramfs) and a container (the busybox root) on one NAT network of
 * the network-bridge backend, all of whose devices are in a network namespace the test creates. The guest also has a
 * disk that is a qcow2 volume of a dir pool. One guest boot for all of it:
 * <ul>
 * <li>the guest boots from the pool's volume (GUEST-READY lists vda) and gets an address in the network's range by
 * DHCP (GUEST-IP), which the network lists as a lease;</li>
 * <li>its tap is in the namespace on the network's bridge, with the host side's MAC; QEMU has it as a descriptor;</li>
 * <li>a NIC plugged into the running guest gets a port and a tap of its own, and both go when it is unplugged;</li>
 * <li>a container on the network, its veth's host end on the same bridge, pings the guest, and again after a reboot
 * (same port, its veth made again);</li>
 * <li>both drivers restarted (bundle refreshes): guest, container, taps, veths and ports stay;</li>
 * <li>the container destroyed and the guest's QEMU killed (a crash): their veth, tap and ports go; the network
 * destroyed: no bridge, no dnsmasq, no nftables table, nothing in the namespace but its loopback;</li>
 * <li>the host's own network shows no trace of any of it, at any time.</li>
 * </ul>
 */
class GuestAndContainerOnANetworkTest {
    private static final String NETWORK = "<network><name>vlnat</name><forward mode='nat'/>"
            // spanning tree off: a new port forwards at once instead of after the kernel's 4 s of STP states
            + "<bridge stp='off'/>"
            + "<ip address='192.168.150.1' prefix='24'><dhcp><range start='192.168.150.100' end='192.168.150.199'/>"
            + "</dhcp></ip></network>";
    private static final String NIC = "<interface type='network'><source network='vlnat'/><model type='virtio'/>"
            + "</interface>";

    @Test
    void aGuestOnANatNetworkGetsALeaseAContainerReachesItAndNothingIsLeftBehind() throws Exception {
        String hostBefore = TestNetns.hostSnapshot();
        try (NodeFixture f = new NodeFixture()) {
            Connection qemu = f.factory.open("qemu:///system");
            Connection lxc = f.factory.open("lxc:///system");
            Network net = qemu.defineNetwork(NETWORK);
            net.start();
            String bridge = net.bridgeName();
            assertThat(TestNetns.links(f.netns)).contains(bridge);
            StorageVolume disk = pool(qemu, f.file("pool")).createVolume("<volume><name>data.qcow2</name>"
                    + "<capacity unit='MiB'>64</capacity><target><format type='qcow2'/></target></volume>");

            // ---- the guest: a volume disk and a NIC on the network, no MAC given
            Path serial = f.file("vm.log");
            Domain vm = qemu.defineDomain(TestGuest.domainXml("vm-net", serial, "qemu",
                    "    <disk type='volume' device='disk'><source pool='vlpool' volume='data.qcow2'/>"
                            + "<target dev='vda' bus='virtio'/></disk>\n    " + NIC + "\n"));
            String vmMac = first("<mac address='([0-9a-f:]+)'/>", vm.xml());
            assertThat(vmMac).as("generated as libvirt does").startsWith(MacAddresses.LIBVIRT_PREFIX);
            long t0 = System.nanoTime();
            vm.start();
            String live = vm.xml();
            String port = first("<source network='vlnat' portid='([0-9a-f-]{36})' bridge='" + bridge + "'/>", live);
            String tap = first("<target dev='(vnet\\d+)'/>", live);
            assertThat(TestNetns.link(f.netns, tap)).contains("master " + bridge, "tun type tap",
                    MacAddresses.hostSideOf(vmMac));
            assertThat(live).contains("<driver name='qemu' type='qcow2'/>", "file='" + disk.path() + "'");
            String argv = String.join(" ", cmdline(f.qemuPid(vm)));
            assertThat(argv).as("the tap as a descriptor, the volume with its recorded format")
                    .contains("\"type\":\"tap\",\"fd\":\"10\"", "\"driver\":\"qcow2\",\"file\":\"libvirt-");
            assertThat(net.xml(false)).contains("connections='1'");
            assertNoTraceOnTheHost(bridge, vmMac);

            TestGuest.awaitLog(serial, "GUEST-READY", 1, t0, 60_000);
            assertThat(Files.readString(serial)).containsPattern("GUEST-READY .*disks=vda,");
            TestGuest.awaitLog(serial, "GUEST-IP eth0 ", 1, t0, 60_000);
            String guestIp = first("GUEST-IP eth0 (\\S+)", Files.readString(serial));
            assertThat(guestIp).as("in the network's DHCP range").matches("192\\.168\\.150\\.1\\d\\d");
            List<NetworkDhcpLease> leases = net.dhcpLeases(vmMac);
            assertThat(leases).singleElement().satisfies(l -> {
                assertThat(l.ipAddress()).isEqualTo(guestIp);
                assertThat(l.iface()).isEqualTo(bridge);
                assertThat(l.prefix()).isEqualTo(24);
            });

            // ---- a NIC plugged into the running guest: a port and a tap of its own; unplugged: both gone
            vm.attachDevice(NIC);
            String plugged = vm.xml();
            List<String> ports = all("portid='([0-9a-f-]{36})'", plugged);
            List<String> taps = all("<target dev='(vnet\\d+)'/>", plugged);
            assertThat(ports).hasSize(2).contains(port);
            assertThat(taps).hasSize(2).contains(tap);
            String tap2 = taps.get(1).equals(tap) ? taps.get(0) : taps.get(1);
            assertThat(TestNetns.link(f.netns, tap2)).contains("master " + bridge);
            assertThat(net.xml(false)).contains("connections='2'");
            Map<String, Object> stats = vm.stats(StatsGroup.INTERFACE).stats();
            assertThat(stats).containsEntry("net.count", 2).containsEntry("net.0.name", tap);
            assertThat((Long) stats.get("net.0.tx.pkts")).as("the guest's DHCP requests, counted in the namespace")
                    .isPositive();
            String mac2 = all("<mac address='([0-9a-f:]+)'/>", plugged).get(1);
            vm.detachDevice("<interface type='network'><mac address='" + mac2 + "'/><source network='vlnat'/>"
                    + "<model type='virtio'/></interface>");
            awaitTrue(() -> !vm.xml().contains(mac2) && !TestNetns.links(f.netns).contains(tap2)
                    && !net.xml(false).contains("connections='2'"), "the NIC, its tap and its port gone");
            assertThat(net.xml(false)).contains("connections='1'");

            // ---- a container on the same network reaches the guest
            Domain ct = lxc.defineDomain(TestRootfs.domainXml("ct-net", 32, "    <interface type='network'>"
                    + "<source network='vlnat'/><ip address='192.168.150.50' prefix='24'/></interface>\n"));
            String ctMac = first("<mac address='([0-9a-f:]+)'/>", ct.xml());
            ct.start();
            String ctLive = ct.xml();
            String ctPort = first("<source network='vlnat' portid='([0-9a-f-]{36})' bridge='" + bridge + "'/>",
                    ctLive);
            String veth = first("<target dev='(veth\\d+)'/>", ctLive);
            assertThat(TestNetns.link(f.netns, veth)).contains("master " + bridge, "veth",
                    MacAddresses.hostSideOf(ctMac));
            int init = f.containerInit(ct);
            assertThat(inContainer(init, "ip", "-o", "link", "show", "dev", "eth0")).contains(ctMac);
            assertThat(inContainer(init, "ping", "-c", "1", "-W", "5", guestIp)).contains("1 packets received");
            assertThat(net.xml(false)).contains("connections='2'");
            assertNoTraceOnTheHost(bridge, ctMac);
            // a reboot starts it again in place: a new veth in the namespace, the same port
            Path ctLog = f.file("state/lxc/log/ct-net.log");
            long reboot = System.nanoTime();
            ct.reboot();
            TestRootfs.awaitLog(ctLog, "CT-READY", 2, reboot, 10_000);
            init = f.containerInit(ct);
            assertThat(ct.xml()).contains("portid='" + ctPort + "'", "<target dev='" + veth + "'/>");
            assertThat(TestNetns.link(f.netns, veth)).contains("master " + bridge);
            assertThat(net.xml(false)).contains("connections='2'");
            assertThat(inContainer(init, "ping", "-c", "1", "-W", "5", guestIp)).contains("1 packets received");

            // ---- both drivers restarted: everything running stays as it is, ports included
            f.restartDrivers();
            qemu = f.factory.open("qemu:///system");
            lxc = f.factory.open("lxc:///system");
            Domain vmAgain = qemu.lookupDomainByName("vm-net");
            Domain ctAgain = lxc.lookupDomainByName("ct-net");
            assertThat(vmAgain.isActive()).isTrue();
            assertThat(vmAgain.xml()).contains("portid='" + port + "'", "<target dev='" + tap + "'/>");
            assertThat(ctAgain.isActive()).isTrue();
            Network netAgain = qemu.lookupNetworkByName("vlnat");
            assertThat(netAgain.xml(false)).contains("connections='2'");
            assertThat(TestNetns.link(f.netns, tap)).contains("master " + bridge);
            assertThat(inContainer(init, "ping", "-c", "1", "-W", "5", guestIp)).contains("1 packets received");
            assertThat((Long) vmAgain.stats(StatsGroup.INTERFACE).stats().get("net.0.tx.pkts")).isPositive();

            // ---- the container destroyed, the guest's QEMU dying: veth, tap and ports go with them
            ctAgain.destroy();
            assertThat(TestNetns.links(f.netns)).doesNotContain(veth);
            assertThat(netAgain.xml(false)).contains("connections='1'");
            Events after = new Events(qemu);
            int pid = f.qemuPid(vmAgain);
            Syscalls.kill(pid, Syscalls.SIGKILL);
            after.expect(10_000, DomainEventDetail.STOPPED_FAILED);
            assertThat(vmAgain.state().reason()).isEqualTo(DomainStateReason.SHUTOFF_CRASHED);
            assertThat(TestNetns.links(f.netns)).doesNotContain(tap);
            assertThat(netAgain.xml(false)).doesNotContain("connections=");

            // ---- the network destroyed: nothing of it is left in the namespace
            long dnsmasq = Long.parseLong(Files.readString(f.file("run/network/dnsmasq/vlnat.pid")).strip());
            assertThat(ProcessHandle.of(dnsmasq).map(ProcessHandle::isAlive)).contains(true);
            netAgain.destroy();
            assertThat(TestNetns.links(f.netns)).containsExactly("lo");
            assertThat(TestNetns.exec(f.netns, "nft", "list", "tables")).isBlank();
            assertThat(TestNetns.run("ip", "netns", "pids", f.netns)).as("no dnsmasq, nothing running in it")
                    .isBlank();
            awaitTrue(() -> !ProcessHandle.of(dnsmasq).map(ProcessHandle::isAlive).orElse(false), "dnsmasq ended");
            qemu.close();
            lxc.close();
        }
        assertThat(TestNetns.hostSnapshot()).as("the host's own interfaces, addresses and nftables tables")
                .isEqualTo(hostBefore);
    }

    private static StoragePool pool(Connection c, Path dir) {
        StoragePool pool = c.defineStoragePool("<pool type='dir'><name>vlpool</name><target><path>" + dir
                + "</path></target></pool>");
        pool.build();
        pool.start();
        return pool;
    }

    /** Nothing of the test's network in the host's own namespace: not its bridge, no device with a test MAC. */
    private static void assertNoTraceOnTheHost(String bridge, String guestMac) {
        String links = TestNetns.run("ip", "-o", "link", "show");
        assertThat(links).doesNotContain(guestMac, MacAddresses.hostSideOf(guestMac));
        assertThat(TestNetns.run("nft", "list", "tables")).doesNotContain("virtlayer_" + bridge);
    }

    /** A command of the host's busybox, in the container's network namespace. */
    private static String inContainer(int init, String... applet) {
        List<String> c = new ArrayList<>(List.of("nsenter", "-t", Integer.toString(init), "-n", "--", "busybox"));
        c.addAll(List.of(applet));
        return TestNetns.run(c.toArray(String[]::new));
    }

    private static List<String> cmdline(int pid) throws IOException {
        return List.of(Files.readString(Path.of("/proc/" + pid + "/cmdline")).split("\0"));
    }

    private static String first(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("/" + regex + "/ in " + text).isTrue();
        return m.group(1);
    }

    private static List<String> all(String regex, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static void awaitTrue(BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
