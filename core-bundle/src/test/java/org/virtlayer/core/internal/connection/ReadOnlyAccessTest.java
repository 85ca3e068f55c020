package org.virtlayer.core.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.DomainXmlFlag;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.MetadataType;
import org.virtlayer.api.NetworkUpdateCommand;
import org.virtlayer.api.NetworkUpdateSection;
import org.virtlayer.api.VirtException;
import org.virtlayer.core.internal.ConnectionFactoryImpl;
import org.virtlayer.core.internal.calls.Operation;
import org.virtlayer.core.internal.host.LinuxHost;
import org.virtlayer.spi.HypervisorDriver;

/**
 * Read-only access, checked over the whole API from one table: every operation that changes the node or reveals a
 * secret is refused with OPERATION_DENIED on a read-only connection, and the driver never hears of it; on a
 * read-write connection the same calls reach the driver.
 */
class ReadOnlyAccessTest {
    private final RecordingDriver driver = new RecordingDriver();
    private final ConnectionFactoryImpl factory = factory(driver);

    static ConnectionFactoryImpl factory(RecordingDriver driver) {
        ConnectionFactoryImpl f = new ConnectionFactoryImpl(new LinuxHost(), 1000);
        f.addDriver(driver, Map.of(HypervisorDriver.SCHEMES, "rec", HypervisorDriver.NAME, "recording"), "test");
        return f;
    }

    @AfterEach
    void stop() {
        factory.deactivate();
    }

