package org.virtlayer.driver.qemu.internal.caps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/** Finds the QEMU binary for a guest architecture when a definition names none, as libvirt does. */
public final class Emulators {
    private static final List<String> DIRS = List.of("/usr/bin", "/usr/local/bin", "/usr/libexec", "/bin");

    private Emulators() {
    }

    /** {@code qemu-system-ARCH} in the usual folders (or {@code qemu-kvm} for x86_64 on RHEL-like hosts). */
    public static Path find(String arch) {
        String a = arch == null ? "x86_64" : arch;
        String name = switch (a) {
            case "i686", "i586", "i386" -> "qemu-system-i386";
            default -> "qemu-system-" + a;
        };
        for (String d : DIRS) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        if (a.equals("x86_64") && Files.isExecutable(Path.of("/usr/libexec/qemu-kvm"))) {
            return Path.of("/usr/libexec/qemu-kvm");
        }
        throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: no emulator for"
                + " architecture '" + a + "' (looked for " + name + " in " + String.join(", ", DIRS) + ")");
    }
}
