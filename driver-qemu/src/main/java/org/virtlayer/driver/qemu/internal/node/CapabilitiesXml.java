package org.virtlayer.driver.qemu.internal.node;

import org.virtlayer.driver.qemu.internal.caps.QemuCaps;
import org.virtlayer.spi.HostIntrospection;

/** The QEMU node's {@code <capabilities>}: the host as the core reads it, and the guests the emulator offers. */
final class CapabilitiesXml {
    private CapabilitiesXml() {
    }

    static String format(HostIntrospection host, QemuCaps caps) {
        StringBuilder sb = new StringBuilder("<capabilities>\n\n");
        sb.append(host.hostCapabilitiesXml());
        if (!host.hostCapabilitiesXml().endsWith("\n")) {
            sb.append('\n');
        }
        sb.append("\n  <guest>\n    <os_type>hvm</os_type>\n");
        String arch = caps.arch() == null ? host.arch() : caps.arch();
        sb.append("    <arch name='").append(arch).append("'>\n");
        sb.append("      <wordsize>").append(arch.endsWith("64") ? 64 : 32).append("</wordsize>\n");
        sb.append("      <emulator>").append(escape(caps.binary())).append("</emulator>\n");
        for (QemuCaps.Machine m : caps.machines()) {
            if (m.name().equals("none")) {
                continue;
            }
            sb.append("      <machine maxCpus='").append(m.maxCpus()).append("'>").append(escape(m.name()))
                    .append("</machine>\n");
            if (m.alias() != null) {
                sb.append("      <machine canonical='").append(escape(m.name())).append("' maxCpus='")
                        .append(m.maxCpus()).append("'>").append(escape(m.alias())).append("</machine>\n");
            }
        }
        sb.append("      <domain type='qemu'/>\n");
        if (caps.kvm()) {
            sb.append("      <domain type='kvm'/>\n");
        }
        sb.append("    </arch>\n    <features>\n      <acpi default='on' toggle='yes'/>\n"
                + "      <apic default='on' toggle='no'/>\n      <cpuselection/>\n      <deviceboot/>\n"
                + "      <disksnapshot default='on' toggle='no'/>\n    </features>\n  </guest>\n\n</capabilities>\n");
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
