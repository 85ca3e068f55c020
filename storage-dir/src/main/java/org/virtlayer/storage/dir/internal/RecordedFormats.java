package org.virtlayer.storage.dir.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.virtlayer.spi.StateStore;

/**
 * The format of every volume the backend created in one pool, kept in the backend's state
 * ({@code formats/POOL.list}, one {@code FORMAT INODE NAME} line per volume) rather than read back from the file:
 * what a guest writes into its raw volume never turns it into a qcow2 volume. The inode ties a record to the file it
 * was made for, so a file replaced behind the backend's back is treated as found, not as created.
 */
final class RecordedFormats {
    private record Entry(String format, long inode) {
    }

    private final StateStore store;
    private final String file;
    private final Map<String, Entry> entries = new TreeMap<>();

    RecordedFormats(StateStore store, String pool) {
        this.store = store;
        this.file = "formats/" + pool + ".list";
        store.read(file).ifPresent(this::load);
    }

    private void load(String text) {
        for (String line : text.split("\n")) {
            String[] f = line.split(" ", 3);
            if (f.length == 3) {
                try {
                    entries.put(f[2], new Entry(f[0], Long.parseLong(f[1])));
                } catch (NumberFormatException e) {
                    // a damaged line only loses that record: the file is then treated as found
                }
            }
        }
    }

    /** The recorded format of the volume at this path, or null if none was recorded for this very file. */
    String formatOf(String name, Path path) {
        Entry e = entries.get(name);
        return e != null && e.inode() == inode(path) ? e.format() : null;
    }

    void record(String name, Path path, String format) {
        entries.put(name, new Entry(format, inode(path)));
        save();
    }

    void forget(String name) {
        if (entries.remove(name) != null) {
            save();
        }
    }

    /** Forgets the whole pool (it was undefined). */
    void drop() {
        entries.clear();
        store.delete(file);
    }

    private void save() {
        StringBuilder b = new StringBuilder();
        entries.forEach((name, e) -> b.append(e.format()).append(' ').append(e.inode()).append(' ').append(name)
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
