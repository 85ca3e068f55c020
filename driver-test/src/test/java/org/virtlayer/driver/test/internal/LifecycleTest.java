package org.virtlayer.driver.test.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainListFlag;
import org.virtlayer.api.DomainStartFlag;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.api.DomainStatsRecord;
import org.virtlayer.api.DomainXmlFlag;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.MetadataType;
import org.virtlayer.api.ModificationImpact;
import org.virtlayer.api.StatsGroup;
import org.virtlayer.api.VirtException;
import org.virtlayer.api.event.DomainEvent;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.api.event.EventRegistration;
import org.virtlayer.core.internal.ConnectionFactoryImpl;

/** A domain's whole life on the test driver, with libvirt's errors for wrong states and the events it emits. */
class LifecycleTest {
    static final String XML = """
            <domain type='test'>
              <name>vm1</name>
              <memory unit='MiB'>512</memory>
              <vcpu>2</vcpu>
              <os><type>hvm</type></os>
              <devices>
                <disk type='file' device='disk'>
                  <source file='/var/lib/images/vm1.qcow2'/>
                  <target dev='vda' bus='virtio'/>
                </disk>
              </devices>
            </domain>""";

    private ConnectionFactoryImpl factory;
    private Connection conn;
    private final BlockingQueue<DomainEvent> events = new LinkedBlockingQueue<>();
    private EventRegistration reg;

    @BeforeEach
    void open() {
        factory = TestFactories.withTestDriver();
        conn = factory.open("test:///default");
        reg = conn.addDomainEventListener(events::add);
    }

    @AfterEach
    void close() {
        reg.close();
        conn.close();
        factory.deactivate();
    }

    private DomainEventDetail next() throws InterruptedException {
        DomainEvent e = events.poll(5, TimeUnit.SECONDS);
        assertThat(e).as("an event within 5 s").isNotNull();
        return e.detail();
    }

    private static void assertFails(Runnable r, ErrorCode code, String messagePart) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Test
    void wholeLifecycleWithEvents(@TempDir Path tmp) throws Exception {
        Domain d = conn.defineDomain(XML);
        assertThat(next()).isEqualTo(DomainEventDetail.DEFINED_ADDED);
        assertThat(d.id()).isEqualTo(-1);
        assertThat(d.state().reason()).isEqualTo(DomainStateReason.SHUTOFF_UNKNOWN);
        assertThat(d.xml()).contains("<memory unit='KiB'>524288</memory>", "<type arch='i686'>hvm</type>");

        d.start();
        assertThat(next()).isEqualTo(DomainEventDetail.STARTED_BOOTED);
        assertThat(d.id()).isEqualTo(2);
        assertThat(d.xml()).startsWith("<domain type='test' id='2'>");
        assertFails(d::start, ErrorCode.OPERATION_INVALID, "already running");

        d.suspend();
        assertThat(next()).isEqualTo(DomainEventDetail.SUSPENDED_PAUSED);
        assertThat(d.state().state()).isEqualTo(DomainState.PAUSED);
        assertFails(d::suspend, ErrorCode.OPERATION_INVALID, "not running");
        d.resume();
        assertThat(next()).isEqualTo(DomainEventDetail.RESUMED_UNPAUSED);
        assertFails(d::resume, ErrorCode.OPERATION_INVALID, "not paused");

        Path image = tmp.resolve("vm1.save");
        d.save(image.toString());
        assertThat(next()).isEqualTo(DomainEventDetail.STOPPED_SAVED);
        assertThat(d.state().reason()).isEqualTo(DomainStateReason.SHUTOFF_SAVED);
        Domain restored = conn.restoreDomain(image.toString());
        assertThat(next()).isEqualTo(DomainEventDetail.STARTED_RESTORED);
        assertThat(restored).isEqualTo(d);
        assertThat(d.state().reason()).isEqualTo(DomainStateReason.RUNNING_RESTORED);

        d.shutdown();
        assertThat(next()).isEqualTo(DomainEventDetail.STOPPED_SHUTDOWN);
        assertFails(d::destroy, ErrorCode.OPERATION_INVALID, "domain is not running");
        d.start();
        assertThat(next()).isEqualTo(DomainEventDetail.STARTED_BOOTED);
        d.reboot();
        d.reset();
        assertThat(d.state().state()).isEqualTo(DomainState.RUNNING);
        d.destroy();
        assertThat(next()).isEqualTo(DomainEventDetail.STOPPED_DESTROYED);
        assertThat(d.id()).isEqualTo(-1);

        d.undefine();
        assertThat(next()).isEqualTo(DomainEventDetail.UNDEFINED_REMOVED);
        assertFails(() -> conn.lookupDomainByName("vm1"), ErrorCode.NO_DOMAIN, "'vm1'");
    }

