package org.virtlayer.driver.lxc.internal.node;

import java.util.List;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.linux.Cgroup;
import org.virtlayer.linux.CgroupLayout;
import org.virtlayer.linux.LinuxException;
import org.virtlayer.linux.PidFd;
import org.virtlayer.linux.Syscalls;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.ScaledSize;
import org.virtlayer.xml.XmlElement;

/**
 * Each container in a cgroup of its own ({@code ROOT/lxc-NAME-UUID8} in every hierarchy), created with its limits
 * <em>before</em> any of its processes exists, as libvirt sets them for LXC: {@code <memory>} as the hard limit
 * ({@code <memtune><hard_limit>} when given), soft and swap limits, {@code <cputune>} shares, period and quota. The
 * supervisor, the console keeper and every process of the container live in it; its removal after the end kills
 * whatever is left.
 */
final class ContainerCgroups {
    private static final System.Logger LOG = System.getLogger(ContainerCgroups.class.getName());

    private ContainerCgroups() {
    }

    /** The container's cgroup, created with the definition's limits. */
    static Cgroup create(CgroupLayout layout, String root, DomainDef def) {
        if (layout == null) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot start container '" + def.name()
                    + "': the host's cgroups are not writable by this process (the LXC driver runs as root)");
        }
        Cgroup g;
        try {
            g = Cgroup.create(layout, path(root, def));
        } catch (LinuxException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot create the cgroup of container '" + def.name()
                    + "': " + e.getMessage());
        }
        try {
            apply(g, def);
            return g;
        } catch (RuntimeException e) {
            remove(g, List.of());
            throw e;
        }
    }

    static String path(String root, DomainDef def) {
        StringBuilder name = new StringBuilder();
        for (char c : def.name().toCharArray()) {
            name.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
        }
        if (name.length() > 64) {
            name.setLength(64);
        }
        return root + "/lxc-" + name + "-" + def.uuid().toString().substring(0, 8);
    }

    private static void apply(Cgroup g, DomainDef def) {
        try {
            XmlElement mem = def.element("memtune");
            long hard = mem == null ? -1 : kib(mem, "hard_limit");
            g.setMemoryHardLimit((hard > 0 ? hard : def.memoryKiB()) * 1024);
            if (mem != null) {
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
                    g.setCpuShares(Long.parseLong(cpu.childText("shares").strip()));
                }
                if (cpu.childText("quota") != null) {
                    long period = cpu.childText("period") == null ? 100_000
                            : Long.parseLong(cpu.childText("period").strip());
                    g.setCpuQuota(period, Long.parseLong(cpu.childText("quota").strip()));
                }
            }
        } catch (LinuxException | NumberFormatException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot apply resource limits of container '"
                    + def.name() + "': " + e.getMessage());
        }
    }

    private static long kib(XmlElement parent, String child) {
        XmlElement e = parent.child(child);
        if (e == null || e.trimmedText() == null) {
            return -1;
        }
        return ScaledSize.toKiB(e.trimmedText(), e.attr("unit"), "./memtune/" + child);
    }

    /**
     * Removes the cgroup once the container has ended. Processes still in it (a console keeper finishing its last
     * read, anything that escaped) are killed and waited for through pidfds; a frozen cgroup is thawed so that they
     * can die.
     */
    static void remove(Cgroup g, List<PidFd> known) {
        if (g == null || !g.exists()) {
            return;
        }
        for (PidFd p : known) {
            if (p != null && !p.awaitExit(200)) {
                p.signal(Syscalls.SIGKILL);
            }
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                g.remove();
                return;
            } catch (LinuxException e) {
                List<Integer> left = g.processes();
                if (g.isFrozen()) {
                    g.setFrozen(false);
                }
                for (int pid : left) {
                    try (PidFd p = PidFd.open(pid)) {
                        p.signal(Syscalls.SIGKILL);
                        p.awaitExit(100);
                    } catch (LinuxException gone) {
                        // exited meanwhile
                    }
                }
                if (left.isEmpty()) {
                    // the last process is leaving: the kernel empties the cgroup moments after its exit
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
        LOG.log(System.Logger.Level.WARNING, "cannot remove " + g);
    }
}
