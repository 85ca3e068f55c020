package org.virtlayer.core.internal.host;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A shared processor cache as the capabilities' {@code <cache><bank/>} lists it: the level 3 (and above) caches of
 * /sys/devices/system/cpu/cpuN/cache/indexK, each bank once. Lower levels are per core and libvirt leaves them out.
 */
record CacheBank(int id, int level, String type, long sizeBytes, BitSet cpus) {
    static final int MIN_LEVEL = 3;

    CacheBank {
        cpus = (BitSet) cpus.clone();
    }

    @Override
    public BitSet cpus() {
        return (BitSet) cpus.clone();
    }

    /** Banks seen from the online CPUs (offline ones describe no cache), ordered by level then id. */
    static List<CacheBank> probe(HostFiles files, BitSet online) {
        List<CacheBank> banks = new ArrayList<>();
        for (int cpu = online.nextSetBit(0); cpu >= 0; cpu = online.nextSetBit(cpu + 1)) {
            String cacheDir = HostFiles.CPU_DIR + "/cpu" + cpu + "/cache";
            for (int index : files.numberedEntries(cacheDir, "index")) {
                CacheBank bank = read(files, cacheDir + "/index" + index);
                if (bank != null && banks.stream().noneMatch(b -> b.sameBank(bank))) {
                    banks.add(bank);
                }
            }
        }
        banks.sort(Comparator.comparingInt(CacheBank::level).thenComparingInt(CacheBank::id)
                .thenComparing(CacheBank::type));
        return banks;
    }

    private boolean sameBank(CacheBank other) {
        return id == other.id && level == other.level && type.equals(other.type);
    }

    private static CacheBank read(HostFiles files, String dir) {
        long level = files.readLong(dir + "/level").orElse(-1);
        if (level < MIN_LEVEL || level > 9) {
            return null;
        }
        // a cache without an id cannot be told apart from its peers: libvirt skips it too
        long id = files.readLong(dir + "/id").orElse(-1);
        if (id < 0 || id > Integer.MAX_VALUE) {
            return null;
        }
        String type = libvirtType(files.readLine(dir + "/type"));
        long size = sizeBytes(files.readLine(dir + "/size"));
        BitSet cpus = CpuList.parse(files.readLine(dir + "/shared_cpu_list"));
        if (type == null || size <= 0 || cpus.isEmpty()) {
            return null;
        }
        return new CacheBank((int) id, (int) level, type, size, cpus);
    }

    private static String libvirtType(String kernelType) {
        if (kernelType == null) {
            return null;
        }
        switch (kernelType.trim()) {
            case "Unified":
                return "both";
            case "Instruction":
                return "code";
            case "Data":
                return "data";
            default:
                return null;
        }
    }

    /** Sysfs writes sizes such as {@code 32768K}; suffixes are binary. */
    static long sizeBytes(String text) {
        if (text == null || text.isEmpty()) {
            return -1;
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        long scale = 1;
        char last = t.charAt(t.length() - 1);
        if (last == 'K' || last == 'M' || last == 'G') {
            scale = last == 'K' ? 1L << 10 : last == 'M' ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        var v = HostFiles.parseLong(t);
        if (v.isEmpty() || v.getAsLong() <= 0 || v.getAsLong() > Long.MAX_VALUE / scale) {
            return -1;
        }
        return v.getAsLong() * scale;
    }

    /**
     * The size in the largest binary unit that divides it exactly, as libvirt prints it: 32 MiB, 1536 KiB, 100 B.
     * Returns {value, unit}.
     */
    static String[] prettySize(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        long value = bytes;
        int unit = 0;
        while (value != 0 && value % 1024 == 0 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return new String[] {Long.toString(value), units[unit]};
    }
}
