package org.virtlayer.storage.dir.internal;

import java.util.ArrayList;
import java.util.List;
import org.virtlayer.spi.StateStore;
import org.virtlayer.xml.StoragePoolDef;

/**
 * Where the backend keeps its pools between runs, in the core's state store (each file written atomically):
 * {@code pools/NAME.xml} the persistent definitions, {@code autostart/NAME} the autostart marks, and at runtime
 * {@code active/NAME.xml} the definition of each active pool, so that a restarted backend finds them active again.
 */
final class PoolStateFiles {
    private static final System.Logger LOG = System.getLogger(PoolStateFiles.class.getName());

    private final StateStore store;

    PoolStateFiles(StateStore store) {
        this.store = store;
    }

    StateStore store() {
        return store;
    }

    List<StoragePoolDef> persistentDefinitions() {
        return read(store.list("pools", ".xml"), false);
    }

    List<StoragePoolDef> activeDefinitions() {
        return read(store.listRuntime("active", ".xml"), true);
    }

    private List<StoragePoolDef> read(List<String> names, boolean runtime) {
        List<StoragePoolDef> out = new ArrayList<>();
        for (String n : names) {
            String file = (runtime ? "active/" : "pools/") + n;
            try {
                (runtime ? store.readRuntime(file) : store.read(file)).ifPresent(x -> out.add(DirPoolDefs.parse(x)));
            } catch (RuntimeException e) {
                // one damaged file must not cost the other pools
                LOG.log(System.Logger.Level.ERROR, "ignoring unreadable pool definition " + file + ": " + e);
            }
        }
        return out;
    }

    void saveDefinition(StoragePoolDef def) {
        store.write("pools/" + def.name() + ".xml", def.format(true));
    }

    void deleteDefinition(String name) {
        store.delete("pools/" + name + ".xml");
    }

    boolean autostart(String name) {
        return store.read("autostart/" + name).isPresent();
    }

    void setAutostart(String name, boolean on) {
        if (on) {
            store.write("autostart/" + name, "autostart\n");
        } else {
            store.delete("autostart/" + name);
        }
    }

    void markActive(StoragePoolDef def) {
        store.writeRuntime("active/" + def.name() + ".xml", def.format(true));
    }

    void unmarkActive(String name) {
        store.deleteRuntime("active/" + name + ".xml");
    }

    RecordedFormats formats(String pool) {
        return new RecordedFormats(store, pool);
    }
}