    @Test
    void transientDomainDisappearsWhenItStops() throws Exception {
        Domain d = conn.createDomain(XML, DomainStartFlag.PAUSED);
        assertThat(next()).isEqualTo(DomainEventDetail.STARTED_BOOTED);
        assertThat(next()).isEqualTo(DomainEventDetail.SUSPENDED_PAUSED);
        assertThat(d.isPersistent()).isFalse();
        assertThat(conn.listDomains(DomainListFlag.TRANSIENT)).containsExactly(d);
        assertThat(conn.listDomains(DomainListFlag.PAUSED)).containsExactly(d);
        d.destroy();
        assertThat(next()).isEqualTo(DomainEventDetail.STOPPED_DESTROYED);
        assertFails(() -> conn.lookupDomainByName("vm1"), ErrorCode.NO_DOMAIN, "vm1");
    }

    @Test
    void undefiningARunningDomainMakesItTransient() throws Exception {
        Domain test = conn.lookupDomainByName("test");
        test.undefine();
        assertThat(next()).isEqualTo(DomainEventDetail.UNDEFINED_REMOVED);
        assertThat(test.isPersistent()).isFalse();
        assertThat(test.isActive()).isTrue();
        test.destroy();
        assertThat(conn.listDomains()).isEmpty();
    }

    @Test
    void listFiltersCombineAsLibvirts() {
        conn.defineDomain(XML);
        assertThat(conn.listDomains()).extracting(Domain::name).containsExactly("test", "vm1");
        assertThat(conn.listDomains(DomainListFlag.ACTIVE)).extracting(Domain::name).containsExactly("test");
        assertThat(conn.listDomains(DomainListFlag.INACTIVE)).extracting(Domain::name).containsExactly("vm1");
        assertThat(conn.listDomains(DomainListFlag.ACTIVE, DomainListFlag.INACTIVE)).hasSize(2);
        assertThat(conn.listDomains(DomainListFlag.SHUTOFF, DomainListFlag.PERSISTENT))
                .extracting(Domain::name).containsExactly("vm1");
        assertThat(conn.listDomains(DomainListFlag.TRANSIENT)).isEmpty();
    }

    @Test
    void defineRefusesANameOrUuidOfAnotherDomain() {
        Domain test = conn.lookupDomainByName("test");
        String sameNameOtherUuid = XML.replace("<name>vm1</name>", "<name>test</name>");
        assertFails(() -> conn.defineDomain(sameNameOtherUuid), ErrorCode.OPERATION_FAILED, "already defined");
        String sameUuidOtherName = XML.replace("<name>vm1</name>",
                "<name>other</name><uuid>" + test.uuid() + "</uuid>");
        assertFails(() -> conn.defineDomain(sameUuidOtherName), ErrorCode.OPERATION_FAILED, "already exists");
        assertFails(() -> conn.defineDomain("<domain type='test'><name>a/b</name><memory>1</memory>"
                + "<os><type>hvm</type></os></domain>"), ErrorCode.XML_ERROR, "a/b");
        assertFails(() -> conn.defineDomain("<domain type='foo'><name>k</name><memory>1</memory>"
                + "<os><type>hvm</type></os></domain>"), ErrorCode.XML_ERROR, "foo");
        assertThat(conn.listDomains()).extracting(Domain::name).containsExactly("test");
    }

    @Test
    void redefiningARunningDomainChangesOnlyItsPersistentDefinition() throws Exception {
        Domain test = conn.lookupDomainByName("test");
        String xml = test.xml(DomainXmlFlag.INACTIVE).replace("2097152", "1048576");
        conn.defineDomain(xml);
        assertThat(next()).isEqualTo(DomainEventDetail.DEFINED_UPDATED);
        assertThat(test.info().memoryKiB()).isEqualTo(2097152);
        assertThat(test.xml(DomainXmlFlag.INACTIVE)).contains("1048576");
        test.destroy();
        assertThat(test.info().memoryKiB()).isEqualTo(1048576);
    }

    @Test
    void memoryAndVcpusLiveAndConfig() {
        Domain test = conn.lookupDomainByName("test");
        test.setMemory(1024 * 1024);
        assertThat(test.info().memoryKiB()).isEqualTo(1024 * 1024);
        assertThat(test.xml(DomainXmlFlag.INACTIVE)).contains("<currentMemory unit='KiB'>2097152</currentMemory>");
        test.setMemory(512 * 1024, ModificationImpact.CONFIG);
        assertThat(test.xml(DomainXmlFlag.INACTIVE)).contains("<currentMemory unit='KiB'>524288</currentMemory>");
        assertFails(() -> test.setMemory(99_999_999), ErrorCode.INVALID_ARG, "higher than max memory");
        assertFails(() -> test.setVcpus(3), ErrorCode.INVALID_ARG, "exceeds maximum (3 > 2)");
        test.setVcpus(1, ModificationImpact.LIVE);
        assertThat(test.info().vcpus()).isEqualTo(1);
        assertThat(test.xml()).contains("<vcpu placement='static' current='1'>2</vcpu>");
        assertFails(() -> test.setMaxMemory(1024, ModificationImpact.LIVE), ErrorCode.OPERATION_INVALID,
                "active domain");
        test.destroy();
        assertFails(() -> test.setMemory(1024, ModificationImpact.LIVE), ErrorCode.OPERATION_INVALID,
                "not running");
    }

