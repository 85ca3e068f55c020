package org.virtlayer.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainStartFlag;

/**
 * libvirt's {@code name-escape} case end to end: a domain whose name and paths hold commas and equals signs runs,
 * because every user value on QEMU's command line has its commas doubled.
 */
class NameEscapeTest {
    @Test
    void qemuRunsADomainWhoseNameAndPathsHoldCommas() throws Exception {
        try (QemuFixture f = new QemuFixture(); Connection c = f.factory.open("qemu:///system")) {
            Path serial = f.file("serial,foo.log");
            Domain d = c.defineDomain(TestGuest.domainXml("foo=1,bar=2", serial, "qemu",
                    "    <graphics type='vnc'><listen type='socket'/></graphics>\n"));
            d.start(DomainStartFlag.PAUSED);
            List<String> argv = QemuFixture.cmdline(f.pid(d.uuid()));
            assertThat(argv).contains("guest=foo=1,,bar=2,debug-threads=on",
                    "file,id=charserial0,path=" + f.root + "/serial,,foo.log");
            assertThat(argv.get(argv.indexOf("-vnc") + 1)).startsWith("vnc=unix:").endsWith("/vnc.sock,audiodev=audio1");
            assertThat(serial).as("QEMU opened the file whose name holds a comma").exists();
            assertThat(Files.list(f.root).map(p -> p.getFileName().toString())).doesNotContain("serial");
            assertThat(c.lookupDomainByName("foo=1,bar=2").isActive()).isTrue();
            d.destroy();
            d.undefine();
        }
    }
}
