package org.virtlayer.api;

import java.util.List;

/**
 * A driver or backend installed now: what {@code virt:driver-list} shows.
 *
 * @param kind what it provides
 * @param name its name, e.g. {@code test}, {@code qemu}, {@code network-bridge}, {@code storage-dir}
 * @param serves the URI schemes a hypervisor driver opens, or the pool types a storage backend serves
 * @param bundle the symbolic name and version of the bundle it came from
 */
public record DriverInfo(Kind kind, String name, List<String> serves, String bundle) {
    public enum Kind { HYPERVISOR, NETWORK, STORAGE, NODE_DEVICE }
}
