package org.virtlayer.shell.internal.storage;

import java.util.EnumSet;
import java.util.Set;
import org.virtlayer.api.Connection;
import org.virtlayer.api.StoragePool;
import org.virtlayer.api.StorageVolume;
import org.virtlayer.api.StorageVolumeResizeFlag;
import org.virtlayer.shell.internal.Attempt;
import org.virtlayer.shell.internal.CommandFailure;
import org.virtlayer.shell.internal.ObjectLookup;
import org.virtlayer.shell.internal.XmlFiles;
import org.virtlayer.shell.internal.format.ScaledInteger;

/** Creating, cloning, resizing and deleting volumes; each method answers with virsh's message. */
public final class VolumeOperations {
    private final Connection conn;

    public VolumeOperations(Connection conn) {
        this.conn = conn;
    }

    public String create(String poolName, XmlFiles files, String file) {
        StoragePool pool = ObjectLookup.POOL.resolve(conn, poolName);
        String xml = files.read(file);
        StorageVolume v = Attempt.get("Failed to create vol from " + file, () -> pool.createVolume(xml));
        return "Vol " + v.name() + " created from " + file;
    }

    /** Sizes in bytes unless they carry a unit, as virsh reads them. */
    public String createAs(String poolName, String name, String capacity, String allocation, String format) {
        long cap = ScaledInteger.parse(capacity, "capacity", 1, 1);
        Long alloc = allocation == null ? null : ScaledInteger.parse(allocation, "allocation", 1, 1);
        StoragePool pool = ObjectLookup.POOL.resolve(conn, poolName);
        String xml = VolumeXml.createAs(name, cap, alloc, format);
        Attempt.get("Failed to create vol " + name, () -> pool.createVolume(xml));
        return "Vol " + name + " created";
    }

    public String clone(String source, String newName, String poolName) {
        StorageVolume from = VolumeResolver.resolve(conn, source, poolName);
        String context = "Failed to clone vol from " + from.name();
        StoragePool pool = Attempt.get(context, from::pool);
        String xml = VolumeXml.renamed(Attempt.get(context, from::xml), newName);
        Attempt.get(context, () -> pool.createVolumeFrom(xml, from));
        return "Vol " + newName + " cloned from " + from.name();
    }

    public String delete(String name, String poolName) {
        StorageVolume v = VolumeResolver.resolve(conn, name, poolName);
        Attempt.run("Failed to delete vol " + v.name(), v::delete);
        return "Vol " + v.name() + " deleted";
    }

    /** A size starting with '-' shrinks by that much, and needs {@code --shrink}, as in virsh. */
    public String resize(String name, String capacity, String poolName, boolean allocate, boolean delta,
            boolean shrink) {
        String size = capacity.strip();
        Set<StorageVolumeResizeFlag> flags = EnumSet.noneOf(StorageVolumeResizeFlag.class);
        if (size.startsWith("-")) {
            if (!shrink) {
                throw new CommandFailure("negative size requires --shrink");
            }
            size = size.substring(1);
            delta = true;
        }
        long bytes = ScaledInteger.parse(size, "capacity", 1, 1);
        if (allocate) {
            flags.add(StorageVolumeResizeFlag.ALLOCATE);
        }
        if (delta) {
            flags.add(StorageVolumeResizeFlag.DELTA);
        }
        if (shrink) {
            flags.add(StorageVolumeResizeFlag.SHRINK);
        }
        StorageVolume v = VolumeResolver.resolve(conn, name, poolName);
        boolean byDelta = delta;
        Attempt.run("Failed to change size of volume '" + v.name() + "' " + (byDelta ? "by " : "to ") + capacity,
                () -> v.resize(bytes, flags.toArray(StorageVolumeResizeFlag[]::new)));
        return "Size of volume '" + v.name() + "' successfully changed " + (byDelta ? "by " : "to ") + capacity;
    }
}
