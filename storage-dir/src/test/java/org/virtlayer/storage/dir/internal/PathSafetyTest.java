package org.virtlayer.storage.dir.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * Volume names and paths never leave the pool (libvirt CVE-2015-5313): traversal, absolute names, NUL, and links in
 * the pool folder pointing out of it are refused, and the files outside stay as they were.
 */
class PathSafetyTest {
    @TempDir
    Path tmp;
    private StorageNode node;
    private Connection conn;
    private StoragePool pool;
    private Path folder;
    private Path secret;

    @BeforeEach
    void open() throws IOException {
        node = new StorageNode(tmp);
        conn = node.open();
        folder = tmp.resolve("pools/pool");
        pool = conn.defineStoragePool(Xmls.pool("pool", folder));
        pool.build();
        pool.start();
        secret = Files.writeString(tmp.resolve("secret.txt"), "the host's secret\n");
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

    /** Refused as an invalid argument by the backend, or already as invalid XML by the definition's reader. */
    private static void assertRefused(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isIn(ErrorCode.INVALID_ARG, ErrorCode.XML_ERROR));
    }

    @Test
    void namesThatAreNotOnePlainPathElementAreRefused() throws IOException {
        for (String name : List.of("../escape.img", "../../escape.img", "sub/dir.img", tmp + "/abs.img", "..", ".")) {
            assertRefused(() -> pool.createVolume(Xmls.volume(name, 1 << 20, "raw")));
            StorageVolume src = pool.createVolume(Xmls.volume("src-" + name.hashCode(), 1 << 20, "raw"));
            assertRefused(() -> pool.createVolumeFrom(Xmls.volume(name, 1 << 20, "raw"), src));
        }
        assertThat(tmp.resolve("pools/escape.img")).doesNotExist();
        assertThat(tmp.resolve("escape.img")).doesNotExist();
        assertThat(tmp.resolve("abs.img")).doesNotExist();
        assertThat(folder.resolve("sub")).doesNotExist();
        assertFails(() -> VolumePaths.checkName("a\0b"), ErrorCode.INVALID_ARG, "NUL");
        assertFails(() -> pool.lookupVolumeByName("../pool/x"), ErrorCode.NO_STORAGE_VOL, "");
        assertFails(() -> conn.lookupStorageVolumeByPath(folder + "/a\0b"), ErrorCode.NO_STORAGE_VOL, "");
    }

    @Test
    void aLinkOutOfThePoolIsNeverAVolume() throws IOException {
        Files.createSymbolicLink(folder.resolve("link.img"), secret);
        Files.createDirectory(folder.resolve("subdir"));
        pool.refresh();
        assertThat(pool.listVolumes()).isEmpty();
        assertFails(() -> pool.lookupVolumeByName("link.img"), ErrorCode.NO_STORAGE_VOL, "link.img");
        assertFails(() -> conn.lookupStorageVolumeByPath(folder.resolve("link.img").toString()),
                ErrorCode.NO_STORAGE_VOL, "");
        assertFails(() -> conn.lookupStorageVolumeByPath(folder + "/../../secret.txt"), ErrorCode.NO_STORAGE_VOL, "");
        assertFails(() -> pool.createVolume(Xmls.volume("link.img", 1 << 20, "raw")), ErrorCode.STORAGE_VOL_EXIST,
                "link.img");
        assertThat(Files.readString(secret)).isEqualTo("the host's secret\n");
    }

    @Test
    void aDanglingLinkIsNotFollowedToCreateAFileOutside() throws IOException {
        Path target = tmp.resolve("created-outside.img");
        Files.createSymbolicLink(folder.resolve("new.img"), target);
        assertFails(() -> pool.createVolume(Xmls.volume("new.img", 1 << 20, "raw")), ErrorCode.STORAGE_VOL_EXIST,
                "new.img");
        StorageVolume src = pool.createVolume(Xmls.volume("src.img", 1 << 20, "raw"));
        assertFails(() -> pool.createVolumeFrom("<volume><name>new.img</name></volume>", src),
                ErrorCode.STORAGE_VOL_EXIST, "new.img");
        assertThat(target).doesNotExist();
    }

    @Test
    void aVolumeReplacedByALinkIsNeitherWrittenNorReadThrough() throws IOException {
        StorageVolume v = pool.createVolume(Xmls.volume("v.img", 1 << 20, "raw"));
        Files.delete(folder.resolve("v.img"));
        Files.createSymbolicLink(folder.resolve("v.img"), secret);

        assertThatThrownBy(() -> v.upload(new ByteArrayInputStream(new byte[16]), 0, 0))
                .isInstanceOf(VirtException.class);
        assertThatThrownBy(() -> v.download(new ByteArrayOutputStream(), 0, 0)).isInstanceOf(VirtException.class);
        assertThatThrownBy(v::wipe).isInstanceOf(VirtException.class);
        assertThat(Files.readString(secret)).isEqualTo("the host's secret\n");
        v.delete();
        assertThat(folder.resolve("v.img")).doesNotExist();
        assertThat(Files.readString(secret)).isEqualTo("the host's secret\n");
    }
}
