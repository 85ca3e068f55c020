package org.virtlayer.storage.dir.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.StorageVolumeCreateFlag;
import org.virtlayer.api.StorageVolumeInfo;
import org.virtlayer.api.StorageVolumeResizeFlag;
import org.virtlayer.api.StorageVolumeType;
import org.virtlayer.api.VirtException;
import org.virtlayer.spi.PoolRef;
import org.virtlayer.spi.VolumeRef;
import org.virtlayer.xml.SafeXmlParser;
import org.virtlayer.xml.StoragePoolDef;
import org.virtlayer.xml.StorageVolDef;
import org.virtlayer.xml.XmlElement;
import org.virtlayer.xml.XmlWriter;

/**
 * The volumes of the dir pools: lookups, creation, copies, deletion, resizing, wiping and streams. Records are read
 * and changed under the pools' lock; the file work runs outside it, with the volume marked as being built or used so
 * that it cannot be deleted, and its pool cannot stop, meanwhile.
 */
final class DirVolumes {
    private final DirPools pools;
    private final VolumeMaker maker;
    private final VolumeInspector inspector;
    private final QemuImg qemuImg;

    DirVolumes(DirPools pools, VolumeMaker maker, VolumeInspector inspector, QemuImg qemuImg) {
        this.pools = pools;
        this.maker = maker;
        this.inspector = inspector;
        this.qemuImg = qemuImg;
    }

    // ---- lookups

    /** A usable volume record; caller holds the pools' lock. */
    private DirVolume volume(DirPool p, String name) {
        DirVolume v = p.volumes.get(name);
        if (v == null || v.building) {
            throw VirtException.noStorageVol("no storage vol with matching name '" + name + "'");
        }
        return v;
    }

    private DirVolume volume(VolumeRef ref) {
        synchronized (pools) {
            return volume(pools.active(ref.pool()), ref.name());
        }
    }

    List<VolumeRef> list(PoolRef pool) {
        synchronized (pools) {
            DirPool p = pools.find(pool);
            if (!p.active) {
                throw VirtException.invalidOperation("storage pool '" + p.name() + "' is not active");
            }
            List<VolumeRef> out = new ArrayList<>();
            for (DirVolume v : p.volumes.values()) {
                if (!v.building) {
                    out.add(v.ref());
                }
            }
            return out;
        }
    }

    VolumeRef lookupByName(PoolRef pool, String name) {
        synchronized (pools) {
            DirPool p = pools.find(pool);
            if (!p.active) {
                throw VirtException.invalidOperation("storage pool '" + p.name() + "' is not active");
            }
            return volume(p, name).ref();
        }
    }

    /** The volume at this path (its key is its path), or null: {@code ..} and links never reach one. */
    VolumeRef lookupByPath(String path) {
        synchronized (pools) {
            DirVolume v = byPath(path);
            return v == null ? null : v.ref();
        }
    }

    /** Caller holds the pools' lock. */
    private DirVolume byPath(String path) {
        for (DirPool p : pools.activePools()) {
            String name = VolumePaths.nameIfDirectlyIn(p.folder(), path);
            DirVolume v = name == null ? null : p.volumes.get(name);
            if (v != null && !v.building) {
                return v;
            }
        }
        return null;
    }

    // ---- creation

    /** A backing file and the format it is read with. */
    private record Backing(Path path, String format) {
    }

