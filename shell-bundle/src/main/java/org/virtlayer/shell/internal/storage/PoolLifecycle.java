package org.virtlayer.shell.internal.storage;

import java.util.Set;
import org.virtlayer.api.Connection;
import org.virtlayer.api.StoragePool;
import org.virtlayer.api.StoragePoolBuildFlag;
import org.virtlayer.api.StoragePoolDeleteFlag;
import org.virtlayer.shell.internal.Attempt;
import org.virtlayer.shell.internal.CommandFailure;
import org.virtlayer.shell.internal.ObjectLookup;
import org.virtlayer.shell.internal.XmlFiles;

/** Defining, building, starting, stopping and removing pools; each method answers with virsh's message. */
public final class PoolLifecycle {
    private final Connection conn;

    public PoolLifecycle(Connection conn) {
        this.conn = conn;
    }

    public String define(XmlFiles files, String file) {
        String xml = files.read(file);
        StoragePool p = Attempt.get("Failed to define pool from " + file, () -> conn.defineStoragePool(xml));
        return "Pool " + p.name() + " defined from " + file;
    }

    public String create(XmlFiles files, String file, Set<StoragePoolBuildFlag> build) {
        String xml = files.read(file);
        StoragePool p = Attempt.get("Failed to create pool from " + file,
                () -> conn.createStoragePool(xml, build.toArray(StoragePoolBuildFlag[]::new)));
        return "Pool " + p.name() + " created from " + file;
    }

    /** {@code pool-define-as}. */
    public String defineAs(PoolArguments pool) {
        Attempt.get("Failed to define pool " + pool.name(), () -> conn.defineStoragePool(pool.xml()));
        return "Pool " + pool.name() + " defined";
    }

    /** {@code pool-create-as}: a transient pool, built first when {@code build} has flags. */
    public String createAs(PoolArguments pool, Set<StoragePoolBuildFlag> build) {
        Attempt.get("Failed to create pool " + pool.name(),
                () -> conn.createStoragePool(pool.xml(), build.toArray(StoragePoolBuildFlag[]::new)));
        return "Pool " + pool.name() + " created";
    }

    public String build(String name, Set<StoragePoolBuildFlag> flags) {
        StoragePool p = ObjectLookup.POOL.resolve(conn, name);
        Attempt.run("Failed to build pool " + p.name(), () -> p.build(flags.toArray(StoragePoolBuildFlag[]::new)));
        return "Pool " + p.name() + " built";
    }

    /** Starts the pool, building it first when {@code build} has flags, as {@code pool-start --build} does. */
    public String start(String name, Set<StoragePoolBuildFlag> build) {
        StoragePool p = ObjectLookup.POOL.resolve(conn, name);
        if (!build.isEmpty()) {
            Attempt.run("Failed to build pool " + p.name(),
                    () -> p.build(build.toArray(StoragePoolBuildFlag[]::new)));
        }
        Attempt.run("Failed to start pool " + p.name(), p::start);
        return "Pool " + p.name() + " started";
    }

    public String destroy(String name) {
        StoragePool p = ObjectLookup.POOL.resolve(conn, name);
        Attempt.run("Failed to destroy pool " + p.name(), p::destroy);
        return "Pool " + p.name() + " destroyed";
    }

    public String delete(String name, boolean zeroed) {
        StoragePool p = ObjectLookup.POOL.resolve(conn, name);
        StoragePoolDeleteFlag[] flags = zeroed ? new StoragePoolDeleteFlag[] {StoragePoolDeleteFlag.ZEROED}
                : new StoragePoolDeleteFlag[0];
        Attempt.run("Failed to delete pool " + p.name(), () -> p.delete(flags));
        return "Pool " + p.name() + " deleted";
    }

    public String undefine(String name) {
        StoragePool p = ObjectLookup.POOL.resolve(conn, name);
        Attempt.run("Failed to undefine pool " + p.name(), p::undefine);
        return "Pool " + p.name() + " has been undefined";
    }

    public String refresh(String name) {
        StoragePool p = ObjectLookup.POOL.resolve(conn, name);
        Attempt.run("Failed to refresh pool " + p.name(), p::refresh);
        return "Pool " + p.name() + " refreshed";
    }

    public String autostart(String name, boolean enable) {
        StoragePool p = ObjectLookup.POOL.resolve(conn, name);
        String verb = enable ? "mark" : "unmark";
        Attempt.run("failed to " + verb + " pool " + p.name() + " as autostarted", () -> p.setAutostart(enable));
        return "Pool " + p.name() + " " + verb + "ed as autostarted";
    }

    /** virsh's {@code --overwrite} / {@code --no-overwrite}. */
    public static Set<StoragePoolBuildFlag> buildFlags(boolean overwrite, boolean noOverwrite) {
        if (overwrite && noOverwrite) {
            throw new CommandFailure("Options --overwrite and --no-overwrite are mutually exclusive");
        }
        return overwrite ? Set.of(StoragePoolBuildFlag.OVERWRITE)
                : noOverwrite ? Set.of(StoragePoolBuildFlag.NO_OVERWRITE) : Set.of();
    }

    /**
     * The flags of {@code pool-create} and {@code pool-start}: none unless the pool is to be built; {@code --build}
     * alone is a plain build ({@link StoragePoolBuildFlag#NEW}); an overwrite option builds too.
     */
    public static Set<StoragePoolBuildFlag> buildFirstFlags(boolean build, boolean overwrite, boolean noOverwrite) {
        Set<StoragePoolBuildFlag> flags = buildFlags(overwrite, noOverwrite);
        return build && flags.isEmpty() ? Set.of(StoragePoolBuildFlag.NEW) : flags;
    }
}
