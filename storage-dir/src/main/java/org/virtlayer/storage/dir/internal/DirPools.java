package org.virtlayer.storage.dir.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.StoragePoolBuildFlag;
import org.virtlayer.api.StoragePoolDeleteFlag;
import org.virtlayer.api.StoragePoolInfo;
import org.virtlayer.api.StoragePoolListFlag;
import org.virtlayer.api.StoragePoolState;
import org.virtlayer.api.VirtException;
import org.virtlayer.api.event.StoragePoolEventType;
import org.virtlayer.spi.ListFilters;
import org.virtlayer.spi.PoolRef;
import org.virtlayer.spi.PoolSummary;
import org.virtlayer.xml.StoragePoolDef;
import org.virtlayer.xml.XmlElement;

/**
 * The node's dir pools: their definitions, states and lifecycle, with libvirt's rules and events. One lock (this
 * object) guards every pool and volume record; work on files that takes long (volume copies, uploads) runs outside
 * it, announced by {@link DirPool#asyncJobs} and {@link DirVolume#users} so the pool cannot stop under it.
 */
final class DirPools {
    private static final System.Logger LOG = System.getLogger(DirPools.class.getName());

    private final PoolStateFiles files;
    private final VolumeScan scan;
    final PoolEvents events = new PoolEvents();
    private final Map<String, DirPool> pools = new LinkedHashMap<>();

    DirPools(PoolStateFiles files, VolumeScan scan) {
        this.files = files;
        this.scan = scan;
    }

    /**
     * Reads the pools back from the state store: persistent ones, then those that were active when the backend
     * stopped (found active again if their folder is still there), then starts the autostart pools.
     */
    synchronized void load() {
        for (StoragePoolDef def : files.persistentDefinitions()) {
            DirPool p = new DirPool(def, true, files.formats(def.name()));
            p.autostart = files.autostart(def.name());
            pools.put(def.name(), p);
        }
        for (StoragePoolDef def : files.activeDefinitions()) {
            DirPool p = pools.computeIfAbsent(def.name(), n -> new DirPool(def, false, files.formats(n)));
            try {
                PoolFolder.checkExists(p.folder());
                activate(p);
            } catch (VirtException e) {
                LOG.log(System.Logger.Level.WARNING, "pool '" + def.name() + "' was active but is not any more: " + e);
                files.unmarkActive(def.name());
                if (!p.persistent) {
                    pools.remove(def.name());
                }
            }
        }
        for (DirPool p : pools.values()) {
            if (p.autostart && !p.active) {
                try {
                    start(p);
                } catch (VirtException e) {
                    LOG.log(System.Logger.Level.ERROR, "cannot autostart pool '" + p.name() + "': " + e);
                }
            }
        }
    }

    // ---- lookups

    synchronized List<PoolSummary> list(Set<StoragePoolListFlag> flags) {
        List<PoolSummary> out = new ArrayList<>();
        for (DirPool p : pools.values()) {
            if (ListFilters.matches(flags, p.summary())) {
                out.add(p.summary());
            }
        }
        return out;
    }

    synchronized PoolRef lookupByName(String name) {
        DirPool p = pools.get(name);
        if (p == null) {
            throw VirtException.noStoragePool("no storage pool with matching name '" + name + "'");
        }
        return p.ref();
    }

    synchronized PoolRef lookupByUuid(UUID uuid) {
        for (DirPool p : pools.values()) {
            if (p.def.uuid().equals(uuid)) {
                return p.ref();
            }
        }
        throw VirtException.noStoragePool("no storage pool with matching uuid '" + uuid + "'");
    }

    synchronized PoolSummary summary(PoolRef ref) {
        return find(ref).summary();
    }

    /** The pool a reference names; caller holds the lock. */
    DirPool find(PoolRef ref) {
        DirPool p = pools.get(ref.name());
        if (p == null || !p.def.uuid().equals(ref.uuid())) {
            throw VirtException.noStoragePool("no storage pool with matching uuid '" + ref.uuid() + "' ("
                    + ref.name() + ")");
        }
        return p;
    }

