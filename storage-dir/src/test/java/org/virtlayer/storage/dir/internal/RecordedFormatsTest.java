package org.virtlayer.storage.dir.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.core.internal.state.FileStateStores;
import org.virtlayer.spi.StateStore;

/** The recorded formats, on the file's attribute or, where a file system keeps none, in the pool's ledger. */
class RecordedFormatsTest {
    @TempDir
    Path tmp;

    private StateStore store() {
        return new FileStateStores(tmp.resolve("state"), tmp.resolve("run")).open("storage");
    }

    @Test
    void theAttributeTravelsWithTheFile() throws IOException {
        Path a = Files.writeString(tmp.resolve("a.img"), "QFI\u00fb looks like qcow2");
        new RecordedFormats(store(), "p").record("a.img", a, "raw");
        Path moved = Files.move(a, tmp.resolve("b.img"));
        assertThat(new RecordedFormats(store(), "p").formatOf("b.img", moved)).isEqualTo("raw");
        assertThat(new RecordedFormats(store(), "p").formatOf("c.img", Files.writeString(tmp.resolve("c.img"), "x")))
                .isNull();
    }

    @Test
    void withoutAttributesTheLedgerKeepsTheFormatForThatVeryFile() throws IOException {
        Path a = Files.writeString(tmp.resolve("a.img"), "data");
        RecordedFormats f = new RecordedFormats(store(), "p", false);
        f.record("a.img", a, "qcow2");
        assertThat(Files.readString(tmp.resolve("state/storage/formats/p.list"))).matches("qcow2 \\d+ a.img\n");
        assertThat(new RecordedFormats(store(), "p", false).formatOf("a.img", a)).isEqualTo("qcow2");

        // the same name on another file (another inode) is not what was recorded
        Files.delete(a);
        Files.writeString(tmp.resolve("other"), "padding so the inode differs");
        Path b = Files.writeString(tmp.resolve("a.img"), "new");
        assertThat(new RecordedFormats(store(), "p", false).formatOf("a.img", b)).isNull();

        RecordedFormats g = new RecordedFormats(store(), "p", false);
        g.forget("a.img");
        assertThat(Files.readString(tmp.resolve("state/storage/formats/p.list"))).isEmpty();
        g.drop();
        assertThat(tmp.resolve("state/storage/formats/p.list")).doesNotExist();
    }
}
