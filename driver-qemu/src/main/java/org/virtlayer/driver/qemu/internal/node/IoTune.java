package org.virtlayer.driver.qemu.internal.node;

import java.util.LinkedHashMap;
import java.util.Map;
import org.virtlayer.driver.qemu.internal.argv.Dev;
import org.virtlayer.xml.XmlElement;

/** A disk's {@code <iotune>} as QMP's {@code block_set_io_throttle}, which libvirt sends once QEMU runs. */
final class IoTune {
    private static final String[][] FIELDS = {
        {"total_bytes_sec", "bps"}, {"read_bytes_sec", "bps_rd"}, {"write_bytes_sec", "bps_wr"},
        {"total_iops_sec", "iops"}, {"read_iops_sec", "iops_rd"}, {"write_iops_sec", "iops_wr"},
        {"total_bytes_sec_max", "bps_max"}, {"read_bytes_sec_max", "bps_rd_max"},
        {"write_bytes_sec_max", "bps_wr_max"}, {"total_iops_sec_max", "iops_max"},
        {"read_iops_sec_max", "iops_rd_max"}, {"write_iops_sec_max", "iops_wr_max"},
        {"size_iops_sec", "iops_size"}, {"total_bytes_sec_max_length", "bps_max_length"},
        {"read_bytes_sec_max_length", "bps_rd_max_length"}, {"write_bytes_sec_max_length", "bps_wr_max_length"},
        {"total_iops_sec_max_length", "iops_max_length"}, {"read_iops_sec_max_length", "iops_rd_max_length"},
        {"write_iops_sec_max_length", "iops_wr_max_length"}};

    private IoTune() {
    }

    /** The command's arguments, or null when the disk has no limits (or no medium). */
    static Map<String, Object> throttle(XmlElement disk) {
        XmlElement tune = disk.child("iotune");
        if (tune == null || Dev.diskSource(disk) == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        // the device holding the drive: for virtio-blk-pci the virtio backend inside the PCI proxy, as libvirt names it
        m.put("id", "virtio".equals(Dev.diskBus(disk)) ? "/machine/peripheral/" + Dev.alias(disk) + "/virtio-backend"
                : Dev.alias(disk));
        // the six base limits are mandatory in QMP; 0 means unlimited
        for (int i = 0; i < 6; i++) {
            m.put(FIELDS[i][1], 0L);
        }
        for (String[] f : FIELDS) {
            String v = tune.childText(f[0]);
            if (v != null) {
                m.put(f[1], Long.parseLong(v));
            }
        }
        String group = tune.childText("group_name");
        if (group != null) {
            m.put("group", group);
        }
        return m;
    }
}
