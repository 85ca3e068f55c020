package org.virtlayer.driver.qemu.internal.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.ModificationImpact;
import org.virtlayer.api.VirtException;
import org.virtlayer.driver.qemu.internal.argv.Dev;
import org.virtlayer.driver.qemu.internal.argv.DeviceArgs;
import org.virtlayer.driver.qemu.internal.argv.DeviceLayout;
import org.virtlayer.driver.qemu.internal.caps.QemuCaps;
import org.virtlayer.driver.qemu.internal.qmp.HandoverMonitor;
import org.virtlayer.driver.qemu.internal.qmp.QmpError;
import org.virtlayer.spi.MacAddresses;
import org.virtlayer.spi.kit.Json;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.SafeXmlParser;
import org.virtlayer.xml.XmlElement;

/**
 * Changes to a domain's definitions, live (over QMP) and/or persistent, with libvirt's {@code VIR_DOMAIN_AFFECT_*}
 * rules: memory through the balloon, vCPUs by hot-plugging CPU devices where the machine allows it, disks and
 * interfaces hot-plugged ({@code blockdev-add} + {@code device_add}, {@code netdev_add} + {@code device_add}) and
 * unplugged ({@code device_del}, then the backend once QEMU reports DEVICE_DELETED).
 */
final class LiveChanges {
    /** How long a detach waits for the guest to let go, as libvirt waits. */
    private static final long UNPLUG_WAIT_MS = 5_000;

    private final QemuNode node;

    LiveChanges(QemuNode node) {
        this.node = node;
    }

    private record Targets(boolean live, boolean config) {
    }

    private static Targets targets(QemuDomain d, Set<ModificationImpact> impact) {
        boolean live = impact.contains(ModificationImpact.LIVE);
        boolean config = impact.contains(ModificationImpact.CONFIG);
        synchronized (d) {
            if (!live && !config) {
                live = d.state.isActive();
                config = !live;
            }
            if (live && !d.state.isActive()) {
                throw VirtException.invalidOperation("domain is not running");
            }
            if (config && d.persistentDef == null) {
                throw VirtException.invalidOperation("transient domains do not have any persistent config");
            }
        }
        return new Targets(live, config);
    }

    /** Applies a change to a copy of the persistent definition, saves it, and swaps it in. */
    private void changeConfig(QemuDomain d, Consumer<DomainDef> change) {
        DomainDef copy;
        synchronized (d) {
            copy = d.persistentDef.copy();
        }
        change.accept(copy);
        node.store.saveDefinition(d.uuid, copy.format(true, true));
        synchronized (d) {
            boolean off = d.def == d.persistentDef;
            d.persistentDef = copy;
            if (off) {
                d.def = copy;
            }
            d.changed();
        }
    }

    private void changeLive(QemuDomain d, Consumer<DomainDef> change) {
        synchronized (d) {
            change.accept(d.def);
            d.changed();
        }
        node.lifecycle.persist(d);
    }

    private long timeout() {
        return node.config.monitorTimeoutMillis();
    }

    void setMetadata(QemuDomain d, Consumer<DomainDef> change, Set<ModificationImpact> impact) {
        Targets t = targets(d, impact);
        if (t.live()) {
            changeLive(d, change);
        }
        if (t.config()) {
            changeConfig(d, change);
        }
    }

    // ---- memory

    void setMemory(QemuDomain d, long kib, Set<ModificationImpact> impact) {
        Targets t = targets(d, impact);
        if (t.live()) {
            Running r = node.lifecycle.running(d);
            long max;
            synchronized (d) {
                max = d.def.memoryKiB();
            }
            if (kib > max) {
                throw VirtException.invalidArg("cannot set memory higher than max memory");
            }
            r.monitor.call("balloon", Json.obj("value", kib * 1024), timeout());
            changeLive(d, def -> def.setCurrentMemoryKiB(kib));
        }
        if (t.config()) {
            changeConfig(d, def -> {
                if (kib > def.memoryKiB()) {
                    throw VirtException.invalidArg("cannot set memory higher than max memory");
                }
                def.setCurrentMemoryKiB(kib);
            });
        }
    }

    void setMaxMemory(QemuDomain d, long kib, Set<ModificationImpact> impact) {
        Targets t = targets(d, impact);
        if (t.live()) {
            throw VirtException.invalidOperation("cannot resize the maximum memory on an active domain");
        }
        changeConfig(d, def -> def.setMemoryKiB(kib));
    }

    // ---- vCPUs

