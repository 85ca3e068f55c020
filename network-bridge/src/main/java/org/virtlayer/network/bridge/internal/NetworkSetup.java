package org.virtlayer.network.bridge.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.NetworkDhcpLease;
import org.virtlayer.api.VirtException;
import org.virtlayer.spi.StateStore;
import org.virtlayer.xml.NetworkDef;
import org.virtlayer.xml.XmlElement;

/**
 * What a running network is made of on the node, set up at start and taken down at destroy: its bridge with
 * addresses and routes ({@link BridgeDevices}), its nftables table ({@link NftRuleset}), IP forwarding
 * ({@link IpForwarding}) and its dnsmasq ({@link DnsmasqConfig}, {@link DnsmasqHostsFiles}). A start that fails
 * half-way undoes what it did. A bridge network (forward mode bridge) uses a host bridge as it is and has none of these.
 */
final class NetworkSetup {
    private static final System.Logger LOG = System.getLogger(NetworkSetup.class.getName());

    private final BridgeDevices devices;
    private final Nftables nft;
    private final IpForwarding forwarding;
    private final Dnsmasq dnsmasq;
    private final StateStore store;

    NetworkSetup(HostCommands commands, StateStore store, String dnsmasqProgram) {
        this.devices = new BridgeDevices(commands);
        this.nft = new Nftables(commands);
        this.forwarding = new IpForwarding(commands);
        this.dnsmasq = new Dnsmasq(commands, dnsmasqProgram);
        this.store = store;
    }

    BridgeDevices devices() {
        return devices;
    }

    DnsmasqFiles files(String network) {
        return DnsmasqFiles.of(store.runtimeDirectory().resolve("dnsmasq"), network);
    }

