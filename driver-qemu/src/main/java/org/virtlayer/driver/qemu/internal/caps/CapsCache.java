package org.virtlayer.driver.qemu.internal.caps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.driver.qemu.internal.qmp.MonitorLoop;
import org.virtlayer.linux.ProcessWatcher;
import org.virtlayer.spi.StateStore;

/**
 * Capabilities per QEMU binary, read once per binary and modification time: kept in memory and in the driver's state
 * folder ({@code caps/SHA.json}), so that neither a second start nor a driver restart probes again. A binary that
 * changes (an upgrade) is probed anew.
 */
public final class CapsCache {
    private final StateStore store;
    private final MonitorLoop loop;
    private final ProcessWatcher watcher;
    private final Map<String, QemuCaps> memory = new ConcurrentHashMap<>();

    public CapsCache(StateStore store, MonitorLoop loop, ProcessWatcher watcher) {
        this.store = store;
        this.loop = loop;
        this.watcher = watcher;
    }

    /** The capabilities of a binary as it is now on disk. */
    public QemuCaps get(Path binary) {
        long mtime;
        try {
            mtime = Files.getLastModifiedTime(binary).toMillis();
        } catch (IOException e) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: cannot find the emulator '" + binary
                    + "': " + e.getMessage());
        }
        String key = binary.toString();
        QemuCaps c = memory.get(key);
        if (c != null && c.mtimeMillis() == mtime) {
            return c;
        }
        synchronized (this) {
            c = memory.get(key);
            if (c != null && c.mtimeMillis() == mtime) {
                return c;
            }
            String file = "caps/" + sha(key) + ".json";
            c = store.read(file).map(CapsCache::parseQuietly).orElse(null);
            if (c == null || c.mtimeMillis() != mtime || !c.binary().equals(key)) {
                c = CapsProbe.probe(binary, mtime, store.runtimeDirectory(), loop, watcher);
                store.write(file, c.toJson());
            }
            memory.put(key, c);
            return c;
        }
    }

    private static QemuCaps parseQuietly(String text) {
        try {
            return QemuCaps.fromJson(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String sha(String s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
