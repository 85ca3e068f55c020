package org.virtlayer.network.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.ModificationImpact;
import org.virtlayer.api.Network;
import org.virtlayer.api.NetworkUpdateCommand;
import org.virtlayer.api.NetworkUpdateSection;
import org.virtlayer.api.VirtException;

/**
 * Definitions: bridge names and MAC addresses assigned as libvirt assigns them and kept, libvirt's refusals, and no
 * value of a definition can put a line of its own into dnsmasq's configuration.
 */
class NetworkDefinitionsTest {
    private static String ns;
    private NetworkNode node;
    private Connection conn;

    @BeforeAll
    static void namespace() {
        ns = Netns.create("vl-defs");
    }

    @AfterAll
    static void removeNamespace() {
        Netns.delete(ns);
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

    private static void assertFails(Runnable call, ErrorCode code, String text) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(text);
        });
    }

    private static String net(String name, String extra) {
        return "<network><name>" + name + "</name><forward mode='nat'/>" + extra + "</network>";
    }

    @Test
    void bridgeNamesAreTheFirstFreeOnesAndMacsAreGeneratedOnceAndKept() throws Exception {
        Netns.exec(ns, "ip", "link", "add", "virbr1", "type", "bridge");
        try {
            Network a = conn.defineNetwork(net("a", ""));
            Network b = conn.defineNetwork(net("b", ""));
            Network c = conn.defineNetwork(net("c", "<bridge name='vlx%d'/>"));
            assertThat(a.bridgeName()).isEqualTo("virbr0");
            assertThat(b.bridgeName()).as("virbr1 exists on the host").isEqualTo("virbr2");
            assertThat(c.bridgeName()).isEqualTo("vlx0");
            assertThat(a.xml(true)).contains("<bridge name='virbr0' stp='on' delay='0'/>")
                    .containsPattern("<mac address='52:54:00(:[0-9a-f]{2}){3}'/>");
            String saved = Files.readString(node.state.resolve("network/networks/a.xml"));
            assertThat(saved).isEqualTo(a.xml(true));

            node.restartBackend();
            Network again = node.open().lookupNetworkByName("a");
            assertThat(again.xml(true)).as("the same name and MAC after a restart").isEqualTo(a.xml(true));

            assertFails(() -> conn.defineNetwork(net("d", "<bridge name='virbr0'/>")), ErrorCode.INTERNAL_ERROR,
                    "bridge name 'virbr0' already in use");
            a.undefine();
            assertThat(conn.defineNetwork(net("d", "")).bridgeName()).as("freed by the undefine").isEqualTo("virbr0");
        } finally {
            Netns.exec(ns, "ip", "link", "del", "virbr1");
        }
    }

    @Test
    void libvirtsRefusalsAreKept() {
        assertFails(() -> conn.defineNetwork("<network><name>v</name><forward mode='vepa'/></network>"),
                ErrorCode.CONFIG_UNSUPPORTED, "forward mode 'vepa'");
        assertFails(() -> conn.defineNetwork("<network><name>b</name><forward mode='bridge'/></network>"),
                ErrorCode.XML_ERROR, "no bridge device defined");
        assertFails(() -> conn.defineNetwork("<network><name>b</name><forward mode='bridge'/><bridge name='br0'/>"
                + "<ip address='10.1.1.1' prefix='24'/></network>"), ErrorCode.CONFIG_UNSUPPORTED, "<ip>");
        assertFails(() -> conn.defineNetwork(net("r", "<ip address='10.1.1.1' prefix='24'><dhcp><range"
                + " start='10.1.2.2' end='10.1.2.9'/></dhcp></ip>")), ErrorCode.INVALID_ARG, "not entirely within");
        assertFails(() -> conn.defineNetwork(net("m", "<ip address='10.1.1.1' prefix='24'><dhcp><range"
                + " start='10.1.1.2' end='10.1.1.9'/></dhcp></ip><ip address='10.1.3.1' prefix='24'><dhcp><range"
                + " start='10.1.3.2' end='10.1.3.9'/></dhcp></ip>")), ErrorCode.CONFIG_UNSUPPORTED,
                "Multiple IPv4 dhcp");
        Network t = conn.createNetwork(net("t", "<bridge stp='off'/>"));
        assertFails(() -> t.setAutostart(true), ErrorCode.OPERATION_INVALID, "transient network");
        assertFails(t::start, ErrorCode.OPERATION_INVALID, "already active");
        assertFails(t::undefine, ErrorCode.OPERATION_INVALID, "not persistent");
        t.destroy();
        assertFails(t::destroy, ErrorCode.NO_NETWORK, "t");
    }

    @Test
    void noDefinitionCanSmuggleALineIntoDnsmasq() {
        String[] hostile = {
            "<domain name='x&#10;dhcp-script=/bin/sh'/><ip address='10.2.1.1' prefix='24'/>",
            "<dns><forwarder addr='10.0.0.1&#10;dhcp-script=/bin/sh'/></dns><ip address='10.2.1.1' prefix='24'/>",
            "<dns><host ip='10.2.1.5'><hostname>a&#10;dhcp-script=/bin/sh</hostname></host></dns>"
                + "<ip address='10.2.1.1' prefix='24'/>",
            "<ip address='10.2.1.1' prefix='24'><dhcp><host mac='52:54:00:00:00:01' name='a,b&#10;x' ip='10.2.1.9'/>"
                + "</dhcp></ip>",
            "<ip address='10.2.1.1&#10;x' prefix='24'/>",
            "<ip address='999.2.1.1' prefix='24'/>",
            "<forward mode='nat' dev='eth0&quot; accept'/>",
        };
        for (String h : hostile) {
            String xml = "<network><name>h</name>" + h + "</network>";
            assertThatThrownBy(() -> conn.defineNetwork(xml)).as(h).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isIn(ErrorCode.XML_ERROR, ErrorCode.INVALID_ARG));
        }
        Network n = conn.defineNetwork(net("ok", "<ip address='10.2.1.1' prefix='24'/>"));
        assertFails(() -> n.update(NetworkUpdateCommand.ADD_LAST, NetworkUpdateSection.IP_DHCP_HOST, -1,
                "<host mac='52:54:00:00:00:02' name='evil&#10;dhcp-script=/bin/sh' ip='10.2.1.7'/>",
                ModificationImpact.CONFIG), ErrorCode.XML_ERROR, "invalid host name");
        assertFails(() -> n.update(NetworkUpdateCommand.ADD_LAST, NetworkUpdateSection.DNS_HOST, -1,
                "<host ip='10.2.1.7'/>", ModificationImpact.CONFIG), ErrorCode.NO_SUPPORT, "dns-host");
    }

    @Test
    void dhcpHostsAreAddedChangedAndRemovedInTheDefinition() {
        Network n = conn.defineNetwork(net("hosts", "<ip address='10.3.1.1' prefix='24'><dhcp><range"
                + " start='10.3.1.100' end='10.3.1.200'/></dhcp></ip>"));
        n.update(NetworkUpdateCommand.ADD_LAST, NetworkUpdateSection.IP_DHCP_HOST, -1,
                "<host mac='52:54:00:00:00:0a' name='a' ip='10.3.1.10'/>");
        n.update(NetworkUpdateCommand.ADD_FIRST, NetworkUpdateSection.IP_DHCP_HOST, 0,
                "<host mac='52:54:00:00:00:0b' name='b' ip='10.3.1.11'/>");
        assertThat(n.xml(true)).containsSubsequence("<range start='10.3.1.100' end='10.3.1.200'/>",
                "name='b'", "name='a'");
        assertFails(() -> n.update(NetworkUpdateCommand.ADD_LAST, NetworkUpdateSection.IP_DHCP_HOST, -1,
                "<host mac='52:54:00:00:00:0c' name='a' ip='10.3.1.12'/>"), ErrorCode.OPERATION_INVALID,
                "existing dhcp host entry");
        assertFails(() -> n.update(NetworkUpdateCommand.ADD_LAST, NetworkUpdateSection.IP_DHCP_HOST, -1,
                "<host mac='52:54:00:00:00:0d' name='d' ip='10.9.9.9'/>"), ErrorCode.INVALID_ARG, "not within");
        n.update(NetworkUpdateCommand.MODIFY, NetworkUpdateSection.IP_DHCP_HOST, -1,
                "<host mac='52:54:00:00:00:0a' name='a2' ip='10.3.1.20'/>");
        assertThat(n.xml(true)).contains("name='a2' ip='10.3.1.20'").doesNotContain("name='a' ");
        n.update(NetworkUpdateCommand.DELETE, NetworkUpdateSection.IP_DHCP_HOST, -1, "<host name='b'/>");
        assertThat(n.xml(true)).doesNotContain("name='b'");
        assertFails(() -> n.update(NetworkUpdateCommand.DELETE, NetworkUpdateSection.IP_DHCP_HOST, -1,
                "<host name='b'/>"), ErrorCode.OPERATION_INVALID, "couldn't locate");
        assertFails(() -> n.update(NetworkUpdateCommand.ADD_LAST, NetworkUpdateSection.IP_DHCP_HOST, -1,
                "<host mac='52:54:00:00:00:0e' ip='10.3.1.30'/>", ModificationImpact.LIVE),
                ErrorCode.OPERATION_INVALID, "not active");
    }
}
