package org.virtlayer.driver.test.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.ModificationImpact;
import org.virtlayer.api.Network;
import org.virtlayer.api.NetworkUpdateCommand;
import org.virtlayer.api.NetworkUpdateSection;
import org.virtlayer.api.VirtException;
import org.virtlayer.core.internal.ConnectionFactoryImpl;

/**
 * virNetworkUpdate on the test node keeps the running network and its persistent definition apart, as libvirt's test
 * driver does: {@code default} starts running with one definition for both.
 */
class NetworkUpdateTest {
    private final ConnectionFactoryImpl factory = TestFactories.withTestDriver();
    private final Connection c = factory.open("test:///default");
    private final Network n = c.lookupNetworkByName("default");

    @AfterEach
    void close() {
        c.close();
        factory.deactivate();
    }

    private void add(String mac, ModificationImpact... impact) {
        n.update(NetworkUpdateCommand.ADD_LAST, NetworkUpdateSection.IP_DHCP_HOST, -1,
                "<host mac='" + mac + "' ip='192.168.122." + (mac.charAt(mac.length() - 1) - '0' + 10) + "'/>",
                impact);
    }

    @Test
    void liveAndPersistentChangesStayOnTheirSide() {
        add("52:54:00:00:00:01", ModificationImpact.LIVE, ModificationImpact.CONFIG);
        add("52:54:00:00:00:02");
        add("52:54:00:00:00:03", ModificationImpact.CONFIG);
        add("52:54:00:00:00:04", ModificationImpact.LIVE);
        assertThat(n.xml(false)).contains(":01'").contains(":02'").doesNotContain(":03'").contains(":04'");
        assertThat(n.xml(true)).contains(":01'").doesNotContain(":02'").contains(":03'").doesNotContain(":04'");
        n.destroy();
        assertThat(n.xml(false)).as("a stopped network shows its definition").doesNotContain(":02'")
                .contains(":03'");
        add("52:54:00:00:00:05");
        n.start();
        assertThat(n.xml(false)).contains(":03'").contains(":05'");
    }

    @Test
    void aTransientNetworkHasNoDefinitionToChange() {
        Network t = c.createNetwork("<network><name>t</name><bridge name='virbr7'/>"
                + "<ip address='192.168.7.1' netmask='255.255.255.0'><dhcp/></ip></network>");
        assertThatThrownBy(() -> t.update(NetworkUpdateCommand.ADD_LAST, NetworkUpdateSection.IP_DHCP_HOST, -1,
                "<host mac='52:54:00:00:00:07' ip='192.168.7.7'/>", ModificationImpact.CONFIG))
                .isInstanceOfSatisfying(VirtException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_INVALID));
        t.update(NetworkUpdateCommand.ADD_LAST, NetworkUpdateSection.IP_DHCP_HOST, -1,
                "<host mac='52:54:00:00:00:07' ip='192.168.7.7'/>");
        assertThat(t.xml(false)).contains("52:54:00:00:00:07");
    }
}
