package org.virtlayer.driver.qemu.internal.node;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.spi.kit.Json;

/**
 * What a running domain leaves in its runtime folder so that a driver started later finds it again: the QEMU process
 * (PID and start time, which together survive PID reuse), its ID, state, cgroup, the network namespaces of taps not in
 * the JVM's own (by NIC alias), and the live definition.
 */
record RuntimeStatus(int pid, long startTicks, int id, DomainStateReason reason, boolean persistent,
        String cgroup, Map<String, String> tapNamespaces, String liveXml) {

    String toJson() {
        return Json.write(Json.obj("pid", (long) pid, "start-ticks", startTicks, "id", (long) id, "reason",
                reason.name(), "persistent", persistent, "cgroup", cgroup, "tap-namespaces",
                new TreeMap<>(tapNamespaces), "xml", liveXml));
    }

    static RuntimeStatus fromJson(String text) {
        Map<String, Object> o = Json.parseObject(text);
        DomainStateReason r;
        try {
            r = DomainStateReason.valueOf(Json.string(o, "reason"));
        } catch (RuntimeException e) {
            r = DomainStateReason.RUNNING_UNKNOWN;
        }
        Map<String, String> namespaces = new HashMap<>();
        Object ns = o.get("tap-namespaces");
        if (ns instanceof Map<?, ?>) {
            Json.asObject(ns).forEach((alias, name) -> namespaces.put(alias, String.valueOf(name)));
        }
        return new RuntimeStatus((int) Json.number(o, "pid", -1), Json.number(o, "start-ticks", -1),
                (int) Json.number(o, "id", -1), r, Json.bool(o, "persistent"), Json.string(o, "cgroup"),
                Map.copyOf(namespaces), Json.string(o, "xml"));
    }
}
