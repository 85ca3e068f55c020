package org.virtlayer.driver.remote.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainListFlag;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.Network;
import org.virtlayer.api.NetworkListFlag;
import org.virtlayer.api.StatsGroup;
import org.virtlayer.api.StoragePool;
import org.virtlayer.api.StoragePoolBuildFlag;
import org.virtlayer.api.StoragePoolState;
import org.virtlayer.api.StorageVolume;
import org.virtlayer.api.VirtException;
import org.virtlayer.api.event.DomainEvent;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.api.event.NetworkEvent;
import org.virtlayer.api.event.NetworkEventType;
import org.virtlayer.api.event.StoragePoolEvent;
import org.virtlayer.api.event.StoragePoolEventType;

/** The test driver's whole life, over TLS 1.3 through the remote driver and server, with events delivered remotely. */
class RemoteLifecycleTest {
    static final String DOMAIN_XML = """
            <domain type='test'>
              <name>vm1</name>
              <memory unit='MiB'>512</memory>
              <vcpu>2</vcpu>
              <os><type>hvm</type></os>
            </domain>""";
    static final String NETWORK_XML = """
            <network>
              <name>net1</name>
              <bridge name='virbr9'/>
              <ip address='192.168.150.1' netmask='255.255.255.0'/>
            </network>""";
    static final String POOL_XML = """
            <pool type='dir'>
              <name>pool1</name>
              <target><path>/var/lib/virtlayer-test/pool1</path></target>
            </pool>""";
    static final String VOLUME_XML = """
            <volume>
              <name>disk1.img</name>
              <capacity unit='MiB'>64</capacity>
            </volume>""";

    @TempDir
    static Path dir;
    static RemoteNode node;