    void setVcpus(QemuDomain d, int count, Set<ModificationImpact> impact) {
        Targets t = targets(d, impact);
        if (t.live()) {
            Running r = node.lifecycle.running(d);
            int max;
            int current;
            String emulator;
            String machine;
            synchronized (d) {
                max = d.def.maxVcpus();
                current = d.def.currentVcpus();
                emulator = d.def.emulator();
                machine = d.def.machine();
            }
            if (count < 1 || count > max) {
                throw VirtException.invalidArg("requested vcpus " + count + " is greater than max allowable vcpus for"
                        + " the live domain: " + max);
            }
            QemuCaps.Machine m = node.caps.get(java.nio.file.Path.of(emulator)).machine(machine);
            if (m == null || !m.hotpluggableCpus()) {
                throw new VirtException(ErrorCode.OPERATION_UNSUPPORTED, "Operation not supported: machine '"
                        + machine + "' cannot hot-plug vCPUs");
            }
            if (count > current) {
                plugVcpus(r, count - current);
            } else if (count < current) {
                unplugVcpus(r, current - count);
            }
            r.vcpuThreads = null;
            changeLive(d, def -> def.setCurrentVcpus(count));
        }
        if (t.config()) {
            changeConfig(d, def -> def.setCurrentVcpus(count));
        }
    }

