package org.virtlayer.shell.internal.storage;

import java.util.EnumSet;
import java.util.Set;
import org.virtlayer.api.StoragePoolListFlag;

/** The filters of {@code virsh pool-list}: active pools unless {@code --all} or {@code --inactive}. */
public record PoolListOptions(boolean all, boolean inactive, boolean persistent, boolean transientOnly,
        boolean autostart, boolean noAutostart) {

    public Set<StoragePoolListFlag> flags() {
        Set<StoragePoolListFlag> flags = EnumSet.noneOf(StoragePoolListFlag.class);
        if (inactive) {
            flags.add(StoragePoolListFlag.INACTIVE);
        } else if (!all) {
            flags.add(StoragePoolListFlag.ACTIVE);
        }
        if (persistent) {
            flags.add(StoragePoolListFlag.PERSISTENT);
        }
        if (transientOnly) {
            flags.add(StoragePoolListFlag.TRANSIENT);
        }
        if (autostart) {
            flags.add(StoragePoolListFlag.AUTOSTART);
        }
        if (noAutostart) {
            flags.add(StoragePoolListFlag.NO_AUTOSTART);
        }
        return flags;
    }
}
