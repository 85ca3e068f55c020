package org.virtlayer.core.internal.host;

import java.util.Locale;

/** The machine's architecture under libvirt's names ({@code x86_64}, {@code aarch64}, {@code i686}...). */
final class Architecture {
    private Architecture() {
    }

    /**
     * The kernel's name for the machine ({@code uname -m}, also in /proc/sys/kernel/arch) when the root holds it,
     * else the JVM's {@code os.arch}, which names some architectures differently ({@code amd64}).
     */
    static String detect(HostFiles files) {
        String kernel = files.readLine("proc/sys/kernel/arch");
        if (kernel != null && !kernel.isEmpty()) {
            return fromKernel(kernel);
        }
        return fromJvm(System.getProperty("os.arch", ""));
    }

    /** libvirt folds every 32-bit x86 flavour into i686, as it does when it reads uname. */
    static String fromKernel(String machine) {
        String m = machine.trim();
        if (m.matches("i[3-6]86")) {
            return "i686";
        }
        if (m.equals("amd64")) {
            return "x86_64";
        }
        if (m.equals("arm64")) {
            return "aarch64";
        }
        return m;
    }

    static String fromJvm(String osArch) {
        String a = osArch.toLowerCase(Locale.ROOT);
        switch (a) {
            case "amd64":
            case "x86_64":
                return "x86_64";
            case "x86":
            case "i386":
            case "i486":
            case "i586":
            case "i686":
                return "i686";
            case "arm64":
            case "aarch64":
                return "aarch64";
            case "arm":
                return "armv7l";
            default:
                return a.isEmpty() ? "unknown" : a;
        }
    }

    static boolean isX86(String arch) {
        return arch.equals("x86_64") || arch.equals("i686");
    }

    static boolean isS390(String arch) {
        return arch.startsWith("s390");
    }
}
