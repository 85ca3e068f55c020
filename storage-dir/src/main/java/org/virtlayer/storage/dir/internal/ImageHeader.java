package org.virtlayer.storage.dir.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The format of a file found in a pool that the backend did not create (and so has no recorded format for): qcow2
 * if it starts with qcow2's magic, raw otherwise. Only the top file is read; what it names as its backing file is
 * never opened or guessed.
 */
final class ImageHeader {
    private static final byte[] QCOW2_MAGIC = {'Q', 'F', 'I', (byte) 0xfb};

    private ImageHeader() {
    }

    static String formatOf(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer b = ByteBuffer.allocate(QCOW2_MAGIC.length);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // keep reading: a short read is not the end of the file
            }
            return b.position() == QCOW2_MAGIC.length && java.util.Arrays.equals(b.array(), QCOW2_MAGIC)
                    ? VolumeFormats.QCOW2 : VolumeFormats.RAW;
        } catch (IOException e) {
            return VolumeFormats.RAW;
        }
    }
}
