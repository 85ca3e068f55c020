package org.virtlayer.network.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.NetworkDhcpLease;
import org.virtlayer.xml.NetworkDef;

/** What dnsmasq is told, and how its lease file is read: plain text in, plain text out. */
class DnsmasqFilesTest {
    private static final DnsmasqFiles FILES = DnsmasqFiles.of(Path.of("/run/vl/dnsmasq"), "n");

    @Test
    void aNatNetworkWithRangeHostsAndDns() {
        NetworkDef def = NetworkDefs.parse("""
                <network>
                  <name>n</name>
                  <forward mode='nat'/>
                  <domain name='lab.example' localOnly='yes'/>
                  <dns>
                    <forwarder addr='192.0.2.53'/>
                    <forwarder domain='corp.example' addr='192.0.2.54'/>
                    <host ip='10.4.1.5'><hostname>db</hostname><hostname>db.lab.example</hostname></host>
                  </dns>
                  <ip address='10.4.1.1' netmask='255.255.255.0'>
                    <dhcp>
                      <range start='10.4.1.100' end='10.4.1.149'/>
                      <host mac='52:54:00:AA:00:01' name='web' ip='10.4.1.10'/>
                    </dhcp>
                  </ip>
                  <ip family='ipv6' address='fd00:4::1' prefix='64'>
                    <dhcp><range start='fd00:4::100' end='fd00:4::1ff'/>
                      <host id='0:1:0:1:2c:1:2:3:52:54:0:0:0:1' name='web6' ip='fd00:4::10'/></dhcp>
                  </ip>
                </network>""");
        List<IpDef> ips = IpDef.of(def.ips(), "n");
        String conf = DnsmasqConfig.of(def, ips, "virbr7", FILES);
        assertThat(conf.lines().filter(l -> !l.startsWith("#")).toList()).containsExactly(
                "strict-order",
                "pid-file=/run/vl/dnsmasq/n.pid",
                "except-interface=lo",
                "bind-dynamic",
                "interface=virbr7",
                "server=192.0.2.53",
                "server=/corp.example/192.0.2.54",
                "local=/lab.example/",
                "domain=lab.example",
                "expand-hosts",
                "dhcp-range=10.4.1.100,10.4.1.149,255.255.255.0",
                "dhcp-range=fd00:4::100,fd00:4::1ff,64",
                "dhcp-no-override",
                "dhcp-authoritative",
                "dhcp-lease-max=306",
                "dhcp-leasefile=/run/vl/dnsmasq/n.leases",
                "dhcp-hostsfile=/run/vl/dnsmasq/n.hostsfile",
                "addn-hosts=/run/vl/dnsmasq/n.addnhosts",
                "enable-ra");
        assertThat(DnsmasqHostsFiles.dhcpHosts(ips)).isEqualTo("52:54:00:aa:00:01,10.4.1.10,web\n"
                + "id:0:1:0:1:2c:1:2:3:52:54:0:0:0:1,[fd00:4::10],web6\n");
        assertThat(DnsmasqHostsFiles.dnsHosts(def)).isEqualTo("10.4.1.5 db db.lab.example\n");
    }

    @Test
    void staticHostsWithoutARangeAndDnsOff() {
        NetworkDef def = NetworkDefs.parse("<network><name>n</name><dns enable='no'/><ip address='10.5.0.1'"
                + " prefix='16'><dhcp><host mac='52:54:00:00:00:01' ip='10.5.3.4'/></dhcp></ip></network>");
        String conf = DnsmasqConfig.of(def, IpDef.of(def.ips(), "n"), "virbr0", FILES);
        assertThat(conf).contains("port=0\n", "dhcp-range=10.5.0.0,static\n").doesNotContain("dhcp-lease-max");
    }

    @Test
    void leasesAreReadWithTheirSubnetsPrefixAndExpiredOnesDropped() {
        NetworkDef def = NetworkDefs.parse("<network><name>n</name><ip address='10.6.1.1' prefix='24'/><ip"
                + " family='ipv6' address='fd00:6::1' prefix='64'/></network>");
        List<NetworkDhcpLease> l = DhcpLeaseFile.parse(List.of(
                "2000 52:54:00:00:00:01 10.6.1.50 vm1 01:52:54:00:00:00:00:01",
                "1000 52:54:00:00:00:02 10.6.1.51 * *",
                "0 52:54:00:00:00:03 10.6.1.52 vm3 *",
                "duid 00:01:00:01:2c:aa:bb:cc:52:54:00:11:22:33",
                "2000 1234567 fd00:6::50 vm6 00:01:00:01:2c:01:02:03:52:54:00:00:00:01"), "virbr0",
                IpDef.of(def.ips(), "n"), null, 1500);
        assertThat(l).containsExactly(
                new NetworkDhcpLease("virbr0", 2000, false, "52:54:00:00:00:01", null, "10.6.1.50", 24, "vm1",
                        "01:52:54:00:00:00:00:01"),
                new NetworkDhcpLease("virbr0", 0, false, "52:54:00:00:00:03", null, "10.6.1.52", 24, "vm3", null),
                new NetworkDhcpLease("virbr0", 2000, true, null, "1234567", "fd00:6::50", 64, "vm6",
                        "00:01:00:01:2c:01:02:03:52:54:00:00:00:01"));
        assertThat(DhcpLeaseFile.parse(List.of("2000 52:54:00:00:00:01 10.6.1.50 vm1 *"), "virbr0",
                IpDef.of(def.ips(), "n"), "52:54:00:00:00:09", 1500)).isEmpty();
    }
}
