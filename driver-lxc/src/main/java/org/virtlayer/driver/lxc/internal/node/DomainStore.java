package org.virtlayer.driver.lxc.internal.node;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.virtlayer.spi.StateStore;
import org.virtlayer.spi.kit.DomainFiles;

/**
 * The one place the LXC node's files are named and written: the layout every driver shares ({@link DomainFiles}),
 * in each container's runtime folder its mount tables, staging root and {@code status.xml}, and the {@code /dev}
 * skeleton every container copies. The log holds the start and stop lines, the supervisor's messages and the
 * console's output.
 */
final class DomainStore extends DomainFiles {
    DomainStore(StateStore store) {
        super(store);
    }

    void writeStatus(UUID uuid, String xml) {
        store.writeRuntime("run/" + hex(uuid) + "/status.xml", xml);
    }

    Optional<String> readStatus(String runDirName) {
        return store.readRuntime("run/" + runDirName + "/status.xml");
    }

    /** The {@code /dev} skeleton, shared by every container of the node. */
    Path skeleton() {
        return store.runtimeDirectory().resolve("dev-skeleton");
    }
}
