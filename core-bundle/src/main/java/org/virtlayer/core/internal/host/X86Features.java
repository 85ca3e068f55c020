package org.virtlayer.core.internal.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * x86 CPU features under libvirt's names, derived from the kernel's {@code flags} line of /proc/cpuinfo.
 *
 * <p>libvirt reads CPUID directly and names features as its CPU map does; the kernel names most of them the same way,
 * some differently ({@code pclmulqdq} / {@code pclmuldq}, {@code sse4_1} / {@code sse4.1}), and hides or synthesises
 * others. The table below lists, per CPUID leaf, register and bit in ascending order (the order in which libvirt
 * prints them), libvirt's name and the kernel flag that reports the same bit. Features the kernel only shows as
 * synthetic flags whose CPUID source depends on the vendor (the speculation controls {@code ibrs}, {@code ibpb},
 * {@code stibp}, {@code ssbd}) and features libvirt reads from MSRs ({@code vmx-*}, {@code arch-capabilities}
 * bits) are left out rather than guessed.
 */
final class X86Features {
    /** libvirt's name for a feature and the kernel flag that shows it. */
    record Feature(String name, String kernelFlag) {
    }

    /**
     * The features of QEMU's and libvirt's generic {@code kvm64} model: a baseline every x86_64 host has, so the host
     * CPU can be described as that model plus its extra features.
     */
    static final String BASELINE_MODEL = "kvm64";

    static final Set<String> BASELINE_FEATURES = Set.of("fpu", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic",
            "sep", "mtrr", "pge", "mca", "cmov", "pat", "pse36", "clflush", "mmx", "fxsr", "sse", "sse2", "pni",
            "cx16", "syscall", "nx", "lm");

    /** The kernel hides OSXSAVE (CR4.OSXSAVE, set by the kernel itself when the CPU has XSAVE). */
    private static final String OSXSAVE = "osxsave";

