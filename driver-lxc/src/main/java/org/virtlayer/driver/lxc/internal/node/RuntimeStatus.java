package org.virtlayer.driver.lxc.internal.node;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.driver.lxc.internal.launch.ContainerPlan.HostSide;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.DomainParseOptions;
import org.virtlayer.xml.SafeXmlParser;
import org.virtlayer.xml.XmlElement;
import org.virtlayer.xml.XmlWriter;

/**
 * What a running container leaves in its run folder ({@code status.xml}) so that a driver started later finds it
 * again, in the manner of libvirt's {@code <domstatus>}: its processes (PID and start time, which together survive PID
 * reuse), ID, state, cgroup, console terminal, where host ends that are not plain are
 * ({@code <hostside dev='veth0' netns='NS' mtu='1400'/>}, from network ports) and live definition.
 */
record RuntimeStatus(DomainStateReason reason, int id, boolean persistent, int supervisorPid, long supervisorTicks,
        int initPid, long initTicks, int consolePid, long consoleTicks, String cgroup, String tty,
        Map<String, HostSide> hostSides, DomainDef live) {
    private static final DomainParseOptions LIVE = new DomainParseOptions(null, false);

    String toXml() {
        XmlElement s = XmlElement.of("domstatus", "state", reason.name(), "id", Integer.toString(id), "persistent",
                persistent ? "yes" : "no", "supervisor", supervisorPid + ":" + supervisorTicks, "init",
                initPid + ":" + initTicks, "console", consolePid + ":" + consoleTicks);
        if (cgroup != null) {
            s.attr("cgroup", cgroup);
        }
        if (tty != null) {
            s.attr("tty", tty);
        }
        new TreeMap<>(hostSides).forEach((dev, side) -> {
            XmlElement h = XmlElement.of("hostside", "dev", dev, "mtu", Integer.toString(side.mtu()));
            if (side.namespace() != null) {
                h.attr("netns", side.namespace());
            }
            s.add(h);
        });
        s.add(live.root().copy());
        return XmlWriter.format(s);
    }

    static RuntimeStatus fromXml(String xml) {
        XmlElement s = SafeXmlParser.parse(xml);
        DomainStateReason r;
        try {
            r = DomainStateReason.valueOf(s.attr("state"));
        } catch (RuntimeException e) {
            r = DomainStateReason.RUNNING_UNKNOWN;
        }
        long[] sup = pair(s.attr("supervisor"));
        long[] init = pair(s.attr("init"));
        long[] con = pair(s.attr("console"));
        DomainDef live = DomainDef.fromElement(s.child("domain").copy(), LIVE);
        Map<String, HostSide> sides = new HashMap<>();
        for (XmlElement h : s.children("hostside")) {
            sides.put(h.attr("dev"), new HostSide(h.attr("netns"), Integer.parseInt(h.attr("mtu"))));
        }
        return new RuntimeStatus(r, Integer.parseInt(s.attr("id")), "yes".equals(s.attr("persistent")),
                (int) sup[0], sup[1], (int) init[0], init[1], (int) con[0], con[1], s.attr("cgroup"), s.attr("tty"),
                Map.copyOf(sides), live);
    }

    private static long[] pair(String v) {
        if (v == null || v.indexOf(':') < 0) {
            return new long[] {-1, -1};
        }
        return new long[] {Long.parseLong(v.substring(0, v.indexOf(':'))), Long.parseLong(v.substring(
                v.indexOf(':') + 1))};
    }
}
