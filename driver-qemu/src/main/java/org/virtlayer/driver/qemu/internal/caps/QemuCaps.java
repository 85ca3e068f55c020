package org.virtlayer.driver.qemu.internal.caps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.virtlayer.spi.kit.Json;

/**
 * What one QEMU binary offers, as read over QMP once per binary and modification time: its version, machine types
 * (with aliases such as {@code pc}), CPU models, whether KVM works, whether {@code -sandbox} exists.
 */
public record QemuCaps(String binary, long mtimeMillis, long version, String arch, List<Machine> machines,
        List<String> cpuModels, boolean kvm, boolean sandbox, Set<String> deviceTypes) {

    /** One machine type. */
    public record Machine(String name, String alias, boolean isDefault, int maxCpus, boolean hotpluggableCpus) {
    }

    /** The version as libvirt encodes it: 7002022 for 7.2.22. */
    public long version() {
        return version;
    }

    /** The machine's full name for a name or alias ({@code pc} to {@code pc-i440fx-7.2}), or null if unknown. */
    public Machine machine(String nameOrAlias) {
        if (nameOrAlias == null) {
            for (Machine m : machines) {
                if (m.isDefault()) {
                    return m;
                }
            }
            return machines.isEmpty() ? null : machines.get(0);
        }
        for (Machine m : machines) {
            if (m.name().equals(nameOrAlias)) {
                return m;
            }
        }
        for (Machine m : machines) {
            if (nameOrAlias.equals(m.alias())) {
                return m;
            }
        }
        return null;
    }

    public boolean hasDevice(String type) {
        return deviceTypes.isEmpty() || deviceTypes.contains(type);
    }

    /** QEMU 7.1 and later take {@code -netdev} as JSON. */
    public boolean netdevJson() {
        return version >= 7_001_000;
    }

    // ---- the on-disk cache form

    public String toJson() {
        List<Object> ms = new ArrayList<>();
        for (Machine m : machines) {
            ms.add(Json.obj("name", m.name(), "alias", m.alias(), "default", m.isDefault(), "max-cpus",
                    (long) m.maxCpus(), "hotpluggable-cpus", m.hotpluggableCpus()));
        }
        return Json.write(Json.obj("binary", binary, "mtime", mtimeMillis, "version", version, "arch", arch,
                "machines", ms, "cpu-models", new ArrayList<Object>(cpuModels), "kvm", kvm, "sandbox", sandbox,
                "device-types", new ArrayList<Object>(deviceTypes.stream().sorted().toList())));
    }

    public static QemuCaps fromJson(String text) {
        Map<String, Object> o = Json.parseObject(text);
        List<Machine> ms = new ArrayList<>();
        for (Object x : Json.asList(o.get("machines"))) {
            Map<String, Object> m = Json.asObject(x);
            ms.add(new Machine(Json.string(m, "name"), Json.string(m, "alias"), Json.bool(m, "default"),
                    (int) Json.number(m, "max-cpus", 1), Json.bool(m, "hotpluggable-cpus")));
        }
        List<String> cpus = new ArrayList<>();
        Json.asList(o.get("cpu-models")).forEach(c -> cpus.add(c.toString()));
        List<String> devs = new ArrayList<>();
        Json.asList(o.get("device-types")).forEach(c -> devs.add(c.toString()));
        return new QemuCaps(Json.string(o, "binary"), Json.number(o, "mtime", 0), Json.number(o, "version", 0),
                Json.string(o, "arch"), List.copyOf(ms), List.copyOf(cpus), Json.bool(o, "kvm"),
                Json.bool(o, "sandbox"), Set.copyOf(devs));
    }
}
