package org.virtlayer.network.bridge.internal;

import java.nio.file.Path;

/**
 * The files of one network's dnsmasq, all in the backend's runtime folder {@code dnsmasq/}: its configuration, the
 * static DHCP hosts and DNS hosts it re-reads on SIGHUP, its lease file and its pid file.
 */
record DnsmasqFiles(Path conf, Path hostsfile, Path addnhosts, Path leases, Path pid) {
    static DnsmasqFiles of(Path folder, String network) {
        return new DnsmasqFiles(folder.resolve(network + ".conf"), folder.resolve(network + ".hostsfile"),
                folder.resolve(network + ".addnhosts"), folder.resolve(network + ".leases"),
                folder.resolve(network + ".pid"));
    }
}
