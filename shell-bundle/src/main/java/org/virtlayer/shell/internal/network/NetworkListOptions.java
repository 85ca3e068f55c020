package org.virtlayer.shell.internal.network;

import java.util.EnumSet;
import java.util.Set;
import org.virtlayer.api.NetworkListFlag;

/** The filters of {@code virsh net-list}: active networks unless {@code --all} or {@code --inactive}. */
public record NetworkListOptions(boolean all, boolean inactive, boolean persistent, boolean transientOnly,
        boolean autostart, boolean noAutostart) {

    public Set<NetworkListFlag> flags() {
        Set<NetworkListFlag> flags = EnumSet.noneOf(NetworkListFlag.class);
        if (inactive) {
            flags.add(NetworkListFlag.INACTIVE);
        } else if (!all) {
            flags.add(NetworkListFlag.ACTIVE);
        }
        if (persistent) {
            flags.add(NetworkListFlag.PERSISTENT);
        }
        if (transientOnly) {
            flags.add(NetworkListFlag.TRANSIENT);
        }
        if (autostart) {
            flags.add(NetworkListFlag.AUTOSTART);
        }
        if (noAutostart) {
            flags.add(NetworkListFlag.NO_AUTOSTART);
        }
        return flags;
    }
}
