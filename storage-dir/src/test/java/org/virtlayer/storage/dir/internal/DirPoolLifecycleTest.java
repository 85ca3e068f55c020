package org.virtlayer.storage.dir.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.StoragePool;
import org.virtlayer.api.StoragePoolBuildFlag;
import org.virtlayer.api.StoragePoolInfo;
import org.virtlayer.api.StoragePoolState;
import org.virtlayer.api.StorageVolume;
import org.virtlayer.api.VirtException;
import org.virtlayer.api.event.StoragePoolEvent;
import org.virtlayer.api.event.StoragePoolEventType;

/** A dir pool's whole life on a real folder, through the real core and API, with libvirt's errors and events. */
class DirPoolLifecycleTest {
    @TempDir
    Path tmp;
    private StorageNode node;
    private Connection conn;

    @BeforeEach
    void open() throws IOException {
        node = new StorageNode(tmp);
        conn = node.open();
    }

    @AfterEach
    void close() {
        node.close();
    }

    private static void assertFails(Runnable call, ErrorCode code, String text) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(text);
        });
    }

    @Test
    void definedBuiltStartedRefreshedStoppedDeletedUndefinedWithEvents() throws Exception {
        BlockingQueue<StoragePoolEvent> events = new LinkedBlockingQueue<>();
        conn.addStoragePoolEventListener(events::add);
        Path folder = tmp.resolve("pools/p1");

        StoragePool p = conn.defineStoragePool(Xmls.pool("p1", tmp + "//pools/./p1/"));
        assertThat(Files.readString(node.state.resolve("storage/pools/p1.xml"))).contains("<path>" + folder
                + "</path>");
        assertThat(p.isPersistent()).isTrue();
        assertThat(p.isActive()).isFalse();
        assertFails(p::start, ErrorCode.SYSTEM_ERROR, "cannot open directory '" + folder + "'");

        p.build();
        assertThat(Files.isDirectory(folder)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx--x--x");
        p.start();
        assertThat(p.isActive()).isTrue();

        // files put there by someone else are found by a refresh, measured by qemu-img
        byte[] data = new byte[3 << 20];
        new java.util.Random(7).nextBytes(data);
        Files.write(folder.resolve("found.img"), data);
        Cmd.run("qemu-img", "create", "-q", "-f", "qcow2", folder.resolve("found.qcow2").toString(), "64M");
        assertThat(p.listVolumes()).isEmpty();
        p.refresh();
        assertThat(p.listVolumes()).extracting(StorageVolume::name).containsExactly("found.img", "found.qcow2");
        StorageVolume q = p.lookupVolumeByName("found.qcow2");
        Map<String, Object> qi = Cmd.qemuImgInfo(folder.resolve("found.qcow2"), "qcow2");
        assertThat(q.info().capacity()).isEqualTo(64L << 20).isEqualTo(((Number) qi.get("virtual-size")).longValue());
        assertThat(q.info().allocation()).isEqualTo(((Number) qi.get("actual-size")).longValue());
        assertThat(q.xml()).contains("<format type='qcow2'/>");
        StorageVolume r = p.lookupVolumeByName("found.img");
        assertThat(r.info().capacity()).isEqualTo(3 << 20);
        assertThat(r.info().allocation()).isEqualTo(Cmd.allocatedBytes(folder.resolve("found.img")));
        assertThat(r.xml()).contains("<format type='raw'/>");

        FileStore fs = Files.getFileStore(folder);
        StoragePoolInfo info = p.info();
        assertThat(info.state()).isEqualTo(StoragePoolState.RUNNING);
        assertThat(info.capacity()).isEqualTo(fs.getTotalSpace());
        assertThat(info.available()).isBetween(fs.getUsableSpace() - (64L << 20), fs.getUsableSpace() + (64L << 20));
        assertThat(p.xml(false)).contains("<capacity unit='bytes'>" + info.capacity() + "</capacity>")
                .contains("<mode>0711</mode>");
        assertThat(p.xml(true)).doesNotContain("<capacity");

        p.destroy();
        assertThat(p.isActive()).isFalse();
        assertFails(p::listVolumes, ErrorCode.OPERATION_INVALID, "not active");
        assertFails(p::delete, ErrorCode.SYSTEM_ERROR, "Directory not empty");
        Files.delete(folder.resolve("found.img"));
        Files.delete(folder.resolve("found.qcow2"));
        p.delete();
        assertThat(folder).doesNotExist();
        p.undefine();
        assertThat(node.state.resolve("storage/pools/p1.xml")).doesNotExist();
        assertFails(() -> conn.lookupStoragePoolByName("p1"), ErrorCode.NO_STORAGE_POOL, "p1");

        List<StoragePoolEventType> seen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            StoragePoolEvent e = events.poll(5, TimeUnit.SECONDS);
            assertThat(e).as("event %d of 6", i + 1).isNotNull();
            assertThat(e.pool().name()).isEqualTo("p1");
            seen.add(e.type());
        }
        assertThat(seen).containsExactly(StoragePoolEventType.DEFINED, StoragePoolEventType.CREATED,
                StoragePoolEventType.STARTED, StoragePoolEventType.STOPPED, StoragePoolEventType.DELETED,
                StoragePoolEventType.UNDEFINED);
    }

    @Test
    void buildGivesTheFolderTheDefinitionsMode() throws IOException {
        StoragePool p = conn.defineStoragePool(Xmls.pool("p2", tmp.resolve("a/b/p2"), "0750"));
        p.build();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("a/b/p2"))))
                .isEqualTo("rwxr-x---");
        p.start();
        assertThat(p.xml(false)).contains("<mode>0750</mode>").contains("<owner>0</owner>");
    }

    @Test
    void poolsComeBackAfterABackendRestartAsTheyWere() throws IOException {
        StoragePool auto = conn.defineStoragePool(Xmls.pool("auto", tmp.resolve("auto")));
        auto.build();
        auto.setAutostart(true);
        assertThat(node.state.resolve("storage/autostart/auto")).exists();
        StoragePool running = conn.defineStoragePool(Xmls.pool("running", tmp.resolve("running")));
        running.build();
        running.start();
        running.createVolume(Xmls.volume("disk.qcow2", 1 << 20, "qcow2"));
        StoragePool idle = conn.defineStoragePool(Xmls.pool("idle", tmp.resolve("idle")));
        idle.build();
        conn.createStoragePool(Xmls.pool("transient", tmp.resolve("transient")), StoragePoolBuildFlag.NO_OVERWRITE);

        node.restartBackend();
        Connection again = node.open();

        assertThat(again.lookupStoragePoolByName("auto").isActive()).as("autostarted").isTrue();
        assertThat(again.lookupStoragePoolByName("running").isActive()).as("still running").isTrue();
        assertThat(again.lookupStoragePoolByName("running").listVolumes()).extracting(StorageVolume::name)
                .containsExactly("disk.qcow2");
        assertThat(again.lookupStoragePoolByName("running").lookupVolumeByName("disk.qcow2").xml())
                .contains("<format type='qcow2'/>");
        assertThat(again.lookupStoragePoolByName("idle").isActive()).isFalse();
        StoragePool t = again.lookupStoragePoolByName("transient");
        assertThat(t.isActive()).isTrue();
        assertThat(t.isPersistent()).isFalse();
        t.destroy();
        assertFails(() -> again.lookupStoragePoolByName("transient"), ErrorCode.NO_STORAGE_POOL, "transient");
    }

    @Test
    void wrongStatesAreRefusedAsLibvirtRefusesThem() throws IOException {
        StoragePool p = conn.defineStoragePool(Xmls.pool("p", tmp.resolve("p")));
        assertFails(p::destroy, ErrorCode.OPERATION_INVALID, "storage pool 'p' is not active");
        p.build();
        p.start();
        assertFails(p::start, ErrorCode.OPERATION_INVALID, "storage pool 'p' is already active");
        assertFails(p::undefine, ErrorCode.OPERATION_INVALID, "storage pool 'p' is still active");
        assertFails(p::delete, ErrorCode.OPERATION_INVALID, "storage pool 'p' is still active");
        assertFails(p::build, ErrorCode.OPERATION_INVALID, "already active");
        assertFails(() -> conn.defineStoragePool(Xmls.pool("other", tmp + "/p/")),
                ErrorCode.OPERATION_FAILED, "Storage source conflict with pool: 'p'");
        assertFails(() -> conn.defineStoragePool("<pool type='dir'><name>x</name><target><path>relative/x</path>"
                + "</target></pool>"), ErrorCode.XML_ERROR, "must be absolute");
        StoragePool t = conn.createStoragePool(Xmls.pool("t", tmp.resolve("t")), StoragePoolBuildFlag.NO_OVERWRITE);
        assertFails(() -> t.setAutostart(true), ErrorCode.OPERATION_INVALID, "transient pool");
        assertFails(() -> conn.defineStoragePool("<pool type='logical'><name>vg</name><target><path>/dev/vg</path>"
                + "</target></pool>"), ErrorCode.DRIVER_UNAVAILABLE, "pool type 'logical'");
    }

    @Test
    void aTransientPoolIsBuiltFirstOnlyWhenAskedTo() {
        Path folder = tmp.resolve("made/by/create");
        assertFails(() -> conn.createStoragePool(Xmls.pool("plain", folder)), ErrorCode.SYSTEM_ERROR,
                "cannot open directory");
        assertThat(folder).doesNotExist();
        StoragePool built = conn.createStoragePool(Xmls.pool("built", folder), StoragePoolBuildFlag.NEW);
        assertThat(folder).isDirectory();
        assertThat(built.isActive()).isTrue();
        assertThat(built.isPersistent()).isFalse();
        built.destroy();
        assertFails(() -> conn.createStoragePool(Xmls.pool("both", tmp.resolve("both")), StoragePoolBuildFlag.OVERWRITE,
                StoragePoolBuildFlag.NO_OVERWRITE), ErrorCode.INVALID_ARG, "mutually exclusive");
    }

    @Test
    void withoutTheBackendStorageCallsNameWhatIsMissing() {
        node.removeBackend();
        assertFails(conn::listStoragePools, ErrorCode.DRIVER_UNAVAILABLE, "virtlayer-storage-dir");
    }
}
