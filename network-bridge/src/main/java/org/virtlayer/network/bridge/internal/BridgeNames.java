package org.virtlayer.network.bridge.internal;

import java.util.Set;
import java.util.function.Supplier;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/**
 * Bridge names as libvirt gives them: the template's {@code %d} replaced by the first number from 0 that neither
 * another network's definition nor an existing device uses ({@code virbr0}, {@code virbr1}, ...).
 */
final class BridgeNames {
    static final String DEFAULT_TEMPLATE = "virbr%d";
    private static final int MAX_ID = 256;

    private final Supplier<Set<String>> otherNetworks;
    private final BridgeDevices devices;

    /** @param otherNetworks the bridge names of the node's other networks (persistent and live definitions) */
    BridgeNames(Supplier<Set<String>> otherNetworks, BridgeDevices devices) {
        this.otherNetworks = otherNetworks;
        this.devices = devices;
    }

    String free(String template, String forNetwork) {
        Set<String> taken = otherNetworks.get();
        Set<String> existing = devices.names();
        for (int id = 0; id < MAX_ID; id++) {
            String name = template.replace("%d", Integer.toString(id));
            NetworkDefs.device(name, "bridge name of network '" + forNetwork + "'");
            if (!taken.contains(name) && !existing.contains(name)) {
                return name;
            }
        }
        throw new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: Bridge generation exceeded max id "
                + MAX_ID + " for network '" + forNetwork + "'");
    }

    /** An explicit name may not be another network's. */
    void checkUnused(String name, String forNetwork) {
        if (otherNetworks.get().contains(name)) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: bridge name '" + name
                    + "' already in use.");
        }
    }
}