    private void plugVcpus(Running r, int n) {
        List<Map<String, Object>> free = new ArrayList<>();
        for (Object o : Json.asList(r.monitor.call("query-hotpluggable-cpus", null, timeout()))) {
            Map<String, Object> c = Json.asObject(o);
            if (!c.containsKey("qom-path")) {
                free.add(0, c);
            }
        }
        if (free.size() < n) {
            throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: only " + free.size()
                    + " vCPU slots are free");
        }
        for (int i = 0; i < n; i++) {
            Map<String, Object> c = free.get(i);
            Map<String, Object> args = Json.obj("driver", Json.string(c, "type"));
            args.put("id", "vcpu" + Json.number(Json.asObject(c.get("props")), "socket-id", i) + "-"
                    + Json.number(Json.asObject(c.get("props")), "core-id", 0) + "-"
                    + Json.number(Json.asObject(c.get("props")), "thread-id", 0));
            args.putAll(Json.asObject(c.get("props")));
            r.monitor.call("device_add", args, timeout());
        }
    }

    private void unplugVcpus(Running r, int n) {
        List<String> plugged = new ArrayList<>();
        for (Object o : Json.asList(r.monitor.call("query-hotpluggable-cpus", null, timeout()))) {
            String path = Json.string(Json.asObject(o), "qom-path");
            if (path != null && path.startsWith("/machine/peripheral/")) {
                plugged.add(path.substring("/machine/peripheral/".length()));
            }
        }
        if (plugged.size() < n) {
            throw new VirtException(ErrorCode.OPERATION_UNSUPPORTED, "Operation not supported: only hot-plugged vCPUs"
                    + " can be unplugged (" + plugged.size() + " are)");
        }
        for (int i = 0; i < n; i++) {
            unplug(r, plugged.get(i));
        }
    }

    // ---- devices

    void attach(QemuDomain d, String xml, Set<ModificationImpact> impact) {
        XmlElement dev = SafeXmlParser.parse(xml);
        if (dev.name().equals("interface") && dev.child("mac") == null) {
            // generated once, as libvirt does, so that the live and the persistent NIC have the same address
            dev.add(0, XmlElement.of("mac", "address", MacAddresses.generate()));
        }
        Targets t = targets(d, impact);
        if (t.live()) {
            attachLive(d, dev.copy());
        }
        if (t.config()) {
            changeConfig(d, def -> def.addDevice(dev.copy()));
        }
    }

    private void attachLive(QemuDomain d, XmlElement dev) {
        Running r = node.lifecycle.running(d);
        DomainDef trial;
        synchronized (d) {
            trial = d.def.copy();
        }
        trial.addDevice(dev);
        boolean q35 = DeviceLayout.isQ35(trial);
        SourceResolver.resolve(dev, node.nodeContext.storage());
        switch (dev.name()) {
            case "disk" -> {
                DeviceLayout.placeNew(trial, dev);
                List<Map<String, Object>> nodes = DeviceArgs.blockdevs(dev);
                List<String> added = new ArrayList<>();
                try {
                    for (Map<String, Object> n : nodes) {
                        r.monitor.call("blockdev-add", n, timeout());
                        added.add(0, n.get("node-name").toString());
                    }
                    r.monitor.call("device_add", DeviceArgs.diskDevice(dev, null, q35, null), timeout());
                } catch (QmpError e) {
                    for (String n : added) {
                        r.monitor.send("blockdev-del", Json.obj("node-name", n));
                    }
                    throw hotplugFailed("disk " + Dev.attr(dev, "target", "dev"), e);
                }
            }
            case "interface" -> plugNic(r, trial, dev, q35);
            default -> throw new VirtException(ErrorCode.OPERATION_UNSUPPORTED, "Operation not supported: live"
                    + " attach of device '" + dev.name() + "' is not supported (disks and interfaces are)");
        }
        DomainDef result = trial;
        synchronized (d) {
            d.def = result;
            d.changed();
        }
        node.lifecycle.persist(d);
    }

    /**
     * A NIC into a running guest: its tap (and network port) made as at start, the tap's descriptor handed to QEMU on
     * the handover monitor with the {@code netdev_add} that takes it, then the device.
     */
    private void plugNic(Running r, DomainDef trial, XmlElement dev, boolean q35) {
        DeviceLayout.placeNew(trial, dev);
        boolean kvm = "kvm".equals(trial.virtType());
        String alias = Dev.alias(dev);
        TapNics.Plugged plugged = DeviceArgs.isTap(dev) ? node.lifecycle.taps.plug(trial, dev) : null;
        Map<String, Object> netdev = DeviceArgs.netdev(dev, plugged == null ? null : "tap-" + alias, kvm);
        boolean added = false;
        try {
            if (plugged == null) {
                r.monitor.call("netdev_add", netdev, timeout());
            } else {
                try (HandoverMonitor h = HandoverMonitor.connect(r.runDir.resolve(DomainLifecycle.HANDOVER_SOCKET),
                        trial.name(), timeout())) {
                    h.passDescriptor("tap-" + alias, plugged.tap().fd());
                    h.call("netdev_add", netdev);
                }
                if (plugged.tap().namespace() != null) {
                    r.tapNamespaces.put(alias, plugged.tap().namespace());
                }
            }
            added = true;
            r.monitor.call("device_add", DeviceArgs.nicDevice(dev, null, q35), timeout());
        } catch (QmpError e) {
            if (added) {
                r.monitor.send("netdev_del", Json.obj("id", netdev.get("id")));
            }
            r.tapNamespaces.remove(alias);
            node.lifecycle.taps.releasePort(trial.name(), dev);
            throw hotplugFailed("interface " + Dev.attr(dev, "mac", "address"), e);
        } finally {
            if (plugged != null) {
                // QEMU holds its own descriptor now, or the NIC failed and the tap goes with this one
                plugged.tap().close();
            }
        }
    }

    private static VirtException hotplugFailed(String what, QmpError e) {
        return new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: cannot hot-plug " + what + ": "
                + e.getMessage());
    }

    void detach(QemuDomain d, String xml, Set<ModificationImpact> impact) {
        XmlElement dev = SafeXmlParser.parse(xml);
        Targets t = targets(d, impact);
        if (t.live()) {
            detachLive(d, dev);
        }
        if (t.config()) {
            changeConfig(d, def -> def.removeDevice(dev));
        }
    }

    private void detachLive(QemuDomain d, XmlElement dev) {
        Running r = node.lifecycle.running(d);
        XmlElement existing;
        synchronized (d) {
            existing = d.def.findDevice(dev);
            if (existing == null) {
                throw new VirtException(ErrorCode.DEVICE_MISSING, "device not found: " + dev.name()
                        + (Dev.attr(dev, "target", "dev") != null ? " " + Dev.attr(dev, "target", "dev") : ""));
            }
            existing = existing.copy();
        }
        if (!dev.name().equals("disk") && !dev.name().equals("interface")) {
            throw new VirtException(ErrorCode.OPERATION_UNSUPPORTED, "Operation not supported: live detach of device '"
                    + dev.name() + "' is not supported (disks and interfaces are)");
        }
        XmlElement gone = existing;
        CompletableFuture<Void> deleted = unplugAsync(r, Dev.alias(existing));
        deleted.thenRun(() -> {
            if (gone.name().equals("disk") && Dev.diskSource(gone) != null) {
                r.monitor.send("blockdev-del", Json.obj("node-name", DeviceArgs.formatNode(gone)));
                r.monitor.send("blockdev-del", Json.obj("node-name", DeviceArgs.storageNode(gone)));
            } else if (gone.name().equals("interface")) {
                // QEMU closes the tap with the netdev, and the tap is gone; then the network's port (on the node's
                // event thread: the monitor's thread reads every domain's QMP and must not wait for a backend)
                r.monitor.send("netdev_del", Json.obj("id", "host" + Dev.alias(gone))).whenCompleteAsync((ok, e) -> {
                    r.tapNamespaces.remove(Dev.alias(gone));
                    node.lifecycle.taps.releasePort(d.name(), gone);
                }, node.events);
            }
        });
        await(deleted);
    }

    /** Asks QEMU to remove a device; the future completes when it reports DEVICE_DELETED. */
    private CompletableFuture<Void> unplugAsync(Running r, String alias) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        r.unplugs.put(alias, f);
        try {
            r.monitor.call("device_del", Json.obj("id", alias), timeout());
        } catch (QmpError e) {
            r.unplugs.remove(alias);
            throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: cannot detach " + alias + ": "
                    + e.getMessage());
        }
        return f;
    }

    private void unplug(Running r, String alias) {
        await(unplugAsync(r, alias));
    }

    /** Waits a while for the guest; after that the removal completes in the background, as libvirt does it. */
    private static void await(CompletableFuture<Void> f) {
        try {
            f.get(UNPLUG_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // the guest has not released it yet: the device goes when QEMU says so
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof VirtException v) {
                throw v;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void update(QemuDomain d, String xml, Set<ModificationImpact> impact) {
        XmlElement dev = SafeXmlParser.parse(xml);
        Targets t = targets(d, impact);
        if (t.live()) {
            throw new VirtException(ErrorCode.OPERATION_UNSUPPORTED, "Operation not supported: live update of device '"
                    + dev.name() + "'");
        }
        changeConfig(d, def -> def.updateDevice(dev.copy()));
    }
}
