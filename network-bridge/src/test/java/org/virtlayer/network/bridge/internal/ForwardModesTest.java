package org.virtlayer.network.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.Network;
import org.virtlayer.api.VirtException;
import org.virtlayer.spi.MacAddresses;
import org.virtlayer.spi.NetworkPort;
import org.virtlayer.spi.NetworkPortRequest;
import org.virtlayer.spi.NetworkService;

/** Each forward mode makes what it should and nothing more, and takes it all away again. */
class ForwardModesTest {
    private static String host;
    private static String ns;
    private NetworkNode node;
    private Connection conn;

    @BeforeAll
    static void namespace() {
        host = Netns.hostSnapshot();
        ns = Netns.create("vl-modes");
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

    private static String network(String name, String forward, String subnet) {
        return "<network><name>" + name + "</name>" + forward + "<bridge name='vl" + name + "0' stp='off'/>"
                + "<ip address='" + subnet + ".1' prefix='24'/></network>";
    }

    private String table(String bridge) {
        return Netns.exec(ns, "nft", "list", "table", "inet", "virtlayer_" + bridge);
    }

    private void assertGone(Network n, String bridge) {
        n.destroy();
        assertThat(Netns.succeeds(ns, "ip", "link", "show", "dev", bridge)).isFalse();
        assertThat(Netns.exec(ns, "nft", "list", "tables")).doesNotContain("virtlayer_" + bridge);
        assertThat(node.runtimeFile("dnsmasq/" + n.name() + ".conf")).doesNotExist();
    }

    @Test
    void routeForwardsBothWaysWithoutTranslation() {
        Network n = conn.createNetwork(network("route", "<forward mode='route'/>", "10.88.1"));
        String t = table("vlroute0");
        assertThat(t).contains("oifname \"vlroute0\" ip daddr 10.88.1.0/24 accept",
                "iifname \"vlroute0\" ip saddr 10.88.1.0/24 accept").doesNotContain("masquerade", "ct state");
        assertThat(Netns.exec(ns, "cat", "/proc/sys/net/ipv4/ip_forward").strip()).isEqualTo("1");
        assertGone(n, "vlroute0");
    }

    @Test
    void natHonoursTheForwardDeviceAndPortRange() {
        Network n = conn.createNetwork(network("natdev", "<forward mode='nat' dev='lo'><nat><port start='2000'"
                + " end='3000'/></nat></forward>", "10.88.2"));
        assertThat(table("vlnatdev0")).contains("oifname \"lo\" meta l4proto { tcp, udp } masquerade to :2000-3000");
        assertGone(n, "vlnatdev0");
    }

    @Test
    void anIsolatedNetworkOnlyLetsItsGuestsTalkToEachOther() {
        Network n = conn.createNetwork(network("iso", "", "10.88.3"));
        String t = table("vliso0");
        assertThat(t).contains("iifname \"vliso0\" oifname \"vliso0\" accept", "iifname \"vliso0\" reject",
                "oifname \"vliso0\" reject").doesNotContain("saddr", "masquerade", "postrouting");
        assertGone(n, "vliso0");
    }

    @Test
    void anOpenNetworkHasNoRulesAtAll() {
        Network n = conn.createNetwork(network("open", "<forward mode='open'/>", "10.88.4"));
        assertThat(Netns.succeeds(ns, "ip", "link", "show", "dev", "vlopen0")).isTrue();
        assertThat(Netns.exec(ns, "nft", "list", "tables")).doesNotContain("virtlayer_vlopen0");
        assertGone(n, "vlopen0");
    }

    @Test
    void aBridgeNetworkUsesTheHostBridgeAndLeavesItAlone() {
        Netns.exec(ns, "ip", "link", "add", "hostbr0", "type", "bridge");
        Network n = conn.createNetwork("<network><name>hostbr</name><forward mode='bridge'/>"
                + "<bridge name='hostbr0'/></network>");
        assertThat(n.bridgeName()).isEqualTo("hostbr0");
        NetworkService driverSide = node.driverNetworks();
        NetworkPort p = driverSide.createPort(driverSide.lookupNetworkByName("hostbr"),
                new NetworkPortRequest("vm", UUID.randomUUID(), null));
        assertThat(p.plugType()).isEqualTo(NetworkPort.PLUG_BRIDGE);
        assertThat(p.bridge()).isEqualTo("hostbr0");
        assertThat(Netns.exec(ns, "nft", "list", "tables")).doesNotContain("virtlayer");
        assertThat(node.runtimeFile("dnsmasq/hostbr.conf")).doesNotExist();
        n.destroy();
        assertThat(Netns.succeeds(ns, "ip", "link", "show", "dev", "hostbr0")).as("the host's bridge stays").isTrue();
        Netns.exec(ns, "ip", "link", "del", "hostbr0");

        assertThatThrownBy(() -> conn.createNetwork("<network><name>nobr</name><forward mode='bridge'/>"
                + "<bridge name='nosuchbr0'/></network>")).isInstanceOfSatisfying(VirtException.class,
                        e -> assertThat(e.getMessage()).contains("'nosuchbr0'", "does not exist"));
    }

    /**
     * The QEMU driver's recipe of docs/networks.md: a tap device in the port's namespace, MAC from
     * {@link MacAddresses#hostSideOf}, MTU from the port, enslaved to the port's bridge.
     */
    @Test
    void aTapMadeFromAPortJoinsTheBridge() {
        Network n = conn.createNetwork("<network><name>tap</name><forward mode='nat'/><bridge name='vltap0'"
                + " stp='off'/><mtu size='9000'/><ip address='10.88.5.1' prefix='24'/></network>");
        NetworkService driverSide = node.driverNetworks();
        NetworkPort p = driverSide.createPort(driverSide.lookupNetworkByName("tap"),
                new NetworkPortRequest("vm", UUID.randomUUID(), "52:54:00:12:34:56"));
        assertThat(p.mtu()).isEqualTo(9000);
        assertThat(p.plugType()).isEqualTo(NetworkPort.PLUG_NETWORK);
        Netns.exec(p.namespace(), "ip", "tuntap", "add", "dev", "vnet0", "mode", "tap");
        Netns.exec(p.namespace(), "ip", "link", "set", "dev", "vnet0", "address",
                MacAddresses.hostSideOf(p.mac()), "mtu", Integer.toString(p.mtu()), "master", p.bridge(), "up");
        assertThat(Netns.exec(ns, "ip", "-o", "link", "show", "dev", "vnet0")).contains("master vltap0",
                "mtu 9000", "fe:54:00:12:34:56");
        assertThat(Netns.exec(ns, "ip", "-o", "link", "show", "dev", "vltap0")).as("the bridge keeps its own MAC")
                .contains(n.xml(false).replaceAll("(?s).*<mac address='([^']+)'/>.*", "$1"));
        driverSide.deletePort(driverSide.lookupNetworkByName("tap"), p.uuid());
        assertThatThrownBy(() -> driverSide.deletePort(driverSide.lookupNetworkByName("tap"), p.uuid()))
                .isInstanceOfSatisfying(VirtException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_NETWORK_PORT));
        Netns.exec(ns, "ip", "link", "del", "vnet0");
        assertGone(n, "vltap0");
    }
}
