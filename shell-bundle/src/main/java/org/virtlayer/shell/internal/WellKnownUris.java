package org.virtlayer.shell.internal;

import java.util.List;

/** The URIs libvirt users type for a driver scheme, offered by completion. */
final class WellKnownUris {
    private WellKnownUris() {
    }

    static List<String> of(String scheme) {
        return switch (scheme) {
            case "test" -> List.of("test:///default");
            case "qemu" -> List.of("qemu:///system", "qemu:///session");
            case "lxc" -> List.of("lxc:///system");
            case "*" -> List.of();
            default -> List.of(scheme + ":///");
        };
    }
}
