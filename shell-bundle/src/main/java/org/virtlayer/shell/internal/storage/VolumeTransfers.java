package org.virtlayer.shell.internal.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.virtlayer.api.Connection;
import org.virtlayer.api.StorageVolume;
import org.virtlayer.api.VirtException;
import org.virtlayer.shell.internal.CommandFailure;

/**
 * virsh's {@code vol-upload} and {@code vol-download}: a volume's content to or from a file on the console's machine,
 * streamed through the API (never held in memory whole). Success prints nothing, as in virsh.
 */
public final class VolumeTransfers {
    private final Connection conn;

    public VolumeTransfers(Connection conn) {
        this.conn = conn;
    }

    /** Writes the file into the volume at {@code offset}; {@code length} 0 is the whole file. */
    public String upload(String vol, String poolName, Path file, long offset, long length) {
        StorageVolume v = VolumeResolver.resolve(conn, vol, poolName);
        if (Files.isDirectory(file)) {
            throw new CommandFailure("cannot read " + file + ": Is a directory");
        }
        try (InputStream in = Files.newInputStream(file)) {
            v.upload(in, offset, length);
        } catch (IOException | SecurityException e) {
            throw new CommandFailure("cannot read " + file + ": " + reason(e));
        } catch (VirtException e) {
            throw new CommandFailure("cannot upload to volume " + v.name(), e);
        }
        return "";
    }

    /**
     * Copies the volume from {@code offset} ({@code length} 0: to its end) into the file, made or emptied first; a
     * file this call made is removed again if the download fails, as virsh does.
     */
    public String download(String vol, String poolName, Path file, long offset, long length) {
        StorageVolume v = VolumeResolver.resolve(conn, vol, poolName);
        boolean created = false;
        OutputStream out;
        try {
            try {
                out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                created = true;
            } catch (FileAlreadyExistsException e) {
                out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            }
        } catch (IOException | SecurityException e) {
            throw new CommandFailure("cannot create " + file + ": " + reason(e));
        }
        boolean done = false;
        try (OutputStream sink = out) {
            v.download(sink, offset, length);
            done = true;
        } catch (IOException e) {
            throw new CommandFailure("cannot close file " + file + ": " + reason(e));
        } catch (VirtException e) {
            throw new CommandFailure("cannot download from volume " + v.name(), e);
        } finally {
            if (!done && created) {
                deleteQuietly(file);
            }
        }
        return "";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the failure being reported matters more than the leftover file
        }
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return e instanceof java.nio.file.NoSuchFileException ? "No such file or directory"
                : e instanceof java.nio.file.AccessDeniedException ? "Permission denied"
                : m == null ? e.getClass().getSimpleName() : m;
    }
}