    /** Brings the network up and returns its dnsmasq's pid (0 if it has none). */
    long start(NetworkDef live) {
        String bridge = live.bridgeName();
        if (!NetworkDefs.managesBridge(live)) {
            if (!devices.exists(bridge)) {
                throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: bridge '" + bridge
                        + "' of network '" + live.name() + "' does not exist on the host");
            }
            return 0;
        }
        List<IpDef> ips = IpDef.of(live.ips(), live.name());
        checkRouteCollisions(ips, live.name());
        if (devices.exists(bridge)) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "Unable to create bridge " + bridge + ": File exists");
        }
        Deque<Runnable> undo = new ArrayDeque<>();
        try {
            devices.create(bridgeOf(live, ips));
            undo.push(() -> devices.delete(bridge));
            String mode = live.forwardMode();
            if (NftRuleset.needed(mode)) {
                nft.apply(NftRuleset.script(live, ips, bridge));
                undo.push(() -> nft.delete(NftRuleset.tableName(bridge)));
            }
            if ("nat".equals(mode) || "route".equals(mode)) {
                forwarding.enable(ips.stream().anyMatch(i -> !i.v6()), ips.stream().anyMatch(IpDef::v6));
            }
            long pid = 0;
            if (DnsmasqConfig.needed(ips)) {
                DnsmasqFiles files = writeDnsmasqFiles(live, ips);
                pid = dnsmasq.start(files);
                long started = pid;
                undo.push(() -> Dnsmasq.stop(started, files));
            }
            return pid;
        } catch (RuntimeException e) {
            while (!undo.isEmpty()) {
                try {
                    undo.pop().run();
                } catch (RuntimeException again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
    }

    private static BridgeDevices.Bridge bridgeOf(NetworkDef def, List<IpDef> ips) {
        XmlElement b = def.root().child("bridge");
        XmlElement mtu = def.root().child("mtu");
        int delay = b == null || b.attr("delay") == null ? 0 : Integer.parseInt(b.attr("delay"));
        List<BridgeDevices.Route> routes = new ArrayList<>();
        for (XmlElement r : def.root().children("route")) {
            boolean v6 = "ipv6".equals(r.attr("family"));
            String prefix = r.attr("prefix") != null ? r.attr("prefix") : v6 ? "128" : "32";
            routes.add(new BridgeDevices.Route(v6, r.attr("address") + "/" + prefix, r.attr("gateway"),
                    r.attr("metric") == null ? null : Integer.valueOf(r.attr("metric"))));
        }
        return new BridgeDevices.Bridge(def.bridgeName(), def.macAddress(), b == null || !"off".equals(b.attr("stp")),
                delay, mtu == null || mtu.attr("size") == null ? 0 : Integer.parseInt(mtu.attr("size")), ips, routes);
    }

    /** libvirt refuses a network whose subnet the host already routes elsewhere: it would cut that route. */
    private void checkRouteCollisions(List<IpDef> ips, String network) {
        for (IpDef ip : ips) {
            for (String[] route : devices.routes(ip.v6())) {
                String dest = route[0].contains("/") ? route[0] : route[0] + (ip.v6() ? "/128" : "/32");
                if (dest.equals(ip.subnet())) {
                    throw new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: Network " + ip.subnet()
                            + " of network '" + network + "' is already in use by interface " + route[1]);
                }
            }
        }
    }

    /**
     * Writes dnsmasq's configuration and host files. dnsmasq drops to an unprivileged user and reads the host files
     * again as that user on SIGHUP: they are made readable by all, and their folder reachable.
     */
    private DnsmasqFiles writeDnsmasqFiles(NetworkDef live, List<IpDef> ips) {
        DnsmasqFiles files = files(live.name());
        String bridge = live.bridgeName();
        writeRuntime(files.conf(), DnsmasqConfig.of(live, ips, bridge, files));
        writeRuntime(files.hostsfile(), DnsmasqHostsFiles.dhcpHosts(ips));
        writeRuntime(files.addnhosts(), DnsmasqHostsFiles.dnsHosts(live));
        checkReachable(files.hostsfile().getParent());
        return files;
    }

    private void writeRuntime(Path file, String content) {
        Path folder = store.runtimeDirectory();
        store.writeRuntime(folder.relativize(file).toString(), content);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot set permissions of " + file + ": " + e, e);
        }
    }

    private static void checkReachable(Path folder) {
        for (Path p = folder; p != null; p = p.getParent()) {
            try {
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: dnsmasq, which runs as an"
                            + " unprivileged user, cannot reach " + folder + ": " + p + " is not searchable by"
                            + " others (chmod o+x, or configure the core's runtimeDirectory elsewhere)");
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * Takes the network down: dnsmasq, the nftables table, the bridge (with its addresses and routes), dnsmasq's
     * files, its leases included: as with libvirt, a network started again lists only the leases of its new run.
     * Every step is tried; the first failure is thrown after all of them.
     */
    void stop(NetworkDef live, long dnsmasqPid) {
        if (!NetworkDefs.managesBridge(live)) {
            return;
        }
        String bridge = live.bridgeName();
        DnsmasqFiles files = files(live.name());
        List<Runnable> steps = List.of(
                () -> {
                    long pid = dnsmasqPid > 0 ? dnsmasqPid : Dnsmasq.readPid(files).orElse(0L);
                    if (pid > 0) {
                        Dnsmasq.stop(pid, files);
                    }
                },
                () -> nft.delete(NftRuleset.tableName(bridge)),
                () -> devices.delete(bridge),
                () -> {
                    for (Path f : List.of(files.conf(), files.hostsfile(), files.addnhosts(), files.pid(),
                            files.leases())) {
                        try {
                            Files.deleteIfExists(f);
                        } catch (IOException e) {
                            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot delete " + f + ": " + e, e);
                        }
                    }
                });
        VirtException first = null;
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (VirtException e) {
                LOG.log(System.Logger.Level.ERROR, "stopping network '" + live.name() + "': " + e.getMessage());
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Finds a running network again after the backend restarted: it is still running if its bridge is there. Its
     * rules are loaded again (atomically, so unchanged rules never lapse) and its dnsmasq is kept if it still runs,
     * started again if it died.
     *
     * @return the dnsmasq pid (0 if none), or empty if the network is gone (its remains are then cleaned up)
     */
    Optional<Long> reattach(NetworkDef live) {
        String bridge = live.bridgeName();
        if (!devices.exists(bridge)) {
            if (NetworkDefs.managesBridge(live)) {
                try {
                    stop(live, 0);
                } catch (VirtException e) {
                    LOG.log(System.Logger.Level.WARNING, "cleaning up after network '" + live.name() + "': " + e);
                }
            }
            return Optional.empty();
        }
        if (!NetworkDefs.managesBridge(live)) {
            return Optional.of(0L);
        }
        List<IpDef> ips = IpDef.of(live.ips(), live.name());
        String mode = live.forwardMode();
        if (NftRuleset.needed(mode)) {
            nft.apply(NftRuleset.script(live, ips, bridge));
        }
        if ("nat".equals(mode) || "route".equals(mode)) {
            forwarding.enable(ips.stream().anyMatch(i -> !i.v6()), ips.stream().anyMatch(IpDef::v6));
        }
        if (!DnsmasqConfig.needed(ips)) {
            return Optional.of(0L);
        }
        DnsmasqFiles files = files(live.name());
        Optional<Long> pid = Dnsmasq.readPid(files);
        if (pid.isPresent() && Dnsmasq.isOurs(pid.get(), files)) {
            return pid;
        }
        LOG.log(System.Logger.Level.INFO, "dnsmasq of network '" + live.name() + "' is gone: starting it again");
        return Optional.of(dnsmasq.start(writeDnsmasqFiles(live, ips)));
    }

    /**
     * Puts a changed DHCP host list into effect: the host file rewritten and dnsmasq told with SIGHUP, or restarted if
     * its configuration changes too (e.g. the first static host of an address without DHCP before).
     *
     * @return dnsmasq's pid now
     */
    long refreshDhcp(NetworkDef live, long pid) {
        List<IpDef> ips = IpDef.of(live.ips(), live.name());
        if (!NetworkDefs.managesBridge(live) || !DnsmasqConfig.needed(ips)) {
            return pid;
        }
        DnsmasqFiles files = files(live.name());
        String conf = DnsmasqConfig.of(live, ips, live.bridgeName(), files);
        String current;
        try {
            current = Files.readString(files.conf());
        } catch (IOException e) {
            current = "";
        }
        if (!conf.equals(current) || pid <= 0 || !Dnsmasq.isOurs(pid, files)) {
            if (pid > 0) {
                Dnsmasq.stop(pid, files);
            }
            return dnsmasq.start(writeDnsmasqFiles(live, ips));
        }
        writeRuntime(files.hostsfile(), DnsmasqHostsFiles.dhcpHosts(ips));
        writeRuntime(files.addnhosts(), DnsmasqHostsFiles.dnsHosts(live));
        dnsmasq.reload(pid, files);
        return pid;
    }

    List<NetworkDhcpLease> leases(NetworkDef live, String mac) {
        if (!NetworkDefs.managesBridge(live)) {
            return List.of();
        }
        return DhcpLeaseFile.read(files(live.name()).leases(), live.bridgeName(), IpDef.of(live.ips(), live.name()),
                mac, System.currentTimeMillis() / 1000);
    }
}
