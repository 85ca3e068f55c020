package org.virtlayer.driver.qemu.internal.node;

import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.linux.Cgroup;
import org.virtlayer.linux.CgroupLayout;
import org.virtlayer.linux.LinuxException;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.ScaledSize;
import org.virtlayer.xml.XmlElement;

/**
 * Each domain in a cgroup of its own where the host's cgroups are writable ({@code ROOT/qemu-NAME-UUID8} in every
 * hierarchy), with {@code <memtune>} (hard, soft, swap limits) and {@code <cputune>} (shares, period, quota) applied.
 * A cgroup also keeps QEMU out of the JVM's own, so that stopping the JVM's service does not stop the guests.
 */
final class DomainCgroups {
    private DomainCgroups() {
    }

    /** The domain's cgroup, created; null where cgroups are not writable. */
    static Cgroup create(QemuNode node, DomainDef def) {
        CgroupLayout layout = node.cgroups;
        if (layout == null) {
            return null;
        }
        StringBuilder name = new StringBuilder();
        for (char c : def.name().toCharArray()) {
            name.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
        }
        if (name.length() > 64) {
            name.setLength(64);
        }
        String path = node.config.cgroupRoot() + "/qemu-" + name + "-" + def.uuid().toString().substring(0, 8);
        try {
            return Cgroup.create(layout, path);
        } catch (LinuxException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot create the cgroup of domain '" + def.name()
                    + "': " + e.getMessage());
        }
    }

    /** Moves the process in and applies the definition's tunables. */
    static void place(Cgroup g, int pid, DomainDef def) {
        if (g == null) {
            return;
        }
        try {
            g.addProcess(pid);
            XmlElement mem = def.element("memtune");
            if (mem != null) {
                long hard = kib(mem, "hard_limit");
                if (hard > 0) {
                    g.setMemoryHardLimit(hard * 1024);
                }
                long soft = kib(mem, "soft_limit");
                if (soft > 0) {
                    g.setMemorySoftLimit(soft * 1024);
                }
                long swap = kib(mem, "swap_hard_limit");
                if (swap > 0) {
                    g.setSwapHardLimit(swap * 1024);
                }
            }
            XmlElement cpu = def.element("cputune");
            if (cpu != null) {
                if (cpu.childText("shares") != null) {
                    g.setCpuShares(Long.parseLong(cpu.childText("shares")));
                }
                if (cpu.childText("quota") != null) {
                    long period = cpu.childText("period") == null ? 100_000 : Long.parseLong(cpu.childText("period"));
                    g.setCpuQuota(period, Long.parseLong(cpu.childText("quota")));
                }
            }
        } catch (LinuxException | NumberFormatException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot apply resource limits of domain '" + def.name()
                    + "': " + e.getMessage());
        }
    }

    private static long kib(XmlElement parent, String child) {
        XmlElement e = parent.child(child);
        if (e == null || e.trimmedText() == null) {
            return -1;
        }
        return ScaledSize.toKiB(e.trimmedText(), e.attr("unit"), "./memtune/" + child);
    }

    /** Removes the cgroup once its processes are gone; a leftover is only logged. */
    static void remove(Cgroup g) {
        if (g == null) {
            return;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                g.remove();
                return;
            } catch (LinuxException e) {
                Thread.onSpinWait();
            }
        }
        System.getLogger(DomainCgroups.class.getName()).log(System.Logger.Level.WARNING, "cannot remove " + g);
    }
}
