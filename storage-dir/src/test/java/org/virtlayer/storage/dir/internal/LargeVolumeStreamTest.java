package org.virtlayer.storage.dir.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.api.Connection;
import org.virtlayer.api.StoragePool;
import org.virtlayer.api.StorageVolume;

/**
 * Runs in a JVM with a small heap (see the pom: {@code -Xmx48m}): a volume three times larger than the whole heap
 * goes up and comes back byte for byte, so neither direction can hold it in memory.
 */
class LargeVolumeStreamTest {
    @TempDir
    Path tmp;

    /** Pseudo-random bytes made as they are read, digested on the way: the source never exists whole. */
    private static final class GeneratedStream extends InputStream {
        private final Random random = new Random(42);
        private final MessageDigest digest;
        private long left;

        GeneratedStream(long size) throws NoSuchAlgorithmException {
            this.left = size;
            this.digest = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("read in blocks");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, b, off, n);
            digest.update(chunk);
            left -= n;
            return n;
        }
    }

    /** Digests what is written to it and keeps nothing. */
    private static final class DigestSink extends OutputStream {
        private final MessageDigest digest;
        private long count;

        DigestSink() throws NoSuchAlgorithmException {
            digest = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public void write(int b) {
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            digest.update(b, off, len);
            count += len;
        }
    }

    @Test
    void aVolumeLargerThanTheHeapRoundTripsByteForByte() throws IOException, NoSuchAlgorithmException {
        long heap = Runtime.getRuntime().maxMemory();
        long size = 3 * heap + 12345;
        assertThat(heap).as("this test must run with a small heap").isLessThan(128L << 20);

        try (StorageNode node = new StorageNode(tmp)) {
            Connection conn = node.open();
            StoragePool pool = conn.defineStoragePool(Xmls.pool("big", tmp.resolve("big")));
            pool.build();
            pool.start();
            StorageVolume v = pool.createVolume(Xmls.volume("big.img", size, 0, "raw"));

            GeneratedStream source = new GeneratedStream(size);
            v.upload(source, 0, 0);
            assertThat(Files.size(tmp.resolve("big/big.img"))).isEqualTo(size);

            DigestSink sink = new DigestSink();
            v.download(sink, 0, 0);
            assertThat(sink.count).isEqualTo(size);
            assertThat(sink.digest.digest()).isEqualTo(source.digest.digest());
        }
    }
}
