package org.virtlayer.driver.qemu.internal.argv;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.driver.qemu.internal.caps.QemuCaps;
import org.virtlayer.spi.kit.Json;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.XmlElement;

/**
 * Where a domain's QEMU command line is built, from a live definition that {@link DeviceLayout} prepared: arguments
 * in libvirt 9's order and shapes ({@code -device} and {@code -blockdev} as JSON), every user value escaped for QEMU's
 * option syntax, {@code -S} (the driver starts the CPUs over QMP), QMP on a descriptor the driver hands over,
 * {@code -no-user-config -nodefaults}, {@code -no-shutdown} (the driver decides what a guest's power-off means), and
 * {@code -sandbox} where the binary has it.
 */
public final class CommandLine {
    /**
     * Where the domain's files live, the descriptor of its monitor's listening socket in QEMU, and that of the
     * listening socket of its descriptor handover monitor ({@code -1}: none; see
     * {@link org.virtlayer.driver.qemu.internal.qmp.HandoverMonitor}).
     */
    public record Paths(Path domainDir, int monitorFd, int handoverFd) {
        public Paths(Path domainDir, int monitorFd) {
            this(domainDir, monitorFd, -1);
        }
    }

    /** The first descriptor number given to a tap NIC; the ones below are the monitors' and a restore's stream. */
    public static final int FIRST_TAP_FD = 10;

    /**
     * The program's arguments (the emulator first), its environment, and the descriptor QEMU expects each tap NIC's
     * tap on ({@code -netdev tap,fd=N}), by the NIC's alias: the caller hands the taps over at those numbers.
     */
    public record Built(List<String> argv, Map<String, String> env, Map<String, Integer> tapFds) {
    }

    private final DomainDef def;
    private final QemuCaps caps;
    private final Paths paths;
    private final boolean q35;
    private final List<String> a = new ArrayList<>();
    private final Map<String, Integer> tapFds = new LinkedHashMap<>();

    private CommandLine(DomainDef def, QemuCaps caps, Paths paths) {
        this.def = def;
        this.caps = caps;
        this.paths = paths;
        this.q35 = DeviceLayout.isQ35(def);
    }

    /**
     * Builds the command line.
     *
     * @param incoming a migration source to start from ({@code defer}), or null
     * @throws VirtException CONFIG_UNSUPPORTED naming what this driver cannot run
     */
    public static Built build(DomainDef def, QemuCaps caps, Paths paths, String incoming) {
        CommandLine c = new CommandLine(def, caps, paths);
        c.build(incoming);
        return new Built(List.copyOf(c.a), c.env(), Map.copyOf(c.tapFds));
    }

    private Map<String, String> env() {
        String dir = paths.domainDir().toString();
        String user = System.getProperty("user.name", "root");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LC_ALL", "C");
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("HOME", dir);
        env.put("USER", user);
        env.put("LOGNAME", user);
        env.put("XDG_DATA_HOME", dir + "/.local/share");
        env.put("XDG_CACHE_HOME", dir + "/.cache");
        env.put("XDG_CONFIG_HOME", dir + "/.config");
        return env;
    }

    private void arg(String... values) {
        a.addAll(List.of(values));
    }

    private void device(Map<String, Object> json) {
        arg("-device", Json.write(json));
    }

