package org.virtlayer.driver.qemu.internal.argv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.DomainParseOptions;
import org.virtlayer.xml.XmlElement;

/** The command line of libvirt's own cases, escaping first. */
class CommandLineTest {
    private static String resource(String name) throws Exception {
        try (InputStream in = CommandLineTest.class.getResourceAsStream("/libvirt-9.0-qemuxml2argv/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void commasAreDoubledInEveryOptionValue() {
        assertThat(QemuOptions.escape("foo=1,bar=2")).isEqualTo("foo=1,,bar=2");
        assertThat(QemuOptions.of("file").add("id", "charserial0").add("path", "/tmp/a,b,,c").toString())
                .isEqualTo("file,id=charserial0,path=/tmp/a,,b,,,,c");
        assertThat(QemuOptions.escape("no commas")).isEqualTo("no commas");
    }

    /**
     * libvirt's name-escape domain without the devices this driver does not run (SCSI host device, SPICE, smart card,
     * guestfwd channel): each remaining line is libvirt's, but for the file serial port (libvirt hands QEMU an open
     * file, this driver its path, escaped).
     */
    @Test
    void libvirtsNameEscapeCase(@TempDir Path tmp) throws Exception {
        DomainDef def = DomainDef.parse(resource("name-escape.xml"), new DomainParseOptions("x86_64", true));
        XmlElement devices = def.root().child("devices");
        devices.removeChildren(e -> List.of("hostdev", "channel", "smartcard").contains(e.name())
                || e.name().equals("graphics") && "spice".equals(e.attr("type")));
        for (XmlElement disk : def.devices("disk")) {
            disk.removeChildren("iotune");
        }
        Path args = tmp.resolve("expected.args");
        Files.writeString(args, resource("name-escape.x86_64-latest.args"));
        List<String> want = LibvirtArgs.expected(args);
        List<String> got = LibvirtArgs.ours(def.format(true, true));
        for (String line : List.of("guest=foo=1,,bar=2,debug-threads=on",
                "{\"qom-type\":\"secret\",\"id\":\"masterKey0\",\"format\":\"raw\",\"file\":"
                        + "\"/tmp/lib/domain--1-foo=1,bar=2/master-key.aes\"}",
                "serial,id=charserial0,path=/dev/ttyS2,,foo",
                "vnc=unix:/tmp/lib/domain--1-foo=1,,bar=2/vnc.sock,audiodev=audio1",
                "{\"driver\":\"isa-serial\",\"chardev\":\"charserial1\",\"id\":\"serial1\",\"index\":0}",
                "{\"driver\":\"virtio-scsi-pci\",\"id\":\"scsi0\",\"bus\":\"pci.0\",\"addr\":\"0x3\"}",
                "{\"driver\":\"cirrus-vga\",\"id\":\"video0\",\"bus\":\"pci.0\",\"addr\":\"0x2\"}",
                "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny")) {
            assertThat(want).as("libvirt's line").contains(line);
            assertThat(got).as("our line").contains(line);
        }
        assertThat(got).contains("file,id=charserial1,path=/tmp/serial.log,,foo,append=on");
        assertThat(got.subList(0, 20)).isEqualTo(want.subList(0, 20));
    }

    @Test
    void whatCannotRunIsRefusedWithItsName() throws Exception {
        String xml = resource("name-escape.xml");
        assertThatThrownBy(() -> LibvirtArgs.ours(xml)).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED);
            assertThat(e.getMessage()).contains("channel");
        });
    }

    @Test
    void pciSlotsAliasesAndNodeNamesAsLibvirtGivesThem() {
        DomainDef def = DomainDef.parse("<domain type='qemu'><name>l</name><memory>131072</memory><os>"
                + "<type arch='x86_64' machine='pc'>hvm</type></os><devices>"
                + "<disk type='file' device='disk'><source file='/a.img'/><target dev='vda' bus='virtio'/></disk>"
                + "<disk type='file' device='cdrom'><target dev='hdc' bus='ide'/></disk>"
                + "<interface type='user'><mac address='52:54:00:00:00:01'/><model type='virtio'/></interface>"
                + "</devices></domain>", new DomainParseOptions("x86_64", true));
        DeviceLayout.prepare(def);
        String xml = def.format(false, true);
        assertThat(xml).contains("<alias name='virtio-disk0'/>", "<alias name='ide0-1-0'/>", "<alias name='net0'/>",
                "<alias name='usb'/>", "<alias name='balloon0'/>", "<source file='/a.img' index='2'/>");
        // libvirt's order on i440fx: interfaces, then disks, then the balloon; slot 1 is the PIIX3's
        assertThat(DeviceArgs.nicDevice(def.devices("interface").get(0), null, false)).containsEntry("addr", "0x2");
        assertThat(DeviceArgs.diskDevice(def.devices("disk").get(0), 1, false, null)).containsEntry("addr", "0x3")
                .containsEntry("drive", "libvirt-2-format").containsEntry("bootindex", 1);
        assertThat(DeviceArgs.balloon(def.devices("memballoon").get(0), false)).containsEntry("addr", "0x4");
    }
}