    @BeforeAll
    static void serve() throws Exception {
        node = new RemoteNode(dir);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static void fails(Runnable r, ErrorCode code, String part) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(part);
        });
    }

    private static <T> T next(BlockingQueue<T> q) throws InterruptedException {
        T e = q.poll(5, TimeUnit.SECONDS);
        assertThat(e).as("an event within 5 s").isNotNull();
        return e;
    }

    @Test
    void nodeQueriesAnswerFromTheRemoteNode() {
        try (Connection c = node.clientFactory.open(node.adminUri())) {
            assertThat(c.uri()).startsWith("test+tls://127.0.0.1:");
            assertThat(c.hypervisorType()).isEqualTo("TEST");
            assertThat(c.isAlive()).isTrue();
            assertThat(c.nodeInfo().cpus()).isPositive();
            assertThat(c.capabilities()).contains("<capabilities>");
            assertThat(c.listDomains()).extracting(Domain::name).containsExactly("test");
            Domain test = c.lookupDomainByName("test");
            assertThat(test.info().state()).isEqualTo(DomainState.RUNNING);
            assertThat(c.lookupDomainById(test.id()).uuid()).isEqualTo(test.uuid());
            assertThat(test.xml()).contains("<name>test</name>");
            assertThat(test.stats(StatsGroup.STATE).stats()).containsEntry("state.state", 1);
            assertThat(c.listNodeDevices(null)).extracting(d -> d.name()).contains("computer");
            assertThat(c.lookupNodeDeviceByName("computer").xml()).contains("<name>computer</name>");
        }
    }

    @Test
    void errorsArriveWithTheNodesCodeAndMessage() {
        try (Connection c = node.clientFactory.open(node.adminUri())) {
            fails(() -> c.lookupDomainByName("nope"), ErrorCode.NO_DOMAIN, "nope");
            fails(() -> c.lookupDomainByName("test").start(), ErrorCode.OPERATION_INVALID, "already running");
            fails(() -> c.defineDomain("<domain>"), ErrorCode.XML_ERROR, "");
            fails(() -> c.lookupNetworkByName("nope"), ErrorCode.NO_NETWORK, "nope");
            fails(() -> c.lookupStoragePoolByName("nope"), ErrorCode.NO_STORAGE_POOL, "nope");
        }
    }

    @Test
    void domainLifecycleWithEvents() throws Exception {
        try (Connection c = node.clientFactory.open(node.adminUri())) {
            BlockingQueue<DomainEvent> events = new LinkedBlockingQueue<>();
            c.addDomainEventListener(events::add);
            Domain d = c.defineDomain(DOMAIN_XML);
            DomainEvent defined = next(events);
            assertThat(defined.detail()).isEqualTo(DomainEventDetail.DEFINED_ADDED);
            assertThat(defined.domain()).as("events carry handles of this connection").isEqualTo(d);
            assertThat(d.isPersistent()).isTrue();
            assertThat(d.isActive()).isFalse();
            d.start();
            assertThat(next(events).detail()).isEqualTo(DomainEventDetail.STARTED_BOOTED);
            assertThat(d.state().reason()).isEqualTo(DomainStateReason.RUNNING_BOOTED);
            d.suspend();
            assertThat(next(events).detail()).isEqualTo(DomainEventDetail.SUSPENDED_PAUSED);
            assertThat(d.info().state()).isEqualTo(DomainState.PAUSED);
            assertThat(c.listDomains(DomainListFlag.PAUSED)).extracting(Domain::name).containsExactly("vm1");
            d.resume();
            assertThat(next(events).detail()).isEqualTo(DomainEventDetail.RESUMED_UNPAUSED);
            d.destroy();
            assertThat(next(events).detail()).isEqualTo(DomainEventDetail.STOPPED_DESTROYED);
            assertThat(d.info().state()).isEqualTo(DomainState.SHUTOFF);
            d.undefine();
            assertThat(next(events).detail()).isEqualTo(DomainEventDetail.UNDEFINED_REMOVED);
            fails(() -> c.lookupDomainByName("vm1"), ErrorCode.NO_DOMAIN, "vm1");
        }
    }

    @Test
    void aManagedSaveImageOfTheNodeIsSeenRemotely() throws Exception {
        Path nodeFile = java.nio.file.Files.writeString(dir.resolve("saved-node.xml"), """
                <node>
                  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
                    <name>saved</name>
                    <memory>1048576</memory>
                    <os><type>hvm</type></os>
                    <test:runstate>5</test:runstate>
                    <test:hasmanagedsave/>
                  </domain>
                </node>
                """);
        String uri = "test+tls://127.0.0.1:" + node.port() + nodeFile + "?pkipath=" + node.adminPki;
        try (Connection c = node.clientFactory.open(uri)) {
            Domain saved = c.lookupDomainByName("saved");
            assertThat(saved.hasManagedSave()).isTrue();
            assertThat(c.listDomains(DomainListFlag.MANAGEDSAVE)).containsExactly(saved);
            saved.start();
            assertThat(saved.hasManagedSave()).isFalse();
            assertThat(c.listDomains(DomainListFlag.NO_MANAGEDSAVE)).containsExactly(saved);
        }
    }

    @Test
    void networksWithEvents() throws Exception {
        try (Connection c = node.clientFactory.open(node.adminUri())) {
            BlockingQueue<NetworkEvent> events = new LinkedBlockingQueue<>();
            c.addNetworkEventListener(events::add);
            assertThat(c.listNetworks()).extracting(Network::name).containsExactly("default");
            Network n = c.defineNetwork(NETWORK_XML);
            assertThat(next(events).type()).isEqualTo(NetworkEventType.DEFINED);
            n.start();
            assertThat(next(events).type()).isEqualTo(NetworkEventType.STARTED);
            assertThat(n.isActive()).isTrue();
            assertThat(n.bridgeName()).isEqualTo("virbr9");
            assertThat(c.listNetworks(NetworkListFlag.ACTIVE)).extracting(Network::name).contains("net1");
            n.destroy();
            assertThat(next(events).type()).isEqualTo(NetworkEventType.STOPPED);
            n.undefine();
            assertThat(next(events).type()).isEqualTo(NetworkEventType.UNDEFINED);
            fails(() -> c.lookupNetworkByName("net1"), ErrorCode.NO_NETWORK, "net1");
        }
    }

    @Test
    void poolsAndVolumesWithEvents() throws Exception {
        try (Connection c = node.clientFactory.open(node.adminUri())) {
            BlockingQueue<StoragePoolEvent> events = new LinkedBlockingQueue<>();
            c.addStoragePoolEventListener(events::add);
            StoragePool p = c.defineStoragePool(POOL_XML);
            assertThat(next(events).type()).isEqualTo(StoragePoolEventType.DEFINED);
            p.build();
            assertThat(next(events).type()).isEqualTo(StoragePoolEventType.CREATED);
            p.start();
            assertThat(next(events).type()).isEqualTo(StoragePoolEventType.STARTED);
            assertThat(p.info().state()).isEqualTo(StoragePoolState.RUNNING);
            StorageVolume v = p.createVolume(VOLUME_XML);
            assertThat(p.listVolumes()).extracting(StorageVolume::name).containsExactly("disk1.img");
            assertThat(v.info().capacity()).isEqualTo(64L * 1024 * 1024);
            assertThat(c.lookupStorageVolumeByPath(v.path()).name()).isEqualTo("disk1.img");
            assertThat(c.lookupStorageVolumeByKey(v.key()).pool().name()).isEqualTo("pool1");
            fails(() -> c.lookupStorageVolumeByPath("/nowhere"), ErrorCode.NO_STORAGE_VOL, "/nowhere");
            v.resize(128L * 1024 * 1024);
            assertThat(v.info().capacity()).isEqualTo(128L * 1024 * 1024);
            v.delete();
            assertThat(p.listVolumes()).isEmpty();
            p.destroy();
            assertThat(next(events).type()).isEqualTo(StoragePoolEventType.STOPPED);
            p.undefine();
            assertThat(next(events).type()).isEqualTo(StoragePoolEventType.UNDEFINED);
            // a build flag crosses the wire by name: NEW asks the node to build the transient pool
            StoragePool t = c.createStoragePool(POOL_XML.replace("pool1", "pool2"), StoragePoolBuildFlag.NEW);
            assertThat(next(events).type()).isEqualTo(StoragePoolEventType.STARTED);
            assertThat(t.isPersistent()).isFalse();
            t.destroy();
        }
    }
}
