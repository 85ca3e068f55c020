package org.virtlayer.itests.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.Network;
import org.virtlayer.driver.lxc.TestRootfs;
import org.virtlayer.driver.qemu.TestGuest;

/**
 * Autostart has no connection: the drivers reach the network backend through the core's node context. Here the
 * backend even comes after the drivers, as a bundle that starts later does: the guest and the container wait for it,
 * then start on their network with ports and host devices as any start has them.
 */
class AutostartOnANetworkTest {
    private static final String NETWORK = "<network><name>vlauto</name><forward mode='nat'/><bridge stp='off'/>"
            + "<ip address='192.168.151.1' prefix='24'><dhcp><range start='192.168.151.100'"
            + " end='192.168.151.199'/></dhcp></ip></network>";
    private static final String NIC = "    <interface type='network'><source network='vlauto'/>"
            + "<model type='virtio'/></interface>\n";

    @Test
    void aGuestAndAContainerAutostartOnANetworkWhoseBackendComesAfterTheDrivers() throws Exception {
        try (NodeFixture f = new NodeFixture()) {
            try (Connection qemu = f.factory.open("qemu:///system"); Connection lxc = f.factory.open("lxc:///system")) {
                qemu.defineNetwork(NETWORK).start();
                qemu.defineDomain(TestGuest.domainXml("vm-auto", f.file("vm-auto.log"), "qemu", NIC))
                        .setAutostart(true);
                lxc.defineDomain(TestRootfs.domainXml("ct-auto", 32, NIC)).setAutostart(true);
            }
            // the network keeps running without its backend (networks are the node's); the drivers start again
            f.removeNetworkBackend();
            f.restartDrivers();
            Thread.sleep(300);
            try (Connection qemu = f.factory.open("qemu:///system"); Connection lxc = f.factory.open("lxc:///system")) {
                Domain vm = qemu.lookupDomainByName("vm-auto");
                Domain ct = lxc.lookupDomainByName("ct-auto");
                assertThat(vm.isActive()).as("waiting for the network backend").isFalse();
                assertThat(ct.isActive()).isFalse();

                f.addNetworkBackend();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                // running, not merely active: a QEMU domain is active (paused) while its start is still under way
                while (vm.state().state() != DomainState.RUNNING || ct.state().state() != DomainState.RUNNING) {
                    assertThat(System.nanoTime()).as("both autostarted once the backend came").isLessThan(deadline);
                    Thread.sleep(50);
                }
                Network net = qemu.lookupNetworkByName("vlauto");
                String bridge = net.bridgeName();
                assertThat(net.xml(false)).contains("connections='2'");
                String tap = group("<target dev='(vnet\\d+)'/>", vm.xml());
                String veth = group("<target dev='(veth\\d+)'/>", ct.xml());
                assertThat(vm.xml()).contains("portid='", "bridge='" + bridge + "'");
                assertThat(TestNetns.link(f.netns, tap)).contains("master " + bridge);
                assertThat(TestNetns.link(f.netns, veth)).contains("master " + bridge);

                vm.destroy();
                ct.destroy();
                assertThat(net.xml(false)).doesNotContain("connections=");
                assertThat(TestNetns.links(f.netns)).doesNotContain(tap, veth);
            }
        }
    }

    private static String group(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("/" + regex + "/ in " + text).isTrue();
        return m.group(1);
    }
}
