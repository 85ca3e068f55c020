package org.virtlayer.core.internal.host;

import java.util.List;
import java.util.Map;

/**
 * Formats the {@code <host>} element of a capabilities document in libvirt 9.0's layout and order: uuid, cpu,
 * power_management, iommu, topology, cache. The migration features and security models that follow in libvirt's
 * output belong to the hypervisor driver and its security manager, not to the host, and are left to them.
 *
 * <p>The element starts at column 0; a capabilities document nests it one level (two spaces) deeper.
 */
final class HostCapabilitiesFormatter {
    private HostCapabilitiesFormatter() {
    }

    static String format(String uuid, HostCpu cpu, List<Long> pageSizesKiB, boolean iommu, List<NumaCell> cells,
            List<CacheBank> caches) {
        IndentedXml xml = new IndentedXml();
        xml.open("host");
        xml.text("uuid", uuid);
        cpu(xml, cpu, pageSizesKiB);
        // libvirt asks systemd-logind or pm-utils which suspend targets work; that is not host file data and is
        // not probed here, so no target is claimed (what libvirt prints when neither answers).
        xml.empty("power_management");
        xml.empty("iommu", "support", iommu ? "yes" : "no");
        topology(xml, cells);
        caches(xml, caches);
        xml.close("host");
        return xml.toString();
    }

    private static void cpu(IndentedXml xml, HostCpu cpu, List<Long> pageSizesKiB) {
        xml.open("cpu");
        xml.text("arch", cpu.arch());
        if (cpu.model() != null) {
            xml.text("model", cpu.model());
        }
        if (cpu.vendor() != null) {
            xml.text("vendor", cpu.vendor());
        }
        if (cpu.microcode() != null) {
            xml.empty("microcode", "version", cpu.microcode());
        }
        if (cpu.signature() != null) {
            xml.empty("signature", "family", cpu.signature().family(), "model", cpu.signature().model(), "stepping",
                    cpu.signature().stepping());
        }
        if (cpu.tsc() != null) {
            xml.empty("counter", "name", "tsc", "frequency", cpu.tsc().frequencyHz(), "scaling",
                    cpu.tsc().scaling() ? "yes" : "no");
        }
        xml.empty("topology", "sockets", cpu.sockets(), "dies", cpu.dies(), "cores", cpu.cores(), "threads",
                cpu.threads());
        if (cpu.physAddrBits() != null) {
            xml.empty("maxphysaddr", "mode", "emulate", "bits", cpu.physAddrBits());
        }
        for (String feature : cpu.features()) {
            xml.empty("feature", "name", feature);
        }
        for (long size : pageSizesKiB) {
            xml.empty("pages", "unit", "KiB", "size", size);
        }
        xml.close("cpu");
    }

    private static void topology(IndentedXml xml, List<NumaCell> cells) {
        xml.open("topology");
        xml.open("cells", "num", cells.size());
        for (NumaCell cell : cells) {
            xml.open("cell", "id", cell.id());
            if (cell.memoryKiB() > 0) {
                xml.text("memory", cell.memoryKiB(), "unit", "KiB");
            }
            for (Map.Entry<Long, Long> pages : cell.pages().entrySet()) {
                xml.text("pages", pages.getValue(), "unit", "KiB", "size", pages.getKey());
            }
            if (!cell.distances().isEmpty()) {
                xml.open("distances");
                for (Map.Entry<Integer, Integer> d : cell.distances().entrySet()) {
                    xml.empty("sibling", "id", d.getKey(), "value", d.getValue());
                }
                xml.close("distances");
            }
            if (cell.cpus().isEmpty()) {
                xml.empty("cpus", "num", 0);
            } else {
                xml.open("cpus", "num", cell.cpus().size());
                for (LogicalCpu c : cell.cpus()) {
                    xml.empty("cpu", "id", c.id(), "socket_id", c.socketId(), "die_id", c.dieId(), "core_id",
                            c.coreId(), "siblings", CpuList.format(c.siblings()));
                }
                xml.close("cpus");
            }
            xml.close("cell");
        }
        xml.close("cells");
        xml.close("topology");
    }

    private static void caches(IndentedXml xml, List<CacheBank> banks) {
        if (banks.isEmpty()) {
            return;
        }
        xml.open("cache");
        for (CacheBank bank : banks) {
            String[] size = CacheBank.prettySize(bank.sizeBytes());
            xml.empty("bank", "id", bank.id(), "level", bank.level(), "type", bank.type(), "size", size[0], "unit",
                    size[1], "cpus", CpuList.format(bank.cpus()));
        }
        xml.close("cache");
    }
}
