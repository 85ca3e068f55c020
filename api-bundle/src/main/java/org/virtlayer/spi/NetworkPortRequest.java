package org.virtlayer.spi;

import java.util.Objects;
import java.util.UUID;

/**
 * What a hypervisor driver asks of a network when it plugs a guest NIC into it, libvirt's {@code <networkport>}
 * request: who owns the port and the guest's MAC address.
 *
 * @param ownerName the domain's name, for messages and for finding a domain's ports again
 * @param ownerUuid the domain's UUID
 * @param mac the guest's MAC address ({@code 52:54:00:...}), or null to let the network generate one with
 *     {@link MacAddresses#generate()}
 */
public record NetworkPortRequest(String ownerName, UUID ownerUuid, String mac) {
    public NetworkPortRequest {
        Objects.requireNonNull(ownerName, "ownerName");
        Objects.requireNonNull(ownerUuid, "ownerUuid");
    }
}
