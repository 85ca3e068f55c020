package org.virtlayer.driver.qemu.internal.node;

import java.util.Optional;
import java.util.UUID;
import org.virtlayer.spi.StateStore;
import org.virtlayer.spi.kit.DomainFiles;

/**
 * The one place the QEMU node's files are named and written: the layout every driver shares ({@link DomainFiles}),
 * and in each domain's runtime folder the monitor socket, the master key and {@code status.json}. QEMU's stdout and
 * stderr go to the domain's log.
 */
final class DomainStore extends DomainFiles {
    DomainStore(StateStore store) {
        super(store);
    }

    StateStore stateStore() {
        return store;
    }

    void writeStatus(UUID uuid, RuntimeStatus status) {
        store.writeRuntime("run/" + hex(uuid) + "/status.json", status.toJson());
    }

    Optional<RuntimeStatus> readStatus(String runDirName) {
        try {
            return store.readRuntime("run/" + runDirName + "/status.json").map(RuntimeStatus::fromJson);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
