package org.virtlayer.driver.test.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.api.DomainXmlFlag;
import org.virtlayer.api.NodeInfo;
import org.virtlayer.api.SecurityModel;
import org.virtlayer.api.StoragePoolState;
import org.virtlayer.core.internal.ConnectionFactoryImpl;

/** test:///default is libvirt's default node, compared with what libvirt 9.0 itself prints for it. */
class DefaultNodeTest {
    private ConnectionFactoryImpl factory;
    private Connection conn;

    @BeforeEach
    void open() {
        factory = TestFactories.withTestDriver();
        conn = factory.open("test:///default");
    }

    @AfterEach
    void close() {
        conn.close();
        factory.deactivate();
    }

    /** What virsh printed, without the newline virsh adds after the API's text. */
    static String libvirt(String file) throws IOException {
        try (InputStream in = DefaultNodeTest.class.getResourceAsStream("/libvirt-9.0-test-default/" + file)) {
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return s.substring(0, s.length() - 1);
        }
    }

    @Test
    void nodeInfoIsLibvirts() {
        assertThat(conn.nodeInfo()).isEqualTo(new NodeInfo("i686", 3145728, 16, 1400, 2, 2, 2, 2));
        assertThat(conn.cellsFreeMemory()).containsExactly(2048L * 1024, 4096L * 1024);
        assertThat(conn.securityModel()).isEqualTo(new SecurityModel("testSecurity", ""));
        assertThat(conn.hypervisorType()).isEqualTo("TEST");
        assertThat(conn.hypervisorVersion()).isEqualTo(2);
        assertThat(conn.uri()).isEqualTo("test:///default");
    }

    @Test
    void hostnameIsTheMachines() throws IOException {
        assertThat(conn.hostname()).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip());
    }

    @Test
    void capabilitiesAreLibvirtsByteForByte() throws IOException {
        assertThat(conn.capabilities()).isEqualTo(libvirt("capabilities.xml"));
    }

    @Test
    void testDomainRunsAndPrintsAsLibvirts() throws IOException {
        List<Domain> all = conn.listDomains();
        assertThat(all).extracting(Domain::name).containsExactly("test");
        Domain test = all.get(0);
        assertThat(test.id()).isEqualTo(1);
        assertThat(test.state().state()).isEqualTo(DomainState.RUNNING);
        assertThat(test.xml()).isEqualTo(libvirt("domain-test.xml"));
        assertThat(test.xml(DomainXmlFlag.INACTIVE)).isEqualTo(libvirt("domain-test-inactive.xml"));
        assertThat(test.info().maxMemoryKiB()).isEqualTo(8388608);
        assertThat(test.info().memoryKiB()).isEqualTo(2097152);
        assertThat(test.info().vcpus()).isEqualTo(2);
        assertThat(test.osType()).isEqualTo("linux");
        assertThat(test.isPersistent()).isTrue();
        assertThat(test.autostart()).isFalse();
        assertThat(test.securityLabel().label()).isEqualTo("libvirt-test");
        assertThat(conn.lookupDomainById(1)).isEqualTo(test);
        assertThat(conn.lookupDomainByUuid(test.uuid()).name()).isEqualTo("test");
    }

    @Test
    void networkPoolAndDevicesAreLibvirts() throws IOException {
        assertThat(conn.listNetworks()).extracting(n -> n.name()).containsExactly("default");
        assertThat(conn.lookupNetworkByName("default").xml(false)).isEqualTo(libvirt("network-default.xml"));
        assertThat(conn.lookupNetworkByName("default").isActive()).isTrue();
        assertThat(conn.lookupNetworkByName("default").bridgeName()).isEqualTo("virbr0");
        var pool = conn.lookupStoragePoolByName("default-pool");
        assertThat(pool.xml(false)).isEqualTo(libvirt("pool-default-pool.xml"));
        assertThat(pool.info().state()).isEqualTo(StoragePoolState.RUNNING);
        assertThat(pool.info().capacity()).isEqualTo(107374182400L);
        assertThat(conn.listNodeDevices(null)).extracting(d -> d.name())
                .containsExactly("computer", "scsi_host1", "scsi_host2", "scsi_host11");
        assertThat(conn.lookupNodeDeviceByName("computer").xml()).isEqualTo(libvirt("nodedev-computer.xml"));
        assertThat(conn.listNodeDevices("scsi_host")).hasSize(3);
    }

    @Test
    void eachOpenIsAPrivateNode() {
        conn.lookupDomainByName("test").destroy();
        try (Connection other = factory.open("test:///default")) {
            assertThat(other.lookupDomainByName("test").state().reason())
                    .isEqualTo(DomainStateReason.RUNNING_UNKNOWN);
        }
        assertThat(conn.lookupDomainByName("test").state().reason()).isEqualTo(DomainStateReason.SHUTOFF_DESTROYED);
    }
}
