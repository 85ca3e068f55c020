package org.virtlayer.network.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ModificationImpact;
import org.virtlayer.api.Network;
import org.virtlayer.api.NetworkDhcpLease;
import org.virtlayer.api.NetworkUpdateCommand;
import org.virtlayer.api.NetworkUpdateSection;
import org.virtlayer.api.event.NetworkEvent;
import org.virtlayer.api.event.NetworkEventType;
import org.virtlayer.spi.NetworkPort;
import org.virtlayer.spi.NetworkPortRequest;
import org.virtlayer.spi.NetworkService;

/**
 * A NAT network in a network namespace of the test's own: it starts, a guest plugged in through a network port gets
 * a DHCP lease in the network's range and the API lists it, a static host added live is served without restarting
 * dnsmasq, and destroy leaves no bridge, no dnsmasq and no nftables table. The host's own namespace is compared before
 * and after.
 */
class NatNetworkTest {
    static final String NAT = """
            <network>
              <name>nat1</name>
              <forward mode='nat'/>
              <ip address='192.168.150.1' netmask='255.255.255.0'>
                <dhcp>
                  <range start='192.168.150.100' end='192.168.150.199'/>
                </dhcp>
              </ip>
            </network>""";

    private static String host;
    private static String ns;
    private NetworkNode node;
    private Connection conn;

    @BeforeAll
    static void namespace() {
        host = Netns.hostSnapshot();
        ns = Netns.create("vl-nat");
    }

    @AfterAll
    static void hostUntouched() {
        Netns.delete(ns);
        assertThat(Netns.hostSnapshot()).isEqualTo(host);
    }

    @BeforeEach
    void open() throws Exception {
        node = new NetworkNode(ns);
        conn = node.open();
    }

    @AfterEach
    void close() {
        node.close();
    }

