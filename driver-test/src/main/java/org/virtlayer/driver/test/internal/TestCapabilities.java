package org.virtlayer.driver.test.internal;

/** The capabilities document of a test node, shaped as libvirt's test driver prints it. */
final class TestCapabilities {
    private TestCapabilities() {
    }

    static String format(TestNode node) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<capabilities>\n\n  <host>\n    <cpu>\n      <arch>i686</arch>\n      <features>\n")
                .append("        <pae/>\n        <nonpae/>\n      </features>\n");
        for (String size : new String[] {"4", "8", "2048", "1048576"}) {
            sb.append("      <pages unit='KiB' size='").append(size).append("'/>\n");
        }
        sb.append("    </cpu>\n    <power_management/>\n    <iommu support='no'/>\n    <topology>\n");
        sb.append("      <cells num='").append(node.cells.size()).append("'>\n");
        int cpusPerCell = node.cells.isEmpty() ? 0 : node.nodeInfo.cpus() / node.cells.size();
        int cpu = 0;
        for (TestNode.Cell c : node.cells) {
            sb.append("        <cell id='").append(c.id()).append("'>\n");
            sb.append("          <memory unit='KiB'>").append(c.memoryKiB()).append("</memory>\n");
            sb.append("          <pages unit='KiB' size='").append(c.pageSizeKiB()).append("'>")
                    .append(c.memoryKiB() / c.pageSizeKiB()).append("</pages>\n");
            sb.append("          <pages unit='KiB' size='2048'>0</pages>\n");
            sb.append("          <pages unit='KiB' size='1048576'>0</pages>\n");
            sb.append("          <cpus num='").append(cpusPerCell).append("'>\n");
            for (int i = 0; i < cpusPerCell; i++, cpu++) {
                sb.append("            <cpu id='").append(cpu).append("' socket_id='").append(c.id())
                        .append("' die_id='0' core_id='").append(i).append("' siblings='").append(cpu)
                        .append("'/>\n");
            }
            sb.append("          </cpus>\n        </cell>\n");
        }
        sb.append("      </cells>\n    </topology>\n    <secmodel>\n      <model>testSecurity</model>\n")
                .append("      <doi></doi>\n    </secmodel>\n  </host>\n\n");
        for (String os : new String[] {"hvm", "xen"}) {
            sb.append("  <guest>\n    <os_type>").append(os).append("</os_type>\n    <arch name='i686'>\n")
                    .append("      <wordsize>32</wordsize>\n      <emulator>/usr/bin/test-hv</emulator>\n")
                    .append("      <domain type='test'/>\n    </arch>\n    <features>\n      <pae/>\n")
                    .append("      <nonpae/>\n    </features>\n  </guest>\n\n");
        }
        // libvirt ends its capabilities document with an empty line
        sb.append("</capabilities>\n\n");
        return sb.toString();
    }
}
