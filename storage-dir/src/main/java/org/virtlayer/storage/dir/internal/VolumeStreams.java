package org.virtlayer.storage.dir.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/**
 * Streams bytes into and out of a volume's file through one buffer of {@link #BUFFER} bytes: a volume of any size
 * moves with constant memory. The file is opened without following a link (O_NOFOLLOW).
 */
final class VolumeStreams {
    static final int BUFFER = 1 << 20;

    private VolumeStreams() {
    }

    /** Writes the stream's bytes at {@code offset}; {@code length} 0 means until the stream ends. */
    static long upload(Path file, InputStream source, long offset, long length) {
        byte[] buf = new byte[BUFFER];
        long done = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            while (length == 0 || done < length) {
                int want = length == 0 ? buf.length : (int) Math.min(buf.length, length - done);
                int n = source.read(buf, 0, want);
                if (n < 0) {
                    break;
                }
                ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
                while (b.hasRemaining()) {
                    ch.write(b, offset + done + b.position());
                }
                done += n;
            }
        } catch (IOException e) {
            throw new VirtException(ErrorCode.WRITE_FAILED, "cannot upload into '" + file + "' after " + done
                    + " bytes: " + e.getMessage(), e);
        }
        if (length != 0 && done < length) {
            throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: the upload into '" + file
                    + "' ended after " + done + " of " + length + " bytes");
        }
        return done;
    }

    /** Copies the file's bytes from {@code offset}; {@code length} 0 means to the end of the file. */
    static long download(Path file, OutputStream sink, long offset, long length) {
        byte[] buf = new byte[BUFFER];
        long done = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            if (offset > size) {
                throw VirtException.invalidArg("offset " + offset + " is beyond the end of '" + file + "' (" + size
                        + " bytes)");
            }
            long end = length == 0 ? size : Math.min(size, offset + length);
            while (offset + done < end) {
                ByteBuffer b = ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, end - offset - done));
                int n = ch.read(b, offset + done);
                if (n < 0) {
                    break;
                }
                sink.write(buf, 0, n);
                done += n;
            }
            sink.flush();
        } catch (IOException e) {
            throw new VirtException(ErrorCode.READ_FAILED, "cannot download from '" + file + "' after " + done
                    + " bytes: " + e.getMessage(), e);
        }
        return done;
    }
}