    private List<NetworkDhcpLease> awaitLeases(Network n, String mac) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        List<NetworkDhcpLease> l = n.dhcpLeases(mac);
        while (l.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            l = n.dhcpLeases(mac);
        }
        return l;
    }

    @Test
    void aNatNetworkLeasesAddressesAndLeavesNothingBehind() throws Exception {
        BlockingQueue<NetworkEvent> events = new LinkedBlockingQueue<>();
        conn.addNetworkEventListener(events::add);
        Network net = conn.defineNetwork(NAT);
        net.start();

        // the bridge, its address, its rules, forwarding and dnsmasq, all in the test's namespace
        String bridge = net.bridgeName();
        assertThat(bridge).isEqualTo("virbr0");
        String mac = net.xml(false).replaceAll("(?s).*<mac address='([^']+)'/>.*", "$1");
        assertThat(net.xml(false)).as("live, as libvirt shows it").contains("<forward mode='nat'>\n    <nat>\n"
                + "      <port start='1024' end='65535'/>\n    </nat>\n  </forward>");
        assertThat(net.xml(true)).contains("<forward mode='nat'/>");
        assertThat(mac).matches("52:54:00(:[0-9a-f]{2}){3}");
        assertThat(Netns.exec(ns, "ip", "-o", "link", "show", "dev", bridge)).contains(",UP", mac);
        assertThat(Netns.exec(ns, "ip", "-o", "-4", "addr", "show", "dev", bridge))
                .contains("inet 192.168.150.1/24 brd 192.168.150.255");
        String table = Netns.exec(ns, "nft", "list", "table", "inet", "virtlayer_virbr0");
        assertThat(table).contains("masquerade", "192.168.150.0/24", "ct state established,related accept");
        assertThat(Netns.exec(ns, "cat", "/proc/sys/net/ipv4/ip_forward").strip()).isEqualTo("1");
        long pid = Long.parseLong(Files.readString(node.runtimeFile("dnsmasq/nat1.pid")).strip());
        assertThat(Netns.alive(pid)).isTrue();
        assertThat(Files.readString(node.runtimeFile("dnsmasq/nat1.conf"))).contains("interface=virbr0",
                "dhcp-range=192.168.150.100,192.168.150.199,255.255.255.0", "dhcp-lease-max=100");

        // a guest NIC plugged in as the LXC driver will do it, through a network port
        NetworkService driverSide = node.driverNetworks();
        NetworkPort port = driverSide.createPort(driverSide.lookupNetworkByName("nat1"),
                new NetworkPortRequest("guest1", UUID.randomUUID(), null));
        assertThat(port.bridge()).isEqualTo("virbr0");
        assertThat(port.namespace()).isEqualTo(ns);
        assertThat(net.xml(false)).contains("<network connections='1'>");
        try (GuestNic guest = new GuestNic(port)) {
            String ip = guest.dhcp("guest1");
            assertThat(ip).startsWith("192.168.150.");
            int last = Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1));
            assertThat(last).isBetween(100, 199);

            List<NetworkDhcpLease> leases = awaitLeases(net, port.mac());
            assertThat(leases).hasSize(1);
            NetworkDhcpLease lease = leases.get(0);
            assertThat(lease.ipAddress()).isEqualTo(ip);
            assertThat(lease.mac()).isEqualTo(port.mac());
            assertThat(lease.prefix()).isEqualTo(24);
            assertThat(lease.iface()).isEqualTo("virbr0");
            assertThat(lease.hostname()).isEqualTo("guest1");
            assertThat(lease.ipv6()).isFalse();
            assertThat(lease.expiryTime()).isGreaterThan(System.currentTimeMillis() / 1000);
            assertThat(net.dhcpLeases(null)).contains(lease);
            assertThat(net.dhcpLeases("52:54:00:ff:ff:ff")).isEmpty();
        }

        // a static host, added live and to the persistent definition, is served by the same dnsmasq
        net.update(NetworkUpdateCommand.ADD_LAST, NetworkUpdateSection.IP_DHCP_HOST, -1,
                "<host mac='52:54:00:00:00:42' name='fixed' ip='192.168.150.42'/>", ModificationImpact.LIVE,
                ModificationImpact.CONFIG);
        assertThat(Long.parseLong(Files.readString(node.runtimeFile("dnsmasq/nat1.pid")).strip()))
                .as("reloaded with SIGHUP, not restarted").isEqualTo(pid);
        assertThat(Files.readString(node.runtimeFile("dnsmasq/nat1.hostsfile")))
                .isEqualTo("52:54:00:00:00:42,192.168.150.42,fixed\n");
        assertThat(net.xml(false)).contains("<host mac='52:54:00:00:00:42' name='fixed' ip='192.168.150.42'/>");
        assertThat(net.xml(true)).contains("<host mac='52:54:00:00:00:42' name='fixed' ip='192.168.150.42'/>");
        NetworkPort fixedPort = driverSide.createPort(driverSide.lookupNetworkByName("nat1"),
                new NetworkPortRequest("fixed", UUID.randomUUID(), "52:54:00:00:00:42"));
        try (GuestNic fixed = new GuestNic(fixedPort)) {
            assertThat(fixed.dhcp("whatever")).isEqualTo("192.168.150.42");
            assertThat(awaitLeases(net, "52:54:00:00:00:42")).extracting(NetworkDhcpLease::ipAddress)
                    .containsExactly("192.168.150.42");
        }
        net.update(NetworkUpdateCommand.DELETE, NetworkUpdateSection.IP_DHCP_HOST, -1,
                "<host mac='52:54:00:00:00:42'/>", ModificationImpact.LIVE);
        assertThat(Files.readString(node.runtimeFile("dnsmasq/nat1.hostsfile"))).isEmpty();
        assertThat(net.xml(true)).as("only the live definition changed").contains("192.168.150.42");

        // destroy: nothing is left
        net.destroy();
        assertThat(Netns.succeeds(ns, "ip", "link", "show", "dev", "virbr0")).isFalse();
        assertThat(Netns.exec(ns, "nft", "list", "tables")).doesNotContain("virtlayer");
        assertThat(Netns.alive(pid)).isFalse();
        assertThat(node.runtimeFile("dnsmasq/nat1.conf")).doesNotExist();
        assertThat(node.runtimeFile("dnsmasq/nat1.pid")).doesNotExist();
        assertThat(node.runtimeFile("dnsmasq/nat1.leases")).doesNotExist();
        assertThat(net.dhcpLeases(null)).isEmpty();
        assertThat(net.isActive()).isFalse();
        assertThat(driverSide.listPorts(driverSide.lookupNetworkByName("nat1"))).isEmpty();
        net.undefine();

        List<NetworkEventType> seen = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            NetworkEvent e = events.poll(5, TimeUnit.SECONDS);
            assertThat(e).as("event %d of 4", i + 1).isNotNull();
            seen.add(e.type());
        }
        assertThat(seen).containsExactly(NetworkEventType.DEFINED, NetworkEventType.STARTED,
                NetworkEventType.STOPPED, NetworkEventType.UNDEFINED);
    }
}