    VolumeRef create(PoolRef pool, String xml, Set<StorageVolumeCreateFlag> flags) {
        StoragePoolDef poolDef = poolDefinition(pool);
        StorageVolDef def = StorageVolDef.parse(xml, poolDef);
        checkFileVolume(def);
        refuseReflink(flags);
        String format = VolumeFormats.requested(def.formatType());
        Backing backing = backingOf(def, format);
        boolean metadata = flags.contains(StorageVolumeCreateFlag.PREALLOC_METADATA);
        if (metadata && !VolumeFormats.QCOW2.equals(format)) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: metadata"
                    + " preallocation only available with qcow2");
        }
        return build(pool, def, format, path -> {
            if (VolumeFormats.QCOW2.equals(format)) {
                maker.makeQcow2(path, def.capacity(), backing == null ? null : backing.path(),
                        backing == null ? null : backing.format(), metadata);
            } else {
                maker.makeRaw(path, def.capacity(), def.allocation());
            }
        });
    }

    /**
     * A new volume from an existing one: a full copy, or with a {@code <backingStore>} naming the source, a qcow2
     * overlay on it. A capacity left out of the XML is the source's.
     */
    VolumeRef createFrom(PoolRef pool, String xml, VolumeRef sourceRef, Set<StorageVolumeCreateFlag> flags) {
        refuseReflink(flags);
        StoragePoolDef poolDef = poolDefinition(pool);
        DirVolume source = acquire(sourceRef);
        try {
            ImageInfo sourceInfo = inspector.inspect(source);
            XmlElement root = SafeXmlParser.parse(xml);
            if (root.child("capacity") == null) {
                root.add(XmlElement.of("capacity", "unit", "bytes").text(Long.toString(sourceInfo.capacity())));
            }
            StorageVolDef def = StorageVolDef.parse(XmlWriter.format(root), poolDef);
            checkFileVolume(def);
            String format = VolumeFormats.requested(def.formatType() != null ? def.formatType() : source.format);
            long capacity = Math.max(def.capacity(), sourceInfo.capacity());
            String backingPath = def.backingStorePath();
            if (backingPath != null) {
                if (!backingPath.equals(source.path.toString())) {
                    throw VirtException.invalidArg("a volume made from '" + source.path + "' is either its copy"
                            + " (no <backingStore>) or an overlay on it (<backingStore> naming it), not on '"
                            + backingPath + "'");
                }
                if (!VolumeFormats.QCOW2.equals(format)) {
                    throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: backing"
                            + " storage not supported for raw volumes");
                }
                return build(pool, def, format, path -> maker.makeQcow2(path, capacity, source.path, source.format,
                        false));
            }
            return build(pool, def, format, path -> maker.copy(source.path, source.format, sourceInfo.capacity(),
                    path, format, capacity));
        } finally {
            release(source);
        }
    }

    private StoragePoolDef poolDefinition(PoolRef pool) {
        synchronized (pools) {
            DirPool p = pools.find(pool);
            if (!p.active) {
                throw VirtException.invalidOperation("storage pool '" + p.name() + "' is not active");
            }
            return p.def.copy();
        }
    }

    private static void checkFileVolume(StorageVolDef def) {
        VolumePaths.checkName(def.name());
        if (def.type() != null && !def.type().equals("file")) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: volumes of dir pools"
                    + " are files, not '" + def.type() + "'");
        }
    }

    private static void refuseReflink(Set<StorageVolumeCreateFlag> flags) {
        if (flags.contains(StorageVolumeCreateFlag.REFLINK)) {
            throw new VirtException(ErrorCode.ARGUMENT_UNSUPPORTED, "argument unsupported: reflink copies are not"
                    + " supported by the dir backend");
        }
    }

    /**
     * The backing file a new volume's XML names, with its format: the XML's {@code <format>}, or the recorded
     * format of a volume of an active pool at that path. A format is never guessed from the file.
     */
    private Backing backingOf(StorageVolDef def, String format) {
        String path = def.backingStorePath();
        if (path == null) {
            return null;
        }
        if (!VolumeFormats.QCOW2.equals(format)) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: backing storage not"
                    + " supported for raw volumes");
        }
        Path p = Path.of(path);
        if (!p.isAbsolute() || !Files.exists(p)) {
            throw VirtException.invalidArg("backing store '" + path + "' must be an absolute path to an existing"
                    + " file");
        }
        XmlElement f = def.root().child("backingStore").child("format");
        String explicit = f == null ? null : f.attr("type");
        if (explicit != null) {
            return new Backing(p, VolumeFormats.requested(explicit));
        }
        synchronized (pools) {
            DirVolume v = byPath(path);
            if (v != null) {
                return new Backing(v.path, v.format);
            }
        }
        throw VirtException.invalidArg("the format of backing store '" + path + "' must be given"
                + " (<backingStore><format type='...'/>): it is never guessed from the file");
    }

    /**
     * Reserves the name, makes the file outside the lock, records its format. On failure nothing is left: neither
     * the record nor the file.
     */
    private VolumeRef build(PoolRef pool, StorageVolDef def, String format, Consumer<Path> content) {
        DirPool p;
        DirVolume v;
        synchronized (pools) {
            p = pools.find(pool);
            if (!p.active) {
                throw VirtException.invalidOperation("storage pool '" + p.name() + "' is not active");
            }
            Path path = VolumePaths.inPool(p.folder(), def.name());
            if (p.volumes.containsKey(def.name()) || VolumePaths.lstat(path) != null) {
                throw new VirtException(ErrorCode.STORAGE_VOL_EXIST, "storage volume '" + def.name()
                        + "' already exists");
            }
            v = new DirVolume(p.name(), def.name(), path, format);
            v.building = true;
            p.volumes.put(v.name, v);
            p.asyncJobs++;
        }
        boolean claimed = false;
        boolean done = false;
        try {
            maker.claim(v.path, def);
            claimed = true;
            content.accept(v.path);
            synchronized (pools) {
                p.formats.record(v.name, v.path, format);
                v.building = false;
            }
            done = true;
            return v.ref();
        } finally {
            if (!done && claimed) {
                try {
                    Files.deleteIfExists(v.path);
                } catch (IOException e) {
                    // the error that brought us here is the one to report
                }
            }
            synchronized (pools) {
                p.asyncJobs--;
                if (!done) {
                    p.volumes.remove(v.name, v);
                }
            }
        }
    }

    // ---- changes to existing volumes

    /** Marks a volume used by a long operation, so it is not deleted and its pool not stopped meanwhile. */
    private DirVolume acquire(VolumeRef ref) {
        synchronized (pools) {
            DirPool p = pools.active(ref.pool());
            DirVolume v = volume(p, ref.name());
            v.users++;
            p.asyncJobs++;
            return v;
        }
    }

    private void release(DirVolume v) {
        synchronized (pools) {
            v.users--;
            DirPool p = pools.active(v.pool);
            p.asyncJobs--;
        }
    }

    void delete(VolumeRef ref) {
        DirPool p;
        DirVolume v;
        synchronized (pools) {
            p = pools.active(ref.pool());
            v = volume(p, ref.name());
            if (v.users > 0) {
                throw VirtException.invalidOperation("storage vol '" + v.name + "' is still in use.");
            }
            v.building = true;
            p.asyncJobs++;
        }
        boolean deleted = false;
        try {
            // deletes the name itself: had it become a link meanwhile, the link goes, never what it points to
            Files.deleteIfExists(v.path);
            deleted = true;
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot unlink file '" + v.path + "': " + e.getMessage(),
                    e);
        } finally {
            synchronized (pools) {
                p.asyncJobs--;
                if (deleted) {
                    p.volumes.remove(v.name, v);
                    p.formats.forget(v.name);
                } else {
                    v.building = false;
                }
            }
        }
    }

    void wipe(VolumeRef ref) {
        DirVolume v = acquire(ref);
        try {
            maker.wipe(v.path, v.format, inspector.inspect(v).capacity());
        } finally {
            release(v);
        }
    }

    void resize(VolumeRef ref, long capacity, Set<StorageVolumeResizeFlag> flags) {
        DirVolume v = acquire(ref);
        try {
            long current = inspector.inspect(v).capacity();
            boolean shrink = flags.contains(StorageVolumeResizeFlag.SHRINK);
            long target = capacity;
            if (flags.contains(StorageVolumeResizeFlag.DELTA)) {
                target = shrink ? current - capacity : current + capacity;
            }
            if (target < 0) {
                throw VirtException.invalidArg("Can't shrink capacity below zero");
            }
            if (target < current && !shrink) {
                throw VirtException.invalidArg("Can't shrink capacity below current capacity unless shrink flag"
                        + " explicitly specified");
            }
            boolean allocate = flags.contains(StorageVolumeResizeFlag.ALLOCATE);
            if (allocate && target > current) {
                long available = PoolFolder.sizes(v.path.getParent()).available();
                if (target - current > available) {
                    throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: Not enough space left in"
                            + " storage pool");
                }
            }
            if (target != current) {
                qemuImg.resize(v.path, v.format, target, target < current, allocate && target > current);
            }
        } finally {
            release(v);
        }
    }

    // ---- reading

    StorageVolumeInfo info(VolumeRef ref) {
        ImageInfo i = inspector.inspect(volume(ref));
        return new StorageVolumeInfo(StorageVolumeType.FILE, i.capacity(), i.allocation());
    }

    String xml(VolumeRef ref) {
        DirVolume v = volume(ref);
        return VolumeXml.of(v, inspector.inspect(v));
    }

    String path(VolumeRef ref) {
        return volume(ref).path.toString();
    }

    void upload(VolumeRef ref, InputStream source, long offset, long length) {
        DirVolume v = acquire(ref);
        try {
            VolumeStreams.upload(v.path, source, offset, length);
        } finally {
            release(v);
        }
    }

    void download(VolumeRef ref, OutputStream sink, long offset, long length) {
        DirVolume v = acquire(ref);
        try {
            VolumeStreams.download(v.path, sink, offset, length);
        } finally {
            release(v);
        }
    }
}
