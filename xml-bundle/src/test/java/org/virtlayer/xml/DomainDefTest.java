package org.virtlayer.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

class DomainDefTest {
    /** What {@code virsh -c test:///default dumpxml test} prints with libvirt 9.0. */
    static final String LIBVIRT_TEST_DOMAIN = """
            <domain type='test' id='1'>
              <name>test</name>
              <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>
              <memory unit='KiB'>8388608</memory>
              <currentMemory unit='KiB'>2097152</currentMemory>
              <vcpu placement='static'>2</vcpu>
              <os>
                <type arch='i686'>hvm</type>
                <boot dev='hd'/>
              </os>
              <clock offset='utc'/>
              <on_poweroff>destroy</on_poweroff>
              <on_reboot>restart</on_reboot>
              <on_crash>destroy</on_crash>
              <devices>
                <disk type='file' device='disk'>
                  <source file='/guest/diskimage1'/>
                  <target dev='vda' bus='virtio'/>
                  <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
                </disk>
                <interface type='network'>
                  <mac address='aa:bb:cc:dd:ee:ff'/>
                  <source network='default'/>
                  <target dev='testnet0'/>
                  <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>
                </interface>
                <memballoon model='virtio'>
                  <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>
                </memballoon>
              </devices>
            </domain>
            """;

    @Test
    void libvirtsOwnOutputRoundTripsByteForByte() {
        DomainDef d = DomainDef.parse(LIBVIRT_TEST_DOMAIN, new DomainParseOptions("i686", false));
        assertThat(d.format(false, true)).isEqualTo(LIBVIRT_TEST_DOMAIN);
        assertThat(d.name()).isEqualTo("test");
        assertThat(d.id()).isEqualTo(1);
        assertThat(d.memoryKiB()).isEqualTo(8388608L);
        assertThat(d.currentMemoryKiB()).isEqualTo(2097152L);
        assertThat(d.maxVcpus()).isEqualTo(2);
        assertThat(d.devices("disk")).hasSize(1);
        assertThat(d.format(true, true)).startsWith("<domain type='test'>\n");
    }

    @Test
    void fillsLibvirtsDefaultsAndConvertsUnits() {
        DomainDef d = DomainDef.parse("""
                <domain type='kvm'><name>a</name><memory unit='GiB'>1</memory>
                <os><type>hvm</type></os></domain>""");
        assertThat(d.format(true, true)).contains("<memory unit='KiB'>1048576</memory>",
                "<currentMemory unit='KiB'>1048576</currentMemory>", "<vcpu placement='static'>1</vcpu>",
                "<type arch='x86_64'>hvm</type>", "<boot dev='hd'/>", "<clock offset='utc'/>",
                "<on_crash>destroy</on_crash>");
        assertThat(d.uuid()).isNotNull();
    }

    @Test
    void refusesNameWithSlashNamingIt() {
        assertThatThrownBy(() -> DomainDef.parse("<domain type='test'><name>a/b</name><memory>1</memory>"
                + "<os><type>hvm</type></os></domain>"))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
                    assertThat(e.getMessage()).contains("a/b").contains("'/'");
                });
    }

    @Test
    void refusesDoctypeAndEntities() {
        String bomb = "<?xml version='1.0'?><!DOCTYPE d [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;'>]>"
                + "<domain type='test'><name>&b;</name></domain>";
        assertThatThrownBy(() -> DomainDef.parse(bomb)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR));
        String external = "<!DOCTYPE d SYSTEM 'file:///etc/passwd'><domain type='test'/>";
        assertThatThrownBy(() -> DomainDef.parse(external)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.getMessage()).contains("DOCTYPE"));
    }
}
