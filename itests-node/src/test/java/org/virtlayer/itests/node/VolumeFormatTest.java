package org.virtlayer.itests.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.StoragePool;
import org.virtlayer.api.VirtException;
import org.virtlayer.driver.qemu.TestGuest;

/**
 * A volume disk's format is the one the storage backend recorded for the volume, never one the domain asks for
 * against it: a raw volume's content is its guest's, who can write a qcow2 header naming a host file as backing
 * store. Refused before any QEMU runs.
 */
class VolumeFormatTest {
    @Test
    void aDiskClaimingAnotherFormatThanItsVolumesIsRefused() throws Exception {
        try (NodeFixture f = new NodeFixture(); Connection c = f.factory.open("qemu:///system")) {
            StoragePool pool = c.defineStoragePool("<pool type='dir'><name>vlraw</name><target><path>"
                    + f.file("pool") + "</path></target></pool>");
            pool.build();
            pool.start();
            pool.createVolume("<volume><name>guest.raw</name><capacity unit='MiB'>8</capacity>"
                    + "<target><format type='raw'/></target></volume>");
            Domain d = c.defineDomain(TestGuest.domainXml("vm-claims-qcow2", f.file("serial.log"), "qemu",
                    "    <disk type='volume' device='disk'><driver name='qemu' type='qcow2'/>"
                            + "<source pool='vlraw' volume='guest.raw'/><target dev='vda' bus='virtio'/></disk>\n"));
            assertThatThrownBy(d::start).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED);
                assertThat(e.getMessage()).contains("'qcow2'", "'raw'", "guest.raw");
            });
            assertThat(d.isActive()).isFalse();
            assertThat(f.file("serial.log")).as("no QEMU ran").doesNotExist();
        }
    }
}
