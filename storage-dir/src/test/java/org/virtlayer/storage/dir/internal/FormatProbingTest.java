package org.virtlayer.storage.dir.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.api.Connection;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.StoragePool;
import org.virtlayer.api.StorageVolume;
import org.virtlayer.api.VirtException;
import org.virtlayer.core.internal.state.FileStateStores;

/**
 * A disk's format is always explicit, never probed (the CVE-2010-2237 class): a raw volume whose guest wrote a qcow2
 * header naming a host file as backing store stays raw; a backing file's format is taken from the image or the
 * caller, never guessed; every qemu-img command names the formats it reads.
 */
class FormatProbingTest {
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

    /** A qcow2 image (made outside any pool) whose backing file is a host file. */
    private Path evilImage(boolean withBackingFormat) throws IOException {
        Path evil = tmp.resolve(withBackingFormat ? "evil-fmt.qcow2" : "evil.qcow2");
        Cmd.run("qemu-img", "create", "-q", "-f", "qcow2", "-b", "/etc/hostname", "-F", "raw", evil.toString(), "1G");
        if (!withBackingFormat) {
            dropBackingFormat(evil);
        }
        return evil;
    }

    /**
     * Turns the image's backing format header extension into an unknown one, which qemu ignores: the image then
     * names a backing file without its format, as images made by old tools do.
     */
    private static void dropBackingFormat(Path image) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            byte[] head = new byte[4096];
            f.readFully(head);
            for (int i = 72; i + 4 <= head.length; i++) {
                if ((head[i] & 0xff) == 0xe2 && (head[i + 1] & 0xff) == 0x79 && (head[i + 2] & 0xff) == 0x2a
                        && (head[i + 3] & 0xff) == 0xca) {
                    f.seek(i);
                    f.write(new byte[] {0x7e, 0x5e, 0x5e, 0x5e});
                    return;
                }
            }
        }
        throw new AssertionError("no backing format extension in " + image);
    }

    @Test
    void aRawVolumeHoldingAQcow2HeaderStaysRaw() throws IOException {
        StorageVolume v = pool.createVolume(Xmls.volume("guest.img", 4 << 20, "raw"));
        // what a guest can do to its own disk: write an image header that names a host file
        v.upload(Files.newInputStream(evilImage(true)), 0, 0);
        assertThat(Files.readAllBytes(folder.resolve("guest.img"))).startsWith('Q', 'F', 'I', (byte) 0xfb);

        for (int round = 0; round < 3; round++) {
            StorageVolume now = conn.lookupStoragePoolByName("pool").lookupVolumeByName("guest.img");
            assertThat(now.xml()).as("round %d", round).contains("<format type='raw'/>")
                    .doesNotContain("backingStore").doesNotContain("hostname");
            assertThat(now.info().capacity()).isEqualTo(4 << 20);
            if (round == 0) {
                conn.lookupStoragePoolByName("pool").refresh();
            } else if (round == 1) {
                node.restartBackend();
                conn = node.open();
            }
        }
    }

    @Test
    void aBackingFileWithoutARecordedFormatIsNeverGuessed() throws IOException {
        Files.copy(evilImage(false), folder.resolve("found.qcow2"));
        pool.refresh();
        StorageVolume v = pool.lookupVolumeByName("found.qcow2");
        String xml = v.xml();
        assertThat(xml).contains("<format type='qcow2'/>", "<backingStore>", "<path>/etc/hostname</path>");
        assertThat(xml.substring(xml.indexOf("<backingStore>"))).doesNotContain("<format");

        Files.copy(evilImage(true), folder.resolve("fmt.qcow2"));
        pool.refresh();
        String withFormat = pool.lookupVolumeByName("fmt.qcow2").xml();
        assertThat(withFormat.substring(withFormat.indexOf("<backingStore>"))).contains("<format type='raw'/>");
    }

    @Test
    void anOverlayOnAFileOutsideThePoolsNeedsItsFormatSpelledOut() {
        assertThatThrownBy(() -> pool.createVolume(Xmls.overlay("o.qcow2", 1 << 20, "/etc/hostname", null)))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG);
                    assertThat(e.getMessage()).contains("never guessed");
                });
        assertThat(folder.resolve("o.qcow2")).doesNotExist();
        StorageVolume o = pool.createVolume(Xmls.overlay("o.qcow2", 1 << 20, "/etc/hostname", "raw"));
        assertThat(Cmd.qemuImgInfo(Path.of(o.path()), "qcow2").get("backing-filename-format")).isEqualTo("raw");
    }

    @Test
    void everyQemuImgCommandNamesItsFormats() throws IOException {
        Path log = tmp.resolve("qemu-img.log");
        Path wrapper = tmp.resolve("qemu-img-logged");
        Files.writeString(wrapper, "#!/bin/sh\necho \"$*\" >> '" + log + "'\nexec qemu-img \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        DirStorageBackend logged = new DirStorageBackend(new FileStateStores(tmp.resolve("s2"), tmp.resolve("r2"))
                .open(DirStorageBackend.AREA), wrapper.toString());
        node.removeBackend();
        node.factory.addStorageBackend(logged, java.util.Map.of("virtlayer.storage.pool.types", "dir"), "logged");
        Connection c = node.open();
        StoragePool p = c.defineStoragePool(Xmls.pool("logged", tmp.resolve("logged")));
        p.build();
        p.start();
        StorageVolume raw = p.createVolume(Xmls.volume("a.img", 1 << 20, "raw"));
        StorageVolume q = p.createVolume(Xmls.overlay("b.qcow2", 1 << 20, raw.path(), null));
        p.createVolumeFrom("<volume><name>c.qcow2</name><target><format type='qcow2'/></target></volume>", raw);
        q.resize(2 << 20);
        q.wipe();
        q.info();
        raw.info();
        Files.copy(evilImage(false), tmp.resolve("logged/found.qcow2"));
        p.refresh();
        p.lookupVolumeByName("found.qcow2").xml();

        List<String> calls = Files.readAllLines(log);
        assertThat(calls).hasSizeGreaterThan(6);
        for (String call : calls) {
            assertThat(call).as(call).matches("(info|create|convert|resize) .*");
            assertThat(call).as(call).contains(" -f ");
            if (call.contains(" -b ")) {
                assertThat(call).as(call).contains(" -F ");
            }
            if (call.startsWith("convert")) {
                assertThat(call).as(call).contains(" -O ");
            }
            assertThat(call).as(call).doesNotContain("--backing-chain");
        }
    }
}
