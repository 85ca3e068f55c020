package org.virtlayer.network.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Network;
import org.virtlayer.spi.NetworkPort;
import org.virtlayer.spi.NetworkPortRequest;
import org.virtlayer.spi.NetworkService;

/**
 * Running networks outlive the backend: after a bundle restart they are found again with the same bridge, dnsmasq and
 * ports; a dnsmasq that died meanwhile is started again; a network whose bridge vanished is cleaned up and inactive.
 */
class ReattachTest {
    /** Static hosts only and no spanning tree: a lease at once, no waiting for ping checks or port states. */
    static final String NET = """
            <network>
              <name>%s</name>
              <forward mode='nat'/>
              <bridge name='%s' stp='off'/>
              <ip address='%s.1' prefix='24'>
                <dhcp>
                  <host mac='52:54:00:00:01:01' name='one' ip='%s.11'/>
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
        ns = Netns.create("vl-reattach");
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

    private long pid(String network) throws Exception {
        return Long.parseLong(Files.readString(node.runtimeFile("dnsmasq/" + network + ".pid")).strip());
    }

    @Test
    void aRunningNetworkIsFoundAgainWithItsDnsmasqAndPorts() throws Exception {
        Network net = conn.defineNetwork(NET.formatted("keep", "vlkeep0", "10.77.1", "10.77.1"));
        net.start();
        long pid = pid("keep");
        NetworkService driverSide = node.driverNetworks();
        NetworkPort port = driverSide.createPort(driverSide.lookupNetworkByName("keep"),
                new NetworkPortRequest("one", UUID.randomUUID(), "52:54:00:00:01:01"));

        node.restartBackend();
        Connection again = node.open();
        Network found = again.lookupNetworkByName("keep");
        assertThat(found.isActive()).isTrue();
        assertThat(pid("keep")).as("the same dnsmasq").isEqualTo(pid);
        assertThat(Netns.alive(pid)).isTrue();
        NetworkService driverAgain = node.driverNetworks();
        assertThat(driverAgain.listPorts(driverAgain.lookupNetworkByName("keep"))).containsExactly(port);
        try (GuestNic guest = new GuestNic(port)) {
            assertThat(guest.dhcp("one")).isEqualTo("10.77.1.11");
        }

        // dnsmasq dies while the backend is away: it is started again
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        while (Netns.alive(pid)) {
            Thread.sleep(10);
        }
        node.restartBackend();
        Network third = node.open().lookupNetworkByName("keep");
        assertThat(third.isActive()).isTrue();
        long restarted = pid("keep");
        assertThat(restarted).isNotEqualTo(pid);
        assertThat(Netns.alive(restarted)).isTrue();

        third.destroy();
        assertThat(Netns.succeeds(ns, "ip", "link", "show", "dev", "vlkeep0")).isFalse();
        assertThat(Netns.exec(ns, "nft", "list", "tables")).doesNotContain("virtlayer_vlkeep0");
        assertThat(Netns.alive(restarted)).isFalse();
        third.undefine();
    }

    @Test
    void aNetworkWhoseBridgeVanishedIsCleanedUp() throws Exception {
        Network net = conn.createNetwork(NET.formatted("gone", "vlgone0", "10.77.2", "10.77.2"));
        long pid = pid("gone");
        Netns.exec(ns, "ip", "link", "del", "dev", "vlgone0");

        node.restartBackend();
        Connection again = node.open();
        assertThat(again.listNetworks()).extracting(Network::name).doesNotContain("gone");
        assertThat(Netns.alive(pid)).isFalse();
        assertThat(Netns.exec(ns, "nft", "list", "tables")).doesNotContain("virtlayer_vlgone0");
        assertThat(net.connection()).isNotNull();
    }

    @Test
    void anAutostartNetworkStartsWithTheBackend() throws Exception {
        Network net = conn.defineNetwork(NET.formatted("auto", "vlauto0", "10.77.3", "10.77.3"));
        net.setAutostart(true);
        assertThat(net.isActive()).isFalse();
        node.restartBackend();
        Network started = node.open().lookupNetworkByName("auto");
        assertThat(started.isActive()).isTrue();
        assertThat(started.autostart()).isTrue();
        assertThat(Netns.succeeds(ns, "ip", "link", "show", "dev", "vlauto0")).isTrue();
        started.destroy();
        started.undefine();
    }
}
