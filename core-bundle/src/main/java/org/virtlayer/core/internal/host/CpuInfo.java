package org.virtlayer.core.internal.host;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What /proc/cpuinfo says about the processors. Identity fields (vendor, family, flags...) are taken from the first
 * processor's block: hosts libvirt and virtlayer manage have one kind of processor.
 */
final class CpuInfo {
    private final Map<String, String> first;
    private final Set<String> flags;
    private final Set<String> vmxFlags;
    private final int processorCount;
    private final String text;

    private CpuInfo(String text, Map<String, String> first, int processorCount) {
        this.text = text;
        this.first = first;
        this.processorCount = processorCount;
        this.flags = words(first.get("flags"));
        this.vmxFlags = words(first.get("vmx flags"));
    }

    static CpuInfo parse(String text) {
        String body = text == null ? "" : text;
        Map<String, String> first = new HashMap<>();
        int processors = 0;
        boolean inFirstBlock = true;
        boolean seenField = false;
        for (String line : body.split("\n")) {
            if (line.isBlank()) {
                if (seenField) {
                    inFirstBlock = false;
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            seenField = true;
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("processor")) {
                processors++;
            }
            if (inFirstBlock) {
                first.putIfAbsent(key, value);
            }
        }
        return new CpuInfo(body, first, processors);
    }

    /** Number of {@code processor} blocks: a last resort when sysfs does not say which CPUs are online. */
    int processorCount() {
        return processorCount;
    }

    String vendorId() {
        return first.get("vendor_id");
    }

    Integer family() {
        return intField("cpu family");
    }

    Integer model() {
        return intField("model");
    }

    Integer stepping() {
        return intField("stepping");
    }

    /** The microcode revision, written in hex ({@code 0x1000065}) by x86 kernels. */
    Long microcode() {
        String v = first.get("microcode");
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            if (v.startsWith("0x") || v.startsWith("0X")) {
                return Long.parseLong(v.substring(2), 16);
            }
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Physical address bits, from {@code address sizes : 48 bits physical, 48 bits virtual}. */
    Integer physicalAddressBits() {
        String v = first.get("address sizes");
        if (v == null) {
            return null;
        }
        var bits = HostFiles.parseLong(v.split("\\s+")[0]);
        return bits.isPresent() && bits.getAsLong() > 0 && bits.getAsLong() < 1024 ? (int) bits.getAsLong() : null;
    }

    /** The kernel's names of the CPU's features ({@code flags} line). */
    Set<String> flags() {
        return flags;
    }

    /** The {@code vmx flags} line of Intel hosts (kernel 5.8 and later). */
    Set<String> vmxFlags() {
        return vmxFlags;
    }

    /** The first processor's {@code cpu MHz} as written, e.g. {@code 2596.138}, or null. */
    BigDecimal firstCpuMhz() {
        String v = first.get("cpu MHz");
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The CPU frequency in MHz as libvirt's nodeinfo reads it: the integer part of the LAST line that starts with
     * the architecture's prefix, then optional blanks, then a colon. Lines that do not parse are skipped. 0 when no
     * line fits (libvirt reports 0 for ARM, whose cpuinfo has no frequency).
     */
    int frequencyMhz(String arch) {
        String prefix = frequencyPrefix(arch);
        if (prefix == null) {
            return 0;
        }
        int mhz = 0;
        for (String line : text.split("\n")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            String rest = line.substring(prefix.length()).stripLeading();
            if (!rest.startsWith(":")) {
                continue; // e.g. "cpu MHz static" when looking for "cpu MHz"
            }
            rest = rest.substring(1).strip();
            int end = 0;
            while (end < rest.length() && Character.isDigit(rest.charAt(end))) {
                end++;
            }
            if (end == 0 || end > 9) {
                continue;
            }
            mhz = Integer.parseInt(rest.substring(0, end));
        }
        return mhz;
    }

    private static String frequencyPrefix(String arch) {
        if (Architecture.isX86(arch)) {
            return "cpu MHz";
        }
        if (arch.startsWith("ppc")) {
            return "clock";
        }
        if (arch.startsWith("s390")) {
            return "cpu MHz dynamic";
        }
        if (arch.startsWith("loongarch")) {
            return "CPU MHz";
        }
        return null;
    }

    private Integer intField(String key) {
        String v = first.get(key);
        if (v == null) {
            return null;
        }
        var parsed = HostFiles.parseLong(v);
        if (parsed.isEmpty() || parsed.getAsLong() < 0 || parsed.getAsLong() > Integer.MAX_VALUE) {
            return null;
        }
        return (int) parsed.getAsLong();
    }

    private static Set<String> words(String line) {
        Set<String> set = new LinkedHashSet<>();
        if (line != null) {
            for (String w : line.trim().split("\\s+")) {
                if (!w.isEmpty()) {
                    set.add(w);
                }
            }
        }
        return Set.copyOf(set);
    }
}
