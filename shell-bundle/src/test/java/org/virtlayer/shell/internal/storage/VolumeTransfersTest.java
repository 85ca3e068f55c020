package org.virtlayer.shell.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.shell.internal.TestConsole;
import org.virtlayer.shell.internal.format.NumericOption;

/** vol-upload and vol-download between files and a real dir pool volume, and their failures in virsh's words. */
class VolumeTransfersTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path tmp;
    private DirPoolConsole node;
    private VolumeTransfers transfers;

    @BeforeEach
    void pool() throws IOException {
        node = new DirPoolConsole(tmp);
        transfers = new VolumeTransfers(node.conn);
        new VolumeOperations(node.conn).createAs("p", "disk.img", "4M", "0", "raw");
    }

    @AfterEach
    void close() {
        node.close();
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    @Test
    void aFileGoesUpAndComesBackWhole() throws IOException {
        byte[] content = random(3 * MIB + 17);
        Path up = Files.write(tmp.resolve("up.bin"), content);
        assertThat(transfers.upload("disk.img", "p", up, 0, 0)).isEmpty();
        Path down = tmp.resolve("down.bin");
        assertThat(transfers.download("disk.img", "p", down, 0, content.length)).isEmpty();
        assertThat(Files.readAllBytes(down)).isEqualTo(content);
        // without a length, to the volume's end: the rest of its 4 MiB reads as zeros
        transfers.download(node.pool.resolve("disk.img").toString(), null, down, 0, 0);
        byte[] whole = Files.readAllBytes(down);
        assertThat(whole).hasSize(4 * MIB);
        assertThat(Arrays.copyOf(whole, content.length)).isEqualTo(content);
        assertThat(Arrays.copyOfRange(whole, content.length, whole.length)).containsOnly(0);
    }

    @Test
    void offsetsAndLengthsSelectAPart() throws IOException {
        byte[] content = random(MIB);
        Path up = Files.write(tmp.resolve("up.bin"), content);
        transfers.upload("disk.img", "p", up, 2 * MIB, 1000);
        Path down = tmp.resolve("down.bin");
        transfers.download("disk.img", "p", down, 2 * MIB, 2000);
        byte[] got = Files.readAllBytes(down);
        assertThat(Arrays.copyOf(got, 1000)).isEqualTo(Arrays.copyOf(content, 1000));
        assertThat(Arrays.copyOfRange(got, 1000, 2000)).containsOnly(0);
    }

    @Test
    void anExistingFileIsEmptiedFirstAndKeptIfTheDownloadFails() throws IOException {
        Path existing = Files.write(tmp.resolve("existing.bin"), random(5 * MIB));
        transfers.download("disk.img", "p", existing, 0, 10);
        assertThat(Files.size(existing)).isEqualTo(10);
        assertThatThrownBy(() -> transfers.download("disk.img", "p", existing, 8 * MIB, 0))
                .hasMessageStartingWith("cannot download from volume disk.img: ")
                .hasMessageContaining("beyond the end");
        assertThat(existing).exists();
        Path fresh = tmp.resolve("fresh.bin");
        assertThatThrownBy(() -> transfers.download("disk.img", "p", fresh, 8 * MIB, 0))
                .hasMessageStartingWith("cannot download from volume disk.img: ");
        assertThat(fresh).as("a file the failed download made is removed, as virsh removes it").doesNotExist();
    }

    @Test
    void failuresAreOneLineInVirshsWords() {
        assertThatThrownBy(() -> transfers.upload("disk.img", "p", tmp.resolve("missing.bin"), 0, 0))
                .hasMessage("cannot read " + tmp.resolve("missing.bin") + ": No such file or directory");
        assertThatThrownBy(() -> transfers.upload("disk.img", "p", tmp, 0, 0))
                .hasMessage("cannot read " + tmp + ": Is a directory");
        assertThatThrownBy(() -> transfers.download("disk.img", "p", tmp.resolve("no/such/dir/x"), 0, 0))
                .hasMessageStartingWith("cannot create " + tmp.resolve("no/such/dir/x") + ": ");
        assertThatThrownBy(() -> transfers.upload("nope", "p", tmp.resolve("x"), 0, 0))
                .hasMessageStartingWith("failed to get vol 'nope': Storage volume not found");
        assertThatThrownBy(() -> NumericOption.nonNegative("-1", "offset"))
                .hasMessage("Numeric value '-1' for <offset> option is malformed or out of range");
        assertThat(NumericOption.nonNegative(null, "length")).isZero();
    }

    @Test
    void theTestDriverHasNoVolumeStreams() throws IOException {
        try (TestConsole test = new TestConsole()) {
            new VolumeOperations(test.conn()).createAs("default-pool", "v", "1M", null, null);
            Path up = Files.write(tmp.resolve("up.bin"), random(10));
            assertThatThrownBy(() -> new VolumeTransfers(test.conn()).upload("v", "default-pool", up, 0, 0))
                    .hasMessage("cannot upload to volume v: this function is not supported by the connection"
                            + " driver: virStorageVolUpload");
        }
    }
}
