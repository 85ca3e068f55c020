package org.virtlayer.api;

/**
 * A DHCP lease handed out on a network ({@code virsh net-dhcp-leases}).
 *
 * @param iface the network's bridge
 * @param expiryTime seconds since the epoch when the lease expires
 * @param ipv6 true for an IPv6 lease
 * @param prefix the address's prefix length
 */
public record NetworkDhcpLease(String iface, long expiryTime, boolean ipv6, String mac, String iaid, String ipAddress,
        int prefix, String hostname, String clientId) {
}