    static final List<Feature> IN_CPUID_ORDER = List.of(
            // leaf 0x1, EDX
            f("fpu"), f("vme"), f("de"), f("pse"), f("tsc"), f("msr"), f("pae"), f("mce"), f("cx8"), f("apic"),
            f("sep"), f("mtrr"), f("pge"), f("mca"), f("cmov"), f("pat"), f("pse36"), f("pn"), f("clflush"),
            f("ds", "dts"), f("acpi"), f("mmx"), f("fxsr"), f("sse"), f("sse2"), f("ss"), f("ht"), f("tm"),
            f("ia64"), f("pbe"),
            // leaf 0x1, ECX
            f("pni"), f("pclmuldq", "pclmulqdq"), f("dtes64"), f("monitor"), f("ds_cpl"), f("vmx"), f("smx"),
            f("est"), f("tm2"), f("ssse3"), f("cid"), f("fma"), f("cx16"), f("xtpr"), f("pdcm"), f("pcid"),
            f("dca"), f("sse4.1", "sse4_1"), f("sse4.2", "sse4_2"), f("x2apic"), f("movbe"), f("popcnt"),
            f("tsc-deadline", "tsc_deadline_timer"), f("aes"), f("xsave"), new Feature(OSXSAVE, null), f("avx"),
            f("f16c"), f("rdrand"), f("hypervisor"),
            // leaf 0x6, EAX
            f("arat"),
            // leaf 0x7 subleaf 0, EBX
            f("fsgsbase"), f("tsc_adjust"), f("sgx"), f("bmi1"), f("hle"), f("avx2"), f("smep"), f("bmi2"),
            f("erms"), f("invpcid"), f("rtm"), f("cmt", "cqm"), f("mpx"), f("avx512f"), f("avx512dq"), f("rdseed"),
            f("adx"), f("smap"), f("avx512ifma"), f("pcommit"), f("clflushopt"), f("clwb"), f("intel-pt", "intel_pt"),
            f("avx512pf"), f("avx512er"), f("avx512cd"), f("sha-ni", "sha_ni"), f("avx512bw"), f("avx512vl"),
            // leaf 0x7 subleaf 0, ECX
            f("avx512vbmi"), f("umip"), f("pku"), f("ospke"), f("waitpkg"), f("avx512vbmi2", "avx512_vbmi2"),
            f("gfni"), f("vaes"), f("vpclmulqdq"), f("avx512vnni", "avx512_vnni"),
            f("avx512bitalg", "avx512_bitalg"), f("avx512-vpopcntdq", "avx512_vpopcntdq"), f("la57"), f("rdpid"),
            f("bus-lock-detect", "bus_lock_detect"), f("cldemote"), f("movdiri"), f("movdir64b"),
            f("sgxlc", "sgx_lc"),
            // leaf 0x7 subleaf 0, EDX
            f("avx512-4vnniw", "avx512_4vnniw"), f("avx512-4fmaps", "avx512_4fmaps"), f("fsrm"),
            f("avx512-vp2intersect", "avx512_vp2intersect"), f("md-clear", "md_clear"), f("serialize"),
            f("tsx-ldtrk", "tsxldtrk"), f("pconfig"), f("arch-lbr", "arch_lbr"), f("amx-bf16", "amx_bf16"),
            f("avx512-fp16", "avx512_fp16"), f("amx-tile", "amx_tile"), f("amx-int8", "amx_int8"),
            f("arch-capabilities", "arch_capabilities"),
            // leaf 0x7 subleaf 1, EAX
            f("avx-vnni", "avx_vnni"), f("avx512-bf16", "avx512_bf16"), f("fzrm"), f("fsrs"), f("fsrc"),
            f("amx-fp16", "amx_fp16"),
            // leaf 0xd subleaf 1, EAX
            f("xsaveopt"), f("xsavec"), f("xgetbv1"), f("xsaves"), f("xfd"),
            // leaf 0x80000001, EDX
            f("syscall"), f("nx"), f("mmxext"), f("fxsr_opt"), f("pdpe1gb"), f("rdtscp"), f("lm"), f("3dnowext"),
            f("3dnow"),
            // leaf 0x80000001, ECX
            f("lahf_lm"), f("cmp_legacy"), f("svm"), f("extapic"), f("cr8legacy", "cr8_legacy"), f("abm"),
            f("sse4a"), f("misalignsse"), f("3dnowprefetch"), f("osvw"), f("ibs"), f("xop"), f("skinit"), f("wdt"),
            f("lwp"), f("fma4"), f("tce"), f("nodeid_msr"), f("tbm"), f("topoext"), f("perfctr_core"),
            f("perfctr_nb"),
            // leaf 0x80000007, EDX: invariant TSC, which the kernel calls nonstop_tsc
            f("invtsc", "nonstop_tsc"),
            // leaf 0x80000008, EBX
            f("clzero"), f("xsaveerptr"), f("wbnoinvd"), f("virt-ssbd", "virt_ssbd"),
            // leaf 0x8000000a, EDX (SVM)
            f("npt"), f("lbrv"), f("svm-lock", "svm_lock"), f("nrip-save", "nrip_save"), f("tsc-scale", "tsc_scale"),
            f("vmcb-clean", "vmcb_clean"), f("flushbyasid"), f("decodeassists"), f("pause-filter", "pausefilter"),
            f("pfthreshold"), f("avic"), f("v-vmsave-vmload", "v_vmsave_vmload"), f("vgif"),
            f("svme-addr-chk", "svme_addr_chk"));

    private X86Features() {
    }

    /** The host's features under libvirt's names, in libvirt's order. */
    static List<String> of(Set<String> kernelFlags) {
        List<String> names = new ArrayList<>();
        for (Feature feature : IN_CPUID_ORDER) {
            boolean present = feature.kernelFlag() == null
                    ? feature.name().equals(OSXSAVE) && kernelFlags.contains("xsave")
                    : kernelFlags.contains(feature.kernelFlag());
            if (present) {
                names.add(feature.name());
            }
        }
        return names;
    }

    private static Feature f(String sameName) {
        return new Feature(sameName, sameName);
    }

    private static Feature f(String libvirtName, String kernelFlag) {
        return new Feature(libvirtName, kernelFlag);
    }
}
