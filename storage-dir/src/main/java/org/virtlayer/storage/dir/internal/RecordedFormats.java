package org.virtlayer.storage.dir.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Map;
import java.util.TreeMap;
import org.virtlayer.spi.StateStore;

/**
 * The format of every volume the backend made, recorded when it made it rather than read back from the file: what
 * a guest writes into its raw volume never turns it into a qcow2 volume. The record is the file's extended attribute
 * {@code user.virtlayer.format}: it goes wherever the file goes and costs no write of its own. On a file system
 * without user extended attributes it is a line {@code FORMAT INODE NAME} in the pool's {@code formats/POOL.list} in
 * the backend's state store instead; the inode ties the line to the file it was made for, so a file replaced behind
 * the backend's back is treated as found, not as made.
 */
final class RecordedFormats {
    static final String ATTRIBUTE = "virtlayer.format";

    private record Entry(String format, long inode) {
    }

    private final StateStore store;
    private final String file;
    private final boolean useAttributes;
    private Map<String, Entry> ledger;

    RecordedFormats(StateStore store, String pool) {
        this(store, pool, true);
    }

    /** @param useAttributes false to keep every record in the ledger, as on a file system without attributes */
    RecordedFormats(StateStore store, String pool, boolean useAttributes) {
        this.store = store;
        this.file = "formats/" + pool + ".list";
        this.useAttributes = useAttributes;
    }

    /** The recorded format of the volume at this path, or null if none was recorded for this very file. */
    String formatOf(String name, Path path) {
        String attribute = useAttributes ? readAttribute(path) : null;
        if (attribute != null) {
            return VolumeFormats.SUPPORTED.contains(attribute) ? attribute : null;
        }
        Entry e = ledger().get(name);
        return e != null && e.inode() == inode(path) ? e.format() : null;
    }

    void record(String name, Path path, String format) {
        if (useAttributes && writeAttribute(path, format)) {
            return;
        }
        ledger().put(name, new Entry(format, inode(path)));
        save();
    }

    void forget(String name) {
        if (ledger().remove(name) != null) {
            save();
        }
    }

    /** Forgets the whole pool (it was undefined). */
    void drop() {
        ledger().clear();
        store.delete(file);
    }

    private static String readAttribute(Path path) {
        try {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(path, UserDefinedFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (view == null || !view.list().contains(ATTRIBUTE)) {
                return null;
            }
            ByteBuffer b = ByteBuffer.allocate(view.size(ATTRIBUTE));
            view.read(ATTRIBUTE, b);
            return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static boolean writeAttribute(Path path, String format) {
        try {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(path, UserDefinedFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (view == null) {
                return false;
            }
            view.write(ATTRIBUTE, ByteBuffer.wrap(format.getBytes(StandardCharsets.US_ASCII)));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            // e.g. ENOTSUP: this file system keeps no user attributes; the ledger does it
            return false;
        }
    }

    private Map<String, Entry> ledger() {
        if (ledger == null) {
            ledger = new TreeMap<>();
            store.read(file).ifPresent(this::load);
        }
        return ledger;
    }

    private void load(String text) {
        for (String line : text.split("\n")) {
            String[] f = line.split(" ", 3);
            if (f.length == 3) {
                try {
                    ledger.put(f[2], new Entry(f[0], Long.parseLong(f[1])));
                } catch (NumberFormatException e) {
                    // a damaged line only loses that record: the file is then treated as found
                }
            }
        }
    }

    private void save() {
        StringBuilder b = new StringBuilder();
        ledger.forEach((name, e) -> b.append(e.format()).append(' ').append(e.inode()).append(' ').append(name)
                .append('\n'));
        store.write(file, b.toString());
    }

    private static long inode(Path p) {
        try {
            Object ino = Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
            return ino instanceof Number n ? n.longValue() : -1;
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }
}
