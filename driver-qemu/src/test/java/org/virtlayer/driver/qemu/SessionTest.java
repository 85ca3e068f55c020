package org.virtlayer.driver.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;

/** qemu:///session keeps a user's domains apart from the system's, in a folder of that user's. */
class SessionTest {
    @Test
    void sessionDomainsLiveInAPerUserFolder() throws Exception {
        try (QemuFixture f = new QemuFixture(); Connection session = f.factory.open("qemu:///session");
                Connection system = f.factory.open("qemu:///system")) {
            Domain d = session.defineDomain(TestGuest.domainXml("mine", f.file("mine.log"), "qemu", ""));
            Path folder = f.root.resolve("state/qemu/session/" + System.getProperty("user.name") + "/domains");
            assertThat(folder.resolve(d.uuid() + ".xml")).exists();
            assertThat(system.listDomains()).isEmpty();
            assertThat(session.listDomains()).extracting(Domain::name).containsExactly("mine");
            // the QEMU driver makes no managed save images (no virDomainManagedSave yet)
            assertThat(d.hasManagedSave()).isFalse();
            assertThat(session.hypervisorType()).isEqualTo("QEMU");
            assertThat(session.hypervisorVersion()).isGreaterThan(6_000_000L);
            assertThat(system.capabilities()).contains("<domain type='qemu'/>").contains("<machine canonical=");
            d.undefine();
        }
    }
}
