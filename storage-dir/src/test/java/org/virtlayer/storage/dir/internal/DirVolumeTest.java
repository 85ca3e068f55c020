package org.virtlayer.storage.dir.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.StoragePool;
import org.virtlayer.api.StorageVolume;
import org.virtlayer.api.StorageVolumeCreateFlag;
import org.virtlayer.api.StorageVolumeResizeFlag;
import org.virtlayer.api.StorageVolumeType;
import org.virtlayer.api.VirtException;

/** Every volume operation against a real folder and real qemu-img. */
class DirVolumeTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path tmp;
    private StorageNode node;
    private Connection conn;
    private StoragePool pool;
    private Path folder;

    @BeforeEach
    void open() throws IOException {
        node = new StorageNode(tmp);
        conn = node.open();
        folder = tmp.resolve("pool");
        pool = conn.defineStoragePool(Xmls.pool("pool", folder));
        pool.build();
        pool.start();
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

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aRawVolumeIsAllocatedAsItsXmlSays() throws IOException {
        StorageVolume full = pool.createVolume(Xmls.volume("full.img", 8 * MIB, "raw"));
        StorageVolume sparse = pool.createVolume(Xmls.volume("sparse.img", 8 * MIB, 0, "raw"));
        StorageVolume half = pool.createVolume(Xmls.volume("half.img", 8 * MIB, 4 * MIB, "raw"));

        assertThat(full.path()).isEqualTo(folder.resolve("full.img").toString()).isEqualTo(full.key());
        assertThat(Files.size(folder.resolve("full.img"))).isEqualTo(8 * MIB);
        assertThat(Cmd.allocatedBytes(folder.resolve("full.img"))).isGreaterThanOrEqualTo(8 * MIB);
        assertThat(Cmd.allocatedBytes(folder.resolve("sparse.img"))).isLessThan(MIB);
        assertThat(Cmd.allocatedBytes(folder.resolve("half.img"))).isBetween(4 * MIB, 5 * MIB);
        assertThat(mode(folder.resolve("full.img"))).isEqualTo("rw-------");

        assertThat(full.info().type()).isEqualTo(StorageVolumeType.FILE);
        assertThat(full.info().capacity()).isEqualTo(8 * MIB);
        assertThat(full.info().allocation()).isEqualTo(Cmd.allocatedBytes(folder.resolve("full.img")));
        assertThat(sparse.info().allocation()).isEqualTo(Cmd.allocatedBytes(folder.resolve("sparse.img")));
        assertThat(half.xml()).contains("<name>half.img</name>", "<key>" + folder.resolve("half.img") + "</key>",
                "<capacity unit='bytes'>" + 8 * MIB + "</capacity>", "<format type='raw'/>", "<mode>0600</mode>");
        assertFails(() -> pool.createVolume(Xmls.volume("full.img", MIB, "raw")), ErrorCode.STORAGE_VOL_EXIST,
                "'full.img' already exists");
        assertFails(() -> pool.createVolume("<volume><name>bad.img</name><capacity>1</capacity><target><permissions>"
                + "<mode>0999</mode></permissions></target></volume>"), ErrorCode.XML_ERROR, "permissions");
        assertThat(folder.resolve("bad.img")).as("nothing left of a refused volume").doesNotExist();
    }

    @Test
    void aQcow2VolumeIsWhatQemuImgMakesOfIt() throws IOException {
        StorageVolume v = pool.createVolume("<volume><name>disk.qcow2</name><capacity unit='G'>1</capacity>"
                + "<target><format type='qcow2'/><permissions><mode>0640</mode></permissions></target></volume>");
        Map<String, Object> qi = Cmd.qemuImgInfo(folder.resolve("disk.qcow2"), "qcow2");
        assertThat(qi.get("format")).isEqualTo("qcow2");
        assertThat(((Number) qi.get("virtual-size")).longValue()).isEqualTo(1L << 30);
        assertThat(mode(folder.resolve("disk.qcow2"))).isEqualTo("rw-r-----");
        assertThat(v.info().capacity()).isEqualTo(1L << 30);
        assertThat(v.info().allocation()).isEqualTo(((Number) qi.get("actual-size")).longValue());
        assertThat(v.xml()).contains("<format type='qcow2'/>", "<compat>1.1</compat>",
                "<clusterSize unit='B'>65536</clusterSize>", "<mode>0640</mode>");

        StorageVolume pre = pool.createVolume(Xmls.volume("pre.qcow2", 64 * MIB, "qcow2"),
                StorageVolumeCreateFlag.PREALLOC_METADATA);
        assertThat(Cmd.run("qemu-img", "info", "-U", "-f", "qcow2", folder.resolve("pre.qcow2").toString()))
                .contains("virtual size: 64 MiB");
        assertThat(pre.info().allocation()).isGreaterThan(v.info().allocation());
        assertFails(() -> pool.createVolume(Xmls.volume("x.img", MIB, "raw"),
                StorageVolumeCreateFlag.PREALLOC_METADATA), ErrorCode.CONFIG_UNSUPPORTED, "qcow2");
        assertFails(() -> pool.createVolume(Xmls.volume("x.vmdk", MIB, "vmdk")), ErrorCode.CONFIG_UNSUPPORTED,
                "'vmdk'");
    }

    @Test
    void aVolumeOnABackingStoreNamesItAndItsFormat() {
        StorageVolume base = pool.createVolume(Xmls.volume("base.img", 16 * MIB, "raw"));
        Bytes.upload(base, Bytes.pattern((int) (2 * MIB), 1));

        StorageVolume top = pool.createVolume(Xmls.overlay("top.qcow2", 16 * MIB, base.path(), null));

        Map<String, Object> qi = Cmd.qemuImgInfo(folder.resolve("top.qcow2"), "qcow2");
        assertThat(qi.get("backing-filename")).isEqualTo(base.path());
        assertThat(qi.get("backing-filename-format")).as("the base's recorded format, given explicitly")
                .isEqualTo("raw");
        assertThat(top.xml()).contains("<backingStore>", "<path>" + base.path() + "</path>", "<format type='raw'/>");
        Cmd.run("qemu-img", "compare", "-f", "qcow2", "-F", "raw", folder.resolve("top.qcow2").toString(),
                base.path());
        assertFails(() -> pool.createVolume(Xmls.overlay("bad.img", MIB, base.path(), "raw").replace(
                "type='qcow2'", "type='raw'")), ErrorCode.CONFIG_UNSUPPORTED, "raw volumes");
    }

    @Test
    void aCloneIsAFullCopyOrAnOverlay() {
        StorageVolume src = pool.createVolume(Xmls.volume("src.img", 4 * MIB, "raw"));
        byte[] data = Bytes.pattern((int) (4 * MIB), 2);
        Bytes.upload(src, data);

        StorageVolume copy = pool.createVolumeFrom("<volume><name>copy.img</name></volume>", src);
        assertThat(Bytes.download(copy)).isEqualTo(data);
        assertThat(copy.xml()).contains("<format type='raw'/>").doesNotContain("backingStore");

        // zeros are holes in the copy, and a larger capacity is a sparse tail
        StorageVolume holes = pool.createVolume(Xmls.volume("holes.img", 8 * MIB, 0, "raw"));
        holes.upload(new ByteArrayInputStream(data, 0, (int) MIB), 3 * MIB, MIB);
        StorageVolume sparseCopy = pool.createVolumeFrom(Xmls.volume("sparse-copy.img", 16 * MIB, "raw"), holes);
        assertThat(sparseCopy.info().capacity()).isEqualTo(16 * MIB);
        assertThat(Cmd.allocatedBytes(folder.resolve("sparse-copy.img"))).isBetween(MIB, 2 * MIB);
        Cmd.run("qemu-img", "compare", "-f", "raw", "-F", "raw", holes.path(), sparseCopy.path());

        StorageVolume converted = pool.createVolumeFrom(Xmls.volume("copy.qcow2", 8 * MIB, "qcow2"), src);
        assertThat(converted.info().capacity()).as("grown to the XML's capacity").isEqualTo(8 * MIB);
        assertThat(Cmd.qemuImgInfo(folder.resolve("copy.qcow2"), "qcow2")).doesNotContainKey("backing-filename");
        Cmd.run("qemu-img", "compare", "-f", "raw", "-F", "qcow2", src.path(), converted.path());

        StorageVolume overlay = pool.createVolumeFrom(Xmls.overlay("over.qcow2", 0, src.path(), "raw"), src);
        assertThat(overlay.info().capacity()).isEqualTo(4 * MIB);
        Map<String, Object> qi = Cmd.qemuImgInfo(folder.resolve("over.qcow2"), "qcow2");
        assertThat(qi.get("backing-filename")).isEqualTo(src.path());
        assertThat(qi.get("backing-filename-format")).isEqualTo("raw");
        Cmd.run("qemu-img", "compare", "-f", "raw", "-F", "qcow2", src.path(), overlay.path());

        assertFails(() -> pool.createVolumeFrom(Xmls.overlay("elsewhere.qcow2", MIB, "/etc/hostname", "raw"), src),
                ErrorCode.INVALID_ARG, "either its copy");
        assertFails(() -> pool.createVolumeFrom("<volume><name>r.img</name></volume>", src,
                StorageVolumeCreateFlag.REFLINK), ErrorCode.ARGUMENT_UNSUPPORTED, "reflink");
    }

    @Test
    void theFormatIsRecordedOnTheFileAndDeleteRemovesBoth() throws IOException {
        StorageVolume v = pool.createVolume(Xmls.volume("gone.qcow2", MIB, "qcow2"));
        java.nio.file.attribute.UserDefinedFileAttributeView attrs = Files.getFileAttributeView(
                folder.resolve("gone.qcow2"), java.nio.file.attribute.UserDefinedFileAttributeView.class);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
        attrs.read("virtlayer.format", b);
        assertThat(new String(b.array(), 0, b.position(), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("qcow2");
        assertThat(node.state.resolve("storage/formats/pool.list")).as("no ledger where attributes work")
                .doesNotExist();
        v.delete();
        assertThat(folder.resolve("gone.qcow2")).doesNotExist();
        assertFails(() -> pool.lookupVolumeByName("gone.qcow2"), ErrorCode.NO_STORAGE_VOL, "gone.qcow2");
        assertFails(v::info, ErrorCode.NO_STORAGE_VOL, "gone.qcow2");
    }

    @Test
    void resizeGrowsShrinksOnlyWhenToldAndAllocatesWhenAsked() throws IOException {
        StorageVolume raw = pool.createVolume(Xmls.volume("r.img", 8 * MIB, 0, "raw"));
        raw.resize(16 * MIB);
        assertThat(Files.size(folder.resolve("r.img"))).isEqualTo(16 * MIB);
        assertThat(raw.info().capacity()).isEqualTo(16 * MIB);
        assertFails(() -> raw.resize(4 * MIB), ErrorCode.INVALID_ARG, "shrink flag");
        raw.resize(4 * MIB, StorageVolumeResizeFlag.SHRINK);
        assertThat(raw.info().capacity()).isEqualTo(4 * MIB);
        raw.resize(2 * MIB, StorageVolumeResizeFlag.DELTA);
        assertThat(raw.info().capacity()).isEqualTo(6 * MIB);
        raw.resize(MIB, StorageVolumeResizeFlag.DELTA, StorageVolumeResizeFlag.SHRINK);
        assertThat(raw.info().capacity()).isEqualTo(5 * MIB);
        long before = Cmd.allocatedBytes(folder.resolve("r.img"));
        raw.resize(13 * MIB, StorageVolumeResizeFlag.ALLOCATE);
        assertThat(Cmd.allocatedBytes(folder.resolve("r.img"))).isGreaterThanOrEqualTo(before + 8 * MIB);
        assertFails(() -> raw.resize(Long.MAX_VALUE / 2, StorageVolumeResizeFlag.ALLOCATE),
                ErrorCode.OPERATION_FAILED, "Not enough space");

        StorageVolume q = pool.createVolume(Xmls.volume("q.qcow2", 8 * MIB, "qcow2"));
        q.resize(32 * MIB);
        assertThat(((Number) Cmd.qemuImgInfo(folder.resolve("q.qcow2"), "qcow2").get("virtual-size")).longValue())
                .isEqualTo(32 * MIB);
        assertThat(q.info().capacity()).isEqualTo(32 * MIB);
    }

    @Test
    void wipeLeavesZerosOfTheSameCapacityInTheSameFile() throws IOException {
        StorageVolume raw = pool.createVolume(Xmls.volume("w.img", 2 * MIB, "raw"));
        Bytes.upload(raw, Bytes.pattern((int) (2 * MIB), 3));
        Object inode = Files.getAttribute(folder.resolve("w.img"), "unix:ino");
        raw.wipe();
        assertThat(Bytes.download(raw)).isEqualTo(new byte[(int) (2 * MIB)]);
        assertThat(Files.getAttribute(folder.resolve("w.img"), "unix:ino")).isEqualTo(inode);
        assertThat(mode(folder.resolve("w.img"))).isEqualTo("rw-------");

        StorageVolume base = pool.createVolume(Xmls.volume("b.img", 2 * MIB, "raw"));
        Bytes.upload(base, Bytes.pattern((int) (2 * MIB), 4));
        StorageVolume q = pool.createVolume(Xmls.overlay("w.qcow2", 2 * MIB, base.path(), "raw"));
        q.wipe();
        assertThat(q.info().capacity()).isEqualTo(2 * MIB);
        assertThat(q.xml()).doesNotContain("backingStore");
        Path zeros = Files.createFile(tmp.resolve("zeros.raw"));
        Files.write(zeros, new byte[(int) (2 * MIB)]);
        Cmd.run("qemu-img", "compare", "-f", "qcow2", "-F", "raw", q.path(), zeros.toString());
    }

    @Test
    void uploadAndDownloadHonourOffsetAndLength() {
        StorageVolume v = pool.createVolume(Xmls.volume("io.img", MIB, "raw"));
        byte[] data = Bytes.pattern(1000, 5);
        v.upload(new ByteArrayInputStream(data), 4096, 600);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        v.download(out, 4096, 1000);
        assertThat(out.toByteArray()).isEqualTo(concat(Arrays.copyOf(data, 600), new byte[400]));
        assertFails(() -> v.upload(new ByteArrayInputStream(data), 0, 2000), ErrorCode.OPERATION_FAILED,
                "ended after 1000 of 2000 bytes");
        assertFails(() -> v.download(new ByteArrayOutputStream(), 2 * MIB, 0), ErrorCode.INVALID_ARG, "beyond");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void aVolumeIsFoundByPathAndKey() {
        StorageVolume v = pool.createVolume(Xmls.volume("k.img", MIB, "raw"));
        assertThat(conn.lookupStorageVolumeByPath(v.path())).isEqualTo(v);
        assertThat(conn.lookupStorageVolumeByKey(v.key())).isEqualTo(v);
        assertThat(conn.lookupStorageVolumeByPath(folder + "/./k.img").name()).isEqualTo("k.img");
        assertThat(v.pool()).isEqualTo(pool);
    }

    /** A volume in use by a long operation cannot be deleted and its pool cannot stop, as in libvirt. */
    @Test
    void aVolumeInUseIsNeitherDeletedNorItsPoolStopped() throws Exception {
        StorageVolume v = pool.createVolume(Xmls.volume("busy.img", MIB, "raw"));
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        InputStream slow = new InputStream() {
            @Override
            public int read() {
                return -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                reading.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return -1;
            }
        };
        CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> v.upload(slow, 0, 0));
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        assertFails(v::delete, ErrorCode.OPERATION_INVALID, "still in use");
        assertFails(pool::destroy, ErrorCode.OPERATION_INVALID, "asynchronous jobs running");
        release.countDown();
        upload.get(10, TimeUnit.SECONDS);
        v.delete();
        pool.destroy();
    }
}