    @Test
    void devicesAttachDetachAndUpdate() {
        Domain test = conn.lookupDomainByName("test");
        String disk = "<disk type='file' device='disk'><source file='/tmp/extra.img'/>"
                + "<target dev='vdb' bus='virtio'/></disk>";
        test.attachDevice(disk, ModificationImpact.LIVE, ModificationImpact.CONFIG);
        assertThat(test.xml()).contains("<target dev='vdb' bus='virtio'/>");
        assertThat(test.xml(DomainXmlFlag.INACTIVE)).contains("<target dev='vdb' bus='virtio'/>");
        assertFails(() -> test.attachDevice(disk), ErrorCode.OPERATION_FAILED, "vdb");
        test.updateDevice(disk.replace("/tmp/extra.img", "/tmp/other.img"));
        assertThat(test.xml()).contains("/tmp/other.img");
        test.detachDevice("<disk><target dev='vdb'/></disk>", ModificationImpact.LIVE);
        assertThat(test.xml()).doesNotContain("vdb");
        assertThat(test.xml(DomainXmlFlag.INACTIVE)).contains("vdb");
        assertFails(() -> test.detachDevice("<disk><target dev='vdz'/></disk>"), ErrorCode.DEVICE_MISSING, "vdz");
        String before = test.xml();
        assertFails(() -> test.attachDevice("<bogus/>"), ErrorCode.XML_ERROR, "bogus");
        assertThat(test.xml()).isEqualTo(before);
    }

    @Test
    void metadataTitleDescriptionAndElements() {
        Domain test = conn.lookupDomainByName("test");
        assertFails(() -> test.metadata(MetadataType.TITLE, null), ErrorCode.NO_DOMAIN_METADATA, "not present");
        test.setMetadata(MetadataType.TITLE, "hello", null, null);
        test.setMetadata(MetadataType.DESCRIPTION, "a long\ndescription", null, null);
        assertThat(test.metadata(MetadataType.TITLE, null)).isEqualTo("hello");
        assertThat(test.metadata(MetadataType.DESCRIPTION, null)).isEqualTo("a long\ndescription");
        test.setMetadata(MetadataType.ELEMENT, "<owner>alice</owner>", "app", "http://example.org/app");
        assertThat(test.metadata(MetadataType.ELEMENT, "http://example.org/app"))
                .isEqualTo("<app:owner xmlns:app='http://example.org/app'>alice</app:owner>");
        assertThat(test.xml()).contains("<title>hello</title>", "<metadata>");
        test.setMetadata(MetadataType.ELEMENT, null, null, "http://example.org/app");
        assertThat(test.xml()).doesNotContain("<metadata>");
    }

    @Test
    void statsForOneAndForAll() {
        conn.defineDomain(XML);
        List<DomainStatsRecord> all = conn.domainStats(null);
        assertThat(all).extracting(DomainStatsRecord::domainName).containsExactly("test", "vm1");
        DomainStatsRecord test = all.get(0);
        assertThat(test.stats()).containsEntry("state.state", 1).containsEntry("balloon.maximum", 8388608L)
                .containsEntry("vcpu.current", 2).containsEntry("net.count", 1).containsEntry("block.count", 1)
                .containsEntry("block.0.name", "vda").containsKey("cpu.time");
        assertThat((Long) test.stats().get("cpu.time")).isPositive();
        DomainStatsRecord vm1 = all.get(1);
        assertThat(vm1.stats()).containsEntry("state.state", 5).doesNotContainKey("cpu.time");
        assertThat(conn.lookupDomainByName("test").stats(StatsGroup.STATE).stats()).containsOnlyKeys("state.state",
                "state.reason");
    }

    @Test
    void readOnlyConnectionsQueryButNeverChange() {
        try (Connection ro = factory.openReadOnly("test:///default")) {
            Domain test = ro.lookupDomainByName("test");
            assertThat(test.info().state()).isEqualTo(DomainState.RUNNING);
            assertFails(test::destroy, ErrorCode.OPERATION_DENIED, "virDomainDestroy");
            assertFails(() -> ro.defineDomain(XML), ErrorCode.OPERATION_DENIED, "read only");
            assertFails(() -> test.xml(DomainXmlFlag.SECURE), ErrorCode.OPERATION_DENIED, "read only");
            assertFails(() -> ro.lookupNetworkByName("default").destroy(), ErrorCode.OPERATION_DENIED, "read only");
            assertThat(test.state().state()).isEqualTo(DomainState.RUNNING);
        }
    }
}
