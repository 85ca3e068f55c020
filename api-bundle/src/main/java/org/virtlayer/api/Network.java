package org.virtlayer.api;

import java.util.List;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/** A handle on one virtual network, libvirt's {@code virNetworkPtr}. */
@ProviderType
public interface Network {
    Connection connection();

    String name();

    UUID uuid();

    boolean isActive();

    boolean isPersistent();

    boolean autostart();

    /** The host bridge the network's guests attach to. */
    String bridgeName();

    /** The definition; {@code inactive} asks for the persistent one rather than the live one. */
    String xml(boolean inactive);

    /** Starts a defined network. */
    void start();

    void destroy();

    void undefine();

    void setAutostart(boolean autostart);

    /** The DHCP leases handed out now, optionally only those of one MAC address. */
    List<NetworkDhcpLease> dhcpLeases(String mac);

    /**
     * Changes one part of the definition (e.g. adds a DHCP host) without restarting the network.
     *
     * @param parentIndex which {@code <ip>} element, -1 for the first fitting one
     */
    void update(NetworkUpdateCommand command, NetworkUpdateSection section, int parentIndex, String xml,
            ModificationImpact... impact);
}
