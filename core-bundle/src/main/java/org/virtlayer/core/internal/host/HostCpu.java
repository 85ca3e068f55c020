package org.virtlayer.core.internal.host;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code <cpu>} of the capabilities' {@code <host>}: what the host processor is, as far as the kernel tells
 * without reading CPUID or MSRs ourselves.
 *
 * @param model named CPU model, null when none describes the host
 * @param vendor libvirt's vendor name ({@code Intel}, {@code AMD}), null when unknown
 * @param microcode microcode revision, null when the kernel does not show it
 * @param signature family, model and stepping, null when unknown
 * @param tsc invariant TSC counter, null when its frequency cannot be known
 * @param physAddrBits physical address bits, null when unknown
 * @param features extra features beyond the model's, libvirt's names and order
 */
record HostCpu(String arch, String model, String vendor, Long microcode, Signature signature, TscCounter tsc,
        int sockets, int dies, int cores, int threads, Integer physAddrBits, List<String> features) {

    record Signature(int family, int model, int stepping) {
    }

    record TscCounter(long frequencyHz, boolean scaling) {
    }

    HostCpu {
        features = List.copyOf(features);
    }

    private static final Map<String, String> VENDORS = Map.of(
            "GenuineIntel", "Intel",
            "AuthenticAMD", "AMD",
            "HygonGenuine", "Hygon",
            "CentaurHauls", "Zhaoxin",
            "Shanghai", "Zhaoxin");

    /**
     * Describes the host CPU. The topology is nodeinfo's (sockets per NUMA node, one die), as libvirt fills it.
     *
     * <p>On x86 the model is the generic {@code kvm64} baseline whenever the host has all its features, and the
     * features listed are the others. libvirt picks, from its CPU map, the named model that needs the fewest extra
     * features; on this kind of virtual machine that is kvm64 too, on bare metal it is usually a named
     * generation ({@code Skylake-Client}, {@code EPYC}), which virtlayer does not carry.
     */
    static HostCpu describe(HostFiles files, String arch, CpuInfo info, ProcessorCounts counts) {
        String model = null;
        String vendor = null;
        Long microcode = null;
        Signature signature = null;
        TscCounter tsc = null;
        Integer physBits = null;
        List<String> features = new ArrayList<>();
        if (Architecture.isX86(arch)) {
            vendor = info.vendorId() == null ? null : VENDORS.get(info.vendorId().trim());
            microcode = info.microcode();
            if (microcode != null && microcode == 0) {
                microcode = null;
            }
            if (info.family() != null && info.model() != null && info.stepping() != null) {
                signature = new Signature(info.family(), info.model(), info.stepping());
            }
            tsc = tscCounter(files, info);
            physBits = info.physicalAddressBits();
            List<String> all = X86Features.of(info.flags());
            if (all.containsAll(X86Features.BASELINE_FEATURES)) {
                model = X86Features.BASELINE_MODEL;
                all.removeAll(X86Features.BASELINE_FEATURES);
            }
            features.addAll(all);
        }
        return new HostCpu(arch, model, vendor, microcode, signature, tsc, counts.sockets(), 1, counts.cores(),
                counts.threads(), physBits, features);
    }

    /**
     * libvirt shows the TSC only when it is invariant, asking KVM for its frequency and whether KVM can scale it.
     * Without KVM ioctls the frequency is knowable when /proc/cpuinfo's "cpu MHz" is the kernel's calibrated TSC
     * clock: no cpufreq driver and no APERF/MPERF (either makes "cpu MHz" the current clock instead). The kernel
     * writes it with kHz precision, which is what KVM reports. Scaling is what KVM needs from the processor: AMD's
     * tsc_scale or Intel's VMX TSC scaling.
     */
    private static TscCounter tscCounter(HostFiles files, CpuInfo info) {
        Set<String> flags = info.flags();
        if (!flags.contains("nonstop_tsc") || !files.exists("dev/kvm") || flags.contains("aperfmperf")
                || files.exists(HostFiles.CPU_DIR + "/cpu0/cpufreq")) {
            return null;
        }
        BigDecimal mhz = info.firstCpuMhz();
        if (mhz == null || mhz.signum() <= 0) {
            return null;
        }
        long hz = mhz.movePointRight(6).longValue();
        boolean scaling = flags.contains("tsc_scale") || info.vmxFlags().contains("tsc_scaling");
        return new TscCounter(hz, scaling);
    }
}