    private void build(String incoming) {
        arg(emulator());
        arg("-name", QemuOptions.keys().add("guest", def.name()).flag("debug-threads=on").toString());
        arg("-S");
        arg("-object", Json.write(Json.obj("qom-type", "secret", "id", "masterKey0", "format", "raw", "file",
                paths.domainDir().resolve("master-key.aes").toString())));
        machine();
        cpu();
        memory();
        smp();
        arg("-uuid", def.uuid().toString());
        String genid = def.root().childText("genid");
        if (genid != null) {
            device(Json.obj("driver", "vmgenid", "guid", genid, "id", "vmgenid0"));
        }
        if (def.devices("graphics").isEmpty()) {
            arg("-display", "none");
        }
        arg("-no-user-config", "-nodefaults");
        arg("-chardev", "socket,id=charmonitor,fd=" + paths.monitorFd() + ",server=on,wait=off");
        arg("-mon", "chardev=charmonitor,id=monitor,mode=control");
        if (paths.handoverFd() >= 0) {
            arg("-chardev", "socket,id=charhandover,fd=" + paths.handoverFd() + ",server=on,wait=off");
            arg("-mon", "chardev=charhandover,id=handover,mode=control");
        }
        clock();
        arg("-no-shutdown");
        if (!hasFeature("acpi")) {
            arg("-no-acpi");
        }
        if ("destroy".equals(def.lifecycleAction("on_reboot"))) {
            arg("-action", "reboot=shutdown");
        }
        boot();
        Map<XmlElement, Integer> bootIndex = bootIndices();
        controllers();
        disks(bootIndex);
        interfaces(bootIndex);
        chars();
        arg("-audiodev", Json.write(Json.obj("id", "audio1", "driver", "none")));
        graphics();
        for (XmlElement v : def.devices("video")) {
            if (DeviceLayout.needsPci(v) || "ramfb".equals(Dev.attr(v, "model", "type"))) {
                device(DeviceArgs.video(v, q35));
            }
        }
        for (XmlElement w : def.devices("watchdog")) {
            device(DeviceArgs.watchdog(w, q35));
            if (w.attr("action") != null) {
                arg("-watchdog-action", w.attr("action"));
            }
        }
        for (XmlElement b : def.devices("memballoon")) {
            if (!"none".equals(b.attr("model"))) {
                device(DeviceArgs.balloon(b, q35));
            }
        }
        for (XmlElement r : def.devices("rng")) {
            List<Map<String, Object>> parts = DeviceArgs.rng(r, q35);
            arg("-object", Json.write(parts.get(0)));
            device(parts.get(1));
        }
        if (incoming != null) {
            arg("-incoming", incoming);
        }
        if (caps.sandbox()) {
            arg("-sandbox", "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny");
        }
        arg("-msg", "timestamp=on");
    }

    private String emulator() {
        String e = def.emulator();
        return e != null ? e : caps.binary();
    }

    private boolean hasFeature(String name) {
        XmlElement f = def.element("features");
        XmlElement c = f == null ? null : f.child(name);
        return c != null && !"off".equals(c.attr("state"));
    }