    /** Every operation a read-only connection may not do, and how the API does it. */
    static Map<Operation, Consumer<Connection>> changingCalls() {
        Map<Operation, Consumer<Connection>> t = new EnumMap<>(Operation.class);
        t.put(Operation.DOMAIN_DEFINE_XML, c -> c.defineDomain("<domain/>"));
        t.put(Operation.DOMAIN_CREATE_XML, c -> c.createDomain("<domain/>"));
        t.put(Operation.DOMAIN_RESTORE, c -> c.restoreDomain("/tmp/x"));
        t.put(Operation.DOMAIN_GET_XML_DESC_SECURE, c -> c.lookupDomainByName("d").xml(DomainXmlFlag.SECURE));
        t.put(Operation.DOMAIN_CREATE, c -> c.lookupDomainByName("d").start());
        t.put(Operation.DOMAIN_SHUTDOWN, c -> c.lookupDomainByName("d").shutdown());
        t.put(Operation.DOMAIN_DESTROY, c -> c.lookupDomainByName("d").destroy());
        t.put(Operation.DOMAIN_REBOOT, c -> c.lookupDomainByName("d").reboot());
        t.put(Operation.DOMAIN_RESET, c -> c.lookupDomainByName("d").reset());
        t.put(Operation.DOMAIN_SUSPEND, c -> c.lookupDomainByName("d").suspend());
        t.put(Operation.DOMAIN_RESUME, c -> c.lookupDomainByName("d").resume());
        t.put(Operation.DOMAIN_SAVE, c -> c.lookupDomainByName("d").save("/tmp/x"));
        t.put(Operation.DOMAIN_UNDEFINE, c -> c.lookupDomainByName("d").undefine());
        t.put(Operation.DOMAIN_SET_AUTOSTART, c -> c.lookupDomainByName("d").setAutostart(true));
        t.put(Operation.DOMAIN_SET_MEMORY, c -> c.lookupDomainByName("d").setMemory(1024));
        t.put(Operation.DOMAIN_SET_MAX_MEMORY, c -> c.lookupDomainByName("d").setMaxMemory(1024));
        t.put(Operation.DOMAIN_SET_VCPUS, c -> c.lookupDomainByName("d").setVcpus(1));
        t.put(Operation.DOMAIN_ATTACH_DEVICE, c -> c.lookupDomainByName("d").attachDevice("<disk/>"));
        t.put(Operation.DOMAIN_DETACH_DEVICE, c -> c.lookupDomainByName("d").detachDevice("<disk/>"));
        t.put(Operation.DOMAIN_UPDATE_DEVICE, c -> c.lookupDomainByName("d").updateDevice("<disk/>"));
        t.put(Operation.DOMAIN_SET_METADATA,
                c -> c.lookupDomainByName("d").setMetadata(MetadataType.TITLE, "t", null, null));
        t.put(Operation.NETWORK_DEFINE_XML, c -> c.defineNetwork("<network/>"));
        t.put(Operation.NETWORK_CREATE_XML, c -> c.createNetwork("<network/>"));
        t.put(Operation.NETWORK_CREATE, c -> c.lookupNetworkByName("n").start());
        t.put(Operation.NETWORK_DESTROY, c -> c.lookupNetworkByName("n").destroy());
        t.put(Operation.NETWORK_UNDEFINE, c -> c.lookupNetworkByName("n").undefine());
        t.put(Operation.NETWORK_SET_AUTOSTART, c -> c.lookupNetworkByName("n").setAutostart(true));
        t.put(Operation.NETWORK_UPDATE, c -> c.lookupNetworkByName("n").update(NetworkUpdateCommand.ADD_LAST,
                NetworkUpdateSection.IP_DHCP_HOST, -1, "<host/>"));
        t.put(Operation.STORAGE_POOL_DEFINE_XML, c -> c.defineStoragePool("<pool type='dir'/>"));
        t.put(Operation.STORAGE_POOL_CREATE_XML, c -> c.createStoragePool("<pool type='dir'/>"));
        t.put(Operation.STORAGE_POOL_BUILD, c -> c.lookupStoragePoolByName("p").build());
        t.put(Operation.STORAGE_POOL_CREATE, c -> c.lookupStoragePoolByName("p").start());
        t.put(Operation.STORAGE_POOL_DESTROY, c -> c.lookupStoragePoolByName("p").destroy());
        t.put(Operation.STORAGE_POOL_DELETE, c -> c.lookupStoragePoolByName("p").delete());
        t.put(Operation.STORAGE_POOL_UNDEFINE, c -> c.lookupStoragePoolByName("p").undefine());
        t.put(Operation.STORAGE_POOL_REFRESH, c -> c.lookupStoragePoolByName("p").refresh());
        t.put(Operation.STORAGE_POOL_SET_AUTOSTART, c -> c.lookupStoragePoolByName("p").setAutostart(true));
        t.put(Operation.STORAGE_VOL_CREATE_XML, c -> c.lookupStoragePoolByName("p").createVolume("<volume/>"));
        t.put(Operation.STORAGE_VOL_CREATE_XML_FROM, c -> {
            var pool = c.lookupStoragePoolByName("p");
            pool.createVolumeFrom("<volume/>", pool.lookupVolumeByName("v"));
        });
        t.put(Operation.STORAGE_VOL_DELETE, c -> c.lookupStoragePoolByName("p").lookupVolumeByName("v").delete());
        t.put(Operation.STORAGE_VOL_WIPE, c -> c.lookupStoragePoolByName("p").lookupVolumeByName("v").wipe());
        t.put(Operation.STORAGE_VOL_RESIZE, c -> c.lookupStoragePoolByName("p").lookupVolumeByName("v").resize(1));
        t.put(Operation.STORAGE_VOL_UPLOAD, c -> c.lookupStoragePoolByName("p").lookupVolumeByName("v")
                .upload(new ByteArrayInputStream(new byte[1]), 0, 0));
        t.put(Operation.STORAGE_VOL_DOWNLOAD, c -> c.lookupStoragePoolByName("p").lookupVolumeByName("v")
                .download(new ByteArrayOutputStream(), 0, 0));
        return t;
    }

    @Test
    void theTableCoversEveryOperationReadOnlyConnectionsMayNotDo() {
        Set<Operation> refused = Arrays.stream(Operation.values()).filter(o -> !o.allowedReadOnly())
                .collect(Collectors.toSet());
        assertThat(changingCalls().keySet()).isEqualTo(refused);
    }

    @Test
    void readOnlyConnectionsAreRefusedEveryChangeAndTheDriverNeverHearsOfIt() {
        try (Connection ro = factory.openReadOnly("rec:///x")) {
            changingCalls().forEach((op, call) -> assertThatThrownBy(() -> call.accept(ro))
                    .as(op.name()).isInstanceOfSatisfying(VirtException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_DENIED);
                        assertThat(e.getMessage()).contains(op.apiName());
                    }));
            assertThat(driver.calls).isEmpty();
            assertThat(ro.listDomains()).hasSize(1);
            assertThat(ro.lookupDomainByName("d").xml()).isEqualTo("<domain/>");
        }
    }

    @Test
    void readWriteConnectionsReachTheDriver() {
        try (Connection rw = factory.open("rec:///x")) {
            changingCalls().forEach((op, call) -> {
                if (op != Operation.DOMAIN_GET_XML_DESC_SECURE) {
                    int before = driver.calls.size();
                    call.accept(rw);
                    assertThat(driver.calls.size()).as(op.name()).isEqualTo(before + 1);
                }
            });
        }
    }
}
