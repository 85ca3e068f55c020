package org.virtlayer.network.bridge.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The network devices and routes of the networks' namespace, through iproute2's {@code ip}: the bridge of each
 * network is made here, given its addresses and routes, and deleted (which takes its addresses and routes with it).
 */
final class BridgeDevices {
    private static final Pattern LINK_LINE = Pattern.compile("^\\d+:\\s+([^:@\\s]+)[@:]");
    private static final Pattern MTU = Pattern.compile("\\smtu (\\d+)\\s");

    private final HostCommands commands;

    BridgeDevices(HostCommands commands) {
        this.commands = commands;
    }

    boolean exists(String name) {
        return commands.runAllowingFailure(List.of("ip", "link", "show", "dev", name), null).exitCode() == 0;
    }

    /** Every device name in the namespace. */
    Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        for (String line : commands.run(List.of("ip", "-o", "link", "show")).split("\n")) {
            Matcher m = LINK_LINE.matcher(line);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** The device's MTU, or 0 if it is not there. */
    int mtu(String name) {
        HostCommands.Result r = commands.runAllowingFailure(List.of("ip", "-o", "link", "show", "dev", name), null);
        if (r.exitCode() != 0) {
            return 0;
        }
        Matcher m = MTU.matcher(r.stdout());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** What a network's bridge is made of. */
    record Bridge(String name, String mac, boolean stp, int delaySeconds, int mtu, List<IpDef> ips,
            List<Route> routes) {
    }

    /** A static route of the network ({@code <route address prefix gateway metric>}). */
    record Route(boolean v6, String destination, String gateway, Integer metric) {
    }

    /**
     * Makes the bridge with its MAC address (fixed, so the bridge never takes a guest's), spanning tree and forward
     * delay, gives it its addresses, brings it up and adds the routes, in one {@code ip -batch} run. If any step
     * fails the bridge is deleted again.
     */
    void create(Bridge b) {
        StringBuilder batch = new StringBuilder();
        batch.append("link add ").append(b.name());
        if (b.mac() != null) {
            batch.append(" address ").append(b.mac());
        }
        if (b.mtu() > 0) {
            batch.append(" mtu ").append(b.mtu());
        }
        // iproute2 takes the forward delay in hundredths of a second; with spanning tree on, the kernel keeps it
        // at 2 s at least
        batch.append(" type bridge forward_delay ").append(b.delaySeconds() * 100).append(" stp_state ")
                .append(b.stp() ? 1 : 0).append('\n');
        for (IpDef ip : b.ips()) {
            if (ip.v6()) {
                // the bridge is the only holder of its own subnet's address: duplicate address detection would only
                // delay dnsmasq's binding to it
                batch.append("-6 addr add ").append(ip.cidr()).append(" dev ").append(b.name()).append(" nodad\n");
            } else {
                batch.append("addr add ").append(ip.cidr()).append(" broadcast ")
                        .append(ip.broadcast().getHostAddress()).append(" dev ").append(b.name()).append('\n');
            }
        }
        batch.append("link set dev ").append(b.name()).append(" up\n");
        for (Route r : b.routes()) {
            batch.append(r.v6() ? "-6 " : "").append("route add ").append(r.destination()).append(" via ")
                    .append(r.gateway());
            if (r.metric() != null) {
                batch.append(" metric ").append(r.metric());
            }
            batch.append('\n');
        }
        try {
            commands.run(List.of("ip", "-batch", "-"), batch.toString());
        } catch (RuntimeException e) {
            delete(b.name());
            throw e;
        }
    }

    /** Deletes a device; one that is not there is fine. */
    void delete(String name) {
        HostCommands.Result r = commands.runAllowingFailure(List.of("ip", "link", "del", "dev", name), null);
        if (r.exitCode() != 0 && exists(name)) {
            throw new org.virtlayer.api.VirtException(org.virtlayer.api.ErrorCode.INTERNAL_ERROR,
                    "internal error: cannot delete bridge " + name + ": " + r.stderr().strip());
        }
    }

    /** The destinations of the namespace's routes, e.g. {@code 192.168.1.0/24 dev eth0}, for collision checks. */
    List<String[]> routes(boolean v6) {
        List<String[]> out = new ArrayList<>();
        for (String line : commands.run(List.of("ip", v6 ? "-6" : "-4", "-o", "route", "show")).split("\n")) {
            String[] f = line.strip().split("\\s+");
            String dev = null;
            for (int i = 0; i + 1 < f.length; i++) {
                if (f[i].equals("dev")) {
                    dev = f[i + 1];
                }
            }
            if (f.length > 0 && !f[0].isEmpty()) {
                out.add(new String[] {f[0], dev});
            }
        }
        return out;
    }
}
