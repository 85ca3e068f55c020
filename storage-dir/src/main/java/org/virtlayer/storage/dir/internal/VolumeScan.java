package org.virtlayer.storage.dir.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/**
 * Finds a pool's volumes in its folder (pool start and refresh): every plain file directly in it. Links, folders
 * and devices are not volumes: a link could lead out of the pool. A file's format is the one recorded when the
 * backend made it, or for a file put there by someone else what its first bytes say (qcow2 or raw); capacity and
 * allocation come from {@code qemu-img info} with that format.
 */
final class VolumeScan {
    private static final System.Logger LOG = System.getLogger(VolumeScan.class.getName());

    private final VolumeInspector inspector;

    VolumeScan(VolumeInspector inspector) {
        this.inspector = inspector;
    }

    /**
     * The pool's volumes now. Volumes that operations are using or building are kept as they are, whatever the
     * folder shows at this instant.
     */
    Map<String, DirVolume> scan(DirPool pool, Map<String, DirVolume> known) {
        Map<String, DirVolume> out = new TreeMap<>();
        known.forEach((name, v) -> {
            if (v.building || v.users > 0) {
                out.put(name, v);
            }
        });
        Path folder = pool.folder();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path f : entries) {
                String name = f.getFileName().toString();
                if (out.containsKey(name) || !VolumePaths.isPlainFile(f)) {
                    continue;
                }
                try {
                    VolumePaths.checkName(name);
                } catch (VirtException e) {
                    continue;
                }
                String recorded = pool.formats.formatOf(name, f);
                String format = recorded != null ? recorded : ImageHeader.formatOf(f);
                DirVolume previous = known.get(name);
                DirVolume v = previous != null && previous.format.equals(format) ? previous
                        : new DirVolume(pool.name(), name, folder.resolve(name), format);
                inspector.inspect(v);
                out.put(name, v);
            }
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot open directory '" + folder + "': "
                    + e.getMessage(), e);
        }
        LOG.log(System.Logger.Level.DEBUG, "pool '" + pool.name() + "': " + out.size() + " volumes");
        return out;
    }
}