    private void machine() {
        String m = def.machine();
        QemuOptions o = QemuOptions.of(m == null ? caps.machine(null).name() : m);
        o.add("usb", "off");
        XmlElement features = def.element("features");
        if (features != null) {
            XmlElement vmport = features.child("vmport");
            if (vmport != null && vmport.attr("state") != null) {
                o.add("vmport", vmport.attr("state"));
            }
            XmlElement smm = features.child("smm");
            if (smm != null) {
                o.add("smm", smm.attr("state") == null ? "on" : smm.attr("state"));
            }
        }
        o.add("dump-guest-core", "off");
        o.add("memory-backend", "pc.ram");
        arg("-machine", o.toString());
        String type = def.virtType();
        if ("kvm".equals(type)) {
            if (!caps.kvm()) {
                throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: domain type 'kvm'"
                        + " is not available: KVM does not work on this host (use type='qemu')");
            }
            arg("-accel", "kvm");
        } else if ("qemu".equals(type)) {
            arg("-accel", "tcg");
        } else {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: domain type '" + type
                    + "' is not supported by the QEMU driver (use type='qemu' or 'kvm')");
        }
    }

    private void cpu() {
        XmlElement cpu = def.element("cpu");
        String mode = cpu == null ? null : cpu.attr("mode");
        QemuOptions o;
        if ("host-passthrough".equals(mode)) {
            requireKvm("host-passthrough");
            o = QemuOptions.of("host").add("migratable", "off".equals(cpu.attr("migratable")) ? "off" : "on");
        } else if ("host-model".equals(mode)) {
            // libvirt expands host-model to a named model from the host's CPU; QEMU's own host model serves the
            // same purpose without probing every feature: host under KVM, max under TCG
            o = QemuOptions.of("kvm".equals(def.virtType()) ? "host" : "max");
            if ("kvm".equals(def.virtType())) {
                o.add("migratable", "on");
            }
        } else if (cpu != null && cpu.childText("model") != null) {
            String model = cpu.childText("model");
            if (!caps.cpuModels().isEmpty() && !caps.cpuModels().contains(model)) {
                throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: CPU model '"
                        + model + "' is not known to " + caps.binary());
            }
            o = QemuOptions.of(model);
        } else {
            o = QemuOptions.of("qemu64");
        }
        if (cpu != null) {
            for (XmlElement f : cpu.children("feature")) {
                String policy = f.attr("policy");
                String name = f.attr("name");
                if (name == null) {
                    continue;
                }
                if ("disable".equals(policy) || "forbid".equals(policy)) {
                    o.add(name, "off");
                } else if (!"optional".equals(policy)) {
                    o.add(name, "on");
                }
            }
        }
        hypervisorFeatures(o);
        arg("-cpu", o.toString());
    }

    /** Paravirtual features libvirt sets on the CPU: kvmclock, PV EOI, PV spinlocks, Hyper-V enlightenments. */
    private void hypervisorFeatures(QemuOptions o) {
        XmlElement clock = def.element("clock");
        if (clock != null) {
            for (XmlElement t : clock.children("timer")) {
                if ("kvmclock".equals(t.attr("name")) && t.attr("present") != null) {
                    o.add("kvmclock", "no".equals(t.attr("present")) ? "off" : "on");
                }
            }
        }
        XmlElement features = def.element("features");
        if (features == null) {
            return;
        }
        XmlElement apic = features.child("apic");
        if (apic != null && apic.attr("eoi") != null) {
            o.add("kvm-pv-eoi", apic.attr("eoi"));
        }
        XmlElement spin = features.child("pvspinlock");
        if (spin != null) {
            o.add("kvm-pv-unhalt", "off".equals(spin.attr("state")) ? "off" : "on");
        }
        XmlElement hyperv = features.child("hyperv");
        if (hyperv != null && !"off".equals(hyperv.attr("state"))) {
            for (XmlElement h : hyperv.children()) {
                if (!"on".equals(h.attr("state"))) {
                    continue;
                }
                switch (h.name()) {
                    case "spinlocks" -> o.add("hv-spinlocks", "0x" + Integer.toHexString(
                            Dev.intAttr(h, "retries", 0x1fff)));
                    case "vendor_id" -> o.add("hv-vendor-id", h.attr("value"));
                    default -> o.add("hv-" + h.name().replace('_', '-'), "on");
                }
            }
        }
    }

    private void requireKvm(String what) {
        if (!"kvm".equals(def.virtType())) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: CPU mode '" + what
                    + "' needs <domain type='kvm'>");
        }
    }

    private void memory() {
        long kib = (def.memoryKiB() + 1023) / 1024 * 1024;
        XmlElement max = def.element("maxMemory");
        if (max != null) {
            arg("-m", QemuOptions.keys().add("size", kib + "k").add("slots", max.attr("slots"))
                    .add("maxmem", max.trimmedText() + "k").toString());
        } else {
            arg("-m", Long.toString(kib / 1024));
        }
        arg("-object", Json.write(Json.obj("qom-type", "memory-backend-ram", "id", "pc.ram", "size", kib * 1024)));
        XmlElement backing = def.element("memoryBacking");
        boolean locked = backing != null && backing.child("locked") != null;
        arg("-overcommit", "mem-lock=" + (locked ? "on" : "off"));
    }

    private void smp() {
        int max = def.maxVcpus();
        int current = def.currentVcpus();
        XmlElement cpu = def.element("cpu");
        XmlElement topo = cpu == null ? null : cpu.child("topology");
        int sockets = Dev.intAttr(topo, "sockets", topo == null ? max : 1);
        int dies = Dev.intAttr(topo, "dies", 1);
        int cores = Dev.intAttr(topo, "cores", 1);
        int threads = Dev.intAttr(topo, "threads", 1);
        if (sockets * dies * cores * threads != max) {
            throw new VirtException(ErrorCode.XML_ERROR, "XML error: CPU topology " + sockets + "x" + dies + "x" + cores
                    + "x" + threads + " doesn't match maximum vcpu count " + max);
        }
        QemuOptions o = QemuOptions.of(Integer.toString(current));
        if (current != max) {
            o.add("maxcpus", max);
        }
        o.add("sockets", sockets);
        if (dies != 1) {
            o.add("dies", dies);
        }
        o.add("cores", cores).add("threads", threads);
        arg("-smp", o.toString());
    }

    private void clock() {
        XmlElement clock = def.element("clock");
        String offset = clock == null ? "utc" : clock.attr("offset");
        QemuOptions o = QemuOptions.keys();
        switch (offset == null ? "utc" : offset) {
            case "utc" -> o.add("base", "utc");
            case "localtime" -> o.add("base", "localtime");
            case "variable" -> {
                long adj = clock.attr("adjustment") == null ? 0 : Long.parseLong(clock.attr("adjustment"));
                String start = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
                        .format(Instant.now().plusSeconds(adj).atOffset(ZoneOffset.UTC));
                o.add("base", start);
            }
            default -> throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: clock"
                    + " offset '" + offset + "'");
        }
        if (clock != null) {
            for (XmlElement t : clock.children("timer")) {
                if ("rtc".equals(t.attr("name")) && "catchup".equals(t.attr("tickpolicy"))) {
                    o.add("driftfix", "slew");
                }
            }
        }
        arg("-rtc", o.toString());
    }

    private void boot() {
        XmlElement os = def.os();
        XmlElement menu = os == null ? null : os.child("bootmenu");
        QemuOptions o = QemuOptions.keys();
        if (menu != null && "yes".equals(menu.attr("enable"))) {
            o.add("menu", "on");
            if (menu.attr("timeout") != null) {
                o.add("splash-time", menu.attr("timeout"));
            }
        }
        o.add("strict", "on");
        arg("-boot", o.toString());
        if (os != null) {
            if (os.childText("kernel") != null) {
                arg("-kernel", os.childText("kernel"));
            }
            if (os.childText("initrd") != null) {
                arg("-initrd", os.childText("initrd"));
            }
            if (os.child("cmdline") != null && os.child("cmdline").text() != null) {
                arg("-append", os.child("cmdline").text());
            }
            if (os.childText("dtb") != null) {
                arg("-dtb", os.childText("dtb"));
            }
        }
    }

    /** Boot order: per-device {@code <boot order>}, else {@code <os><boot dev>} mapped onto the first such device. */
    private Map<XmlElement, Integer> bootIndices() {
        Map<XmlElement, Integer> out = new HashMap<>();
        boolean perDevice = false;
        for (XmlElement d : def.devices()) {
            Integer o = Dev.bootOrder(d);
            if (o != null) {
                out.put(d, o);
                perDevice = true;
            }
        }
        if (perDevice || def.os() == null) {
            return out;
        }
        int n = 1;
        for (XmlElement b : def.os().children("boot")) {
            String dev = b.attr("dev");
            XmlElement target = null;
            if ("network".equals(dev)) {
                target = def.devices("interface").isEmpty() ? null : def.devices("interface").get(0);
            } else {
                String want = "hd".equals(dev) ? "disk" : "fd".equals(dev) ? "floppy" : dev;
                for (XmlElement d : def.devices("disk")) {
                    if (Dev.diskDevice(d).equals(want)) {
                        target = d;
                        break;
                    }
                }
            }
            if (target != null && !out.containsKey(target)) {
                out.put(target, n);
            }
            n++;
        }
        return out;
    }

    private static final List<String> CONTROLLER_ORDER = List.of("pci", "usb", "scsi", "ide", "sata", "fdc",
            "virtio-serial", "ccid");

    private void controllers() {
        for (String type : CONTROLLER_ORDER) {
            for (XmlElement c : def.devices("controller")) {
                if (type.equals(c.attr("type"))) {
                    controller(c);
                }
            }
        }
    }

    private void controller(XmlElement c) {
        String type = c.attr("type");
        String model = c.attr("model");
        Map<String, Object> m = new LinkedHashMap<>();
        switch (type) {
            case "pci" -> {
                if (!"pcie-root-port".equals(model)) {
                    return;
                }
                m.put("driver", "pcie-root-port");
                XmlElement t = c.child("target");
                m.put("port", Dev.intAttr(t, "port", 0));
                m.put("chassis", Dev.intAttr(t, "chassis", Dev.intAttr(c, "index", 0)));
                m.put("id", Dev.alias(c));
                if (t != null && "off".equals(t.attr("hotplug"))) {
                    m.put("hotplug", false);
                }
            }
            case "usb" -> {
                String driver = switch (model == null ? "piix3-uhci" : model) {
                    case "none" -> null;
                    case "piix3-uhci" -> "piix3-usb-uhci";
                    case "piix4-uhci" -> "piix4-usb-uhci";
                    case "qemu-xhci" -> "qemu-xhci";
                    case "nec-xhci" -> "nec-usb-xhci";
                    case "ich9-ehci1" -> "ich9-usb-ehci1";
                    case "ehci" -> "usb-ehci";
                    default -> throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration:"
                            + " USB controller model '" + model + "'");
                };
                if (driver == null) {
                    return;
                }
                m.put("driver", driver);
                m.put("id", Dev.alias(c));
            }
            case "scsi" -> {
                String driver = switch (model == null ? "lsilogic" : model) {
                    case "virtio-scsi" -> "virtio-scsi-pci";
                    case "lsilogic" -> "lsi";
                    case "lsisas1068" -> "mptsas1068";
                    case "lsisas1078" -> "megasas";
                    case "vmpvscsi" -> "pvscsi";
                    default -> throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration:"
                            + " SCSI controller model '" + model + "'");
                };
                m.put("driver", driver);
                m.put("id", Dev.alias(c));
                String queues = Dev.attr(c, "driver", "queues");
                if (queues != null && driver.equals("virtio-scsi-pci")) {
                    m.put("num_queues", Integer.parseInt(queues));
                }
            }
            case "virtio-serial" -> {
                m.put("driver", "virtio-serial-pci");
                m.put("id", Dev.alias(c));
            }
            case "sata" -> {
                if (q35 && Dev.intAttr(c, "index", 0) == 0) {
                    return;
                }
                m.put("driver", "ahci");
                m.put("id", Dev.alias(c));
            }
            default -> {
                // ide and fdc are built into the machine
                return;
            }
        }
        DeviceArgs.putPci(m, c, q35);
        device(m);
    }

    private void disks(Map<XmlElement, Integer> bootIndex) {
        for (XmlElement d : def.devices("disk")) {
            if ("fdc".equals(Dev.diskBus(d)) && bootIndex.containsKey(d)) {
                int unit = Dev.intAttr(d.child("address"), "unit", 0);
                arg("-global", "isa-fdc.bootindex" + (unit == 0 ? "A" : "B") + "=" + bootIndex.get(d));
            }
        }
        for (XmlElement d : def.devices("disk")) {
            for (Map<String, Object> node : DeviceArgs.blockdevs(d)) {
                arg("-blockdev", Json.write(node));
            }
            device(DeviceArgs.diskDevice(d, bootIndex.get(d), q35, scsiModel(d)));
        }
    }

    private String scsiModel(XmlElement disk) {
        if (!"scsi".equals(Dev.diskBus(disk))) {
            return null;
        }
        int ctrl = Dev.intAttr(disk.child("address"), "controller", 0);
        for (XmlElement c : def.devices("controller")) {
            if ("scsi".equals(c.attr("type")) && Dev.intAttr(c, "index", 0) == ctrl) {
                return c.attr("model") == null ? "lsilogic" : c.attr("model");
            }
        }
        return "lsilogic";
    }

    private void interfaces(Map<XmlElement, Integer> bootIndex) {
        for (XmlElement nic : def.devices("interface")) {
            String tapFd = null;
            if (DeviceArgs.isTap(nic)) {
                int fd = FIRST_TAP_FD + tapFds.size();
                tapFds.put(Dev.alias(nic), fd);
                tapFd = Integer.toString(fd);
            }
            Map<String, Object> netdev = DeviceArgs.netdev(nic, tapFd, "kvm".equals(def.virtType()));
            arg("-netdev", caps.netdevJson() ? Json.write(netdev) : DeviceArgs.netdevKeyval(netdev));
            device(DeviceArgs.nicDevice(nic, bootIndex.get(nic), q35));
        }
    }

    private void chars() {
        for (XmlElement s : def.devices("serial")) {
            String id = "char" + Dev.alias(s);
            arg("-chardev", DeviceArgs.chardev(s, id));
            String targetType = Dev.attr(s, "target", "type");
            if (targetType != null && !targetType.equals("isa-serial")) {
                throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: serial target type '"
                        + targetType + "'");
            }
            device(Json.obj("driver", "isa-serial", "chardev", id, "id", Dev.alias(s), "index",
                    Dev.intAttr(s.child("target"), "port", 0)));
        }
        for (XmlElement c : def.devices("console")) {
            String targetType = Dev.attr(c, "target", "type");
            if (targetType == null || targetType.equals("serial")) {
                // the first console is the first serial port's, as libvirt formats it
                continue;
            }
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: console target type '"
                    + targetType + "'");
        }
        for (XmlElement p : def.devices("channel")) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: channel '"
                    + Dev.attr(p, "target", "name") + "' (channels are not supported by this driver yet)");
        }
    }

    private void graphics() {
        for (XmlElement g : def.devices("graphics")) {
            String type = g.attr("type");
            if (!"vnc".equals(type)) {
                throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: graphics type '"
                        + type + "' (this driver offers vnc)");
            }
            XmlElement listen = g.child("listen");
            String listenType = listen == null ? "address" : listen.attr("type");
            String vnc;
            if ("socket".equals(listenType)) {
                String socket = listen.attr("socket");
                vnc = QemuOptions.keys().add("vnc", "unix:" + (socket != null ? socket
                        : paths.domainDir().resolve("vnc.sock").toString())).toString();
            } else if ("none".equals(listenType)) {
                vnc = "none";
            } else {
                String address = listen != null && listen.attr("address") != null ? listen.attr("address")
                        : g.attr("listen") != null ? g.attr("listen") : "127.0.0.1";
                if (address.contains(":")) {
                    address = "[" + address + "]";
                }
                int port = Dev.intAttr(g, "port", -1);
                boolean auto = "yes".equals(g.attr("autoport")) || port < 5900;
                vnc = QemuOptions.of(address + ":" + (auto ? 0 : port - 5900)).toString();
                if (auto) {
                    vnc += ",to=99";
                }
            }
            if (g.attr("passwd") != null) {
                vnc += ",password=on";
            }
            arg("-vnc", vnc + ",audiodev=audio1");
        }
    }
}