    /** The active pool of this name; caller holds the lock. */
    DirPool active(String name) {
        DirPool p = pools.get(name);
        if (p == null) {
            throw VirtException.noStoragePool("no storage pool with matching name '" + name + "'");
        }
        if (!p.active) {
            throw VirtException.invalidOperation("storage pool '" + name + "' is not active");
        }
        return p;
    }

    /** Every active pool, for lookups by path; caller holds the lock. */
    List<DirPool> activePools() {
        return pools.values().stream().filter(p -> p.active).toList();
    }

    // ---- definitions

    /** The pool already known under this definition's name, after libvirt's duplicate checks; caller holds the lock. */
    private DirPool existing(StoragePoolDef def) {
        DirPool byName = pools.get(def.name());
        if (byName != null && !byName.def.uuid().equals(def.uuid())) {
            throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: pool '" + def.name()
                    + "' already exists with uuid " + byName.def.uuid());
        }
        for (DirPool p : pools.values()) {
            if (p == byName) {
                continue;
            }
            if (p.def.uuid().equals(def.uuid())) {
                throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: pool '" + p.name()
                        + "' is already defined with uuid " + def.uuid());
            }
            if (p.def.targetPath().equals(def.targetPath())) {
                // two pools on one folder would each believe they own its files
                throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: Storage source conflict with"
                        + " pool: '" + p.name() + "'");
            }
        }
        return byName;
    }

    synchronized PoolRef define(String xml) {
        StoragePoolDef def = DirPoolDefs.parse(xml);
        DirPool p = existing(def);
        if (p != null && p.active) {
            throw VirtException.invalidOperation("storage pool '" + def.name() + "' is already active");
        }
        files.saveDefinition(def);
        if (p == null) {
            p = new DirPool(def, true, files.formats(def.name()));
            pools.put(def.name(), p);
        } else {
            p.def = def;
            p.persistent = true;
        }
        events.emit(p.ref(), StoragePoolEventType.DEFINED);
        return p.ref();
    }

    synchronized PoolRef create(String xml, Set<StoragePoolBuildFlag> flags) {
        StoragePoolDef def = DirPoolDefs.parse(xml);
        if (existing(def) != null) {
            throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: storage pool '" + def.name()
                    + "' already exists");
        }
        if (!flags.isEmpty()) {
            checkBuildFlags(flags);
            PoolFolder.build(Path.of(def.targetPath()), def);
        }
        DirPool p = new DirPool(def, false, files.formats(def.name()));
        PoolFolder.checkExists(p.folder());
        activate(p);
        pools.put(def.name(), p);
        events.emit(p.ref(), StoragePoolEventType.STARTED);
        return p.ref();
    }

    synchronized void undefine(PoolRef ref) {
        DirPool p = find(ref);
        if (p.active) {
            throw VirtException.invalidOperation("storage pool '" + p.name() + "' is still active");
        }
        if (!p.persistent) {
            throw VirtException.invalidOperation("storage pool '" + p.name() + "' is not persistent");
        }
        files.deleteDefinition(p.name());
        files.setAutostart(p.name(), false);
        p.formats.drop();
        pools.remove(p.name());
        events.emit(p.ref(), StoragePoolEventType.UNDEFINED);
    }

    synchronized void setAutostart(PoolRef ref, boolean on) {
        DirPool p = find(ref);
        if (!p.persistent) {
            throw VirtException.invalidOperation("cannot set autostart for transient pool");
        }
        files.setAutostart(p.name(), on);
        p.autostart = on;
    }

    // ---- lifecycle

    private static void checkBuildFlags(Set<StoragePoolBuildFlag> flags) {
        if (flags.contains(StoragePoolBuildFlag.OVERWRITE) && flags.contains(StoragePoolBuildFlag.NO_OVERWRITE)) {
            throw VirtException.invalidArg("Flags 'overwrite' and 'no-overwrite' are mutually exclusive");
        }
    }

    synchronized void build(PoolRef ref, Set<StoragePoolBuildFlag> flags) {
        DirPool p = find(ref);
        if (p.active) {
            throw VirtException.invalidOperation("storage pool '" + p.name() + "' is already active");
        }
        checkBuildFlags(flags);
        PoolFolder.build(p.folder(), p.def);
        events.emit(p.ref(), StoragePoolEventType.CREATED);
    }

    synchronized void start(PoolRef ref) {
        start(find(ref));
    }

    private void start(DirPool p) {
        if (p.active) {
            throw VirtException.invalidOperation("storage pool '" + p.name() + "' is already active");
        }
        PoolFolder.checkExists(p.folder());
        activate(p);
        events.emit(p.ref(), StoragePoolEventType.STARTED);
    }

    /** Marks the pool active (in memory and in the runtime state) and reads its volumes. */
    private void activate(DirPool p) {
        p.volumes.clear();
        p.volumes.putAll(scan.scan(p, Map.of()));
        p.active = true;
        files.markActive(p.def);
    }

    synchronized void destroy(PoolRef ref) {
        DirPool p = find(ref);
        if (!p.active) {
            throw VirtException.invalidOperation("storage pool '" + p.name() + "' is not active");
        }
        checkNoJobs(p);
        p.active = false;
        p.volumes.clear();
        files.unmarkActive(p.name());
        if (!p.persistent) {
            pools.remove(p.name());
        }
        events.emit(p.ref(), StoragePoolEventType.STOPPED);
    }

    private static void checkNoJobs(DirPool p) {
        if (p.asyncJobs > 0) {
            throw VirtException.invalidOperation("pool '" + p.name() + "' has asynchronous jobs running.");
        }
    }

    synchronized void delete(PoolRef ref, Set<StoragePoolDeleteFlag> flags) {
        DirPool p = find(ref);
        if (p.active) {
            throw VirtException.invalidOperation("storage pool '" + p.name() + "' is still active");
        }
        if (!flags.isEmpty()) {
            throw VirtException.invalidArg("unsupported flags " + flags + " in function virStoragePoolDelete: a dir"
                    + " pool's folder is removed only when empty");
        }
        PoolFolder.delete(p.folder());
        events.emit(p.ref(), StoragePoolEventType.DELETED);
    }

    synchronized void refresh(PoolRef ref) {
        DirPool p = find(ref);
        if (!p.active) {
            throw VirtException.invalidOperation("storage pool '" + p.name() + "' is not active");
        }
        checkNoJobs(p);
        try {
            PoolFolder.checkExists(p.folder());
        } catch (VirtException e) {
            // libvirt stops a pool whose storage vanished when it is refreshed
            p.active = false;
            p.volumes.clear();
            files.unmarkActive(p.name());
            if (!p.persistent) {
                pools.remove(p.name());
            }
            events.emit(p.ref(), StoragePoolEventType.STOPPED);
            throw e;
        }
        Map<String, DirVolume> fresh = scan.scan(p, p.volumes);
        p.volumes.clear();
        p.volumes.putAll(fresh);
    }

    synchronized StoragePoolInfo info(PoolRef ref) {
        DirPool p = find(ref);
        if (!p.active) {
            return new StoragePoolInfo(StoragePoolState.INACTIVE, 0, 0, 0);
        }
        PoolFolder.Sizes s = PoolFolder.sizes(p.folder());
        return new StoragePoolInfo(StoragePoolState.RUNNING, s.capacity(), s.allocation(), s.available());
    }

    /** The definition; an active pool's shows its file system's sizes and its folder's actual permissions. */
    synchronized String xml(PoolRef ref, boolean inactive) {
        DirPool p = find(ref);
        if (inactive || !p.active) {
            return p.def.format(true);
        }
        StoragePoolDef live = p.def.copy();
        PoolFolder.Sizes s = PoolFolder.sizes(p.folder());
        live.setSizes(s.capacity(), s.allocation(), s.available());
        try {
            UnixAttributes a = UnixAttributes.of(p.folder());
            XmlElement target = live.root().child("target");
            XmlElement perms = target.child("permissions");
            if (perms == null) {
                perms = target.add(new XmlElement("permissions"));
            }
            perms.setChildText("mode", a.octalMode());
            perms.setChildText("owner", Integer.toString(a.uid()));
            perms.setChildText("group", Integer.toString(a.gid()));
            perms.orderChildren(List.of("mode", "owner", "group", "label"));
        } catch (IOException e) {
            // the folder went away between the sizes and now: the definition's permissions stay
        }
        return live.format(false);
    }
}
