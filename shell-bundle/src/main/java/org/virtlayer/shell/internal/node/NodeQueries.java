package org.virtlayer.shell.internal.node;

import java.util.List;
import org.virtlayer.api.Connection;
import org.virtlayer.api.NodeInfo;
import org.virtlayer.shell.internal.Attempt;
import org.virtlayer.shell.internal.CommandFailure;
import org.virtlayer.shell.internal.format.KeyValueBlock;

/** What virsh prints about the connection and its node: uri, hostname, version, nodeinfo, capabilities, freecell. */
public final class NodeQueries {
    private final Connection conn;

    public NodeQueries(Connection conn) {
        this.conn = conn;
    }

    public String uri() {
        return conn.uri();
    }

    public String hostname() {
        return Attempt.get("failed to get hostname", conn::hostname);
    }

    /** @param consoleVersion the shell's own version, what virsh calls "compiled against" */
    public String version(String consoleVersion) {
        String type = Attempt.get("failed to get hypervisor type", conn::hypervisorType);
        String library = decode(Attempt.get("failed to get the library version", conn::libraryVersion));
        String hypervisor = decode(Attempt.get("failed to get the hypervisor version", conn::hypervisorVersion));
        return "Compiled against library: virtlayer " + consoleVersion + "\n"
                + "Using library: virtlayer " + library + "\n"
                + "Using API: " + type + " " + library + "\n"
                + "Running hypervisor: " + type + " " + hypervisor + "\n";
    }

    /** libvirt's version encoding: major * 1,000,000 + minor * 1,000 + release. */
    static String decode(long v) {
        return (v / 1_000_000) + "." + (v / 1_000 % 1_000) + "." + (v % 1_000);
    }

    public String nodeinfo() {
        NodeInfo n = Attempt.get("failed to get node information", conn::nodeInfo);
        return new KeyValueBlock(20)
                .add("CPU model:", n.model())
                .add("CPU(s):", n.cpus())
                .add("CPU frequency:", n.mhz() + " MHz")
                .add("CPU socket(s):", n.sockets())
                .add("Core(s) per socket:", n.cores())
                .add("Thread(s) per core:", n.threads())
                .add("NUMA cell(s):", n.numaCells())
                .add("Memory size:", n.memoryKiB() + " KiB")
                .toString();
    }

    public String capabilities() {
        return Attempt.get("failed to get capabilities", conn::capabilities);
    }

    /**
     * virsh's {@code freecell}: the node's free memory, one cell's ({@code cell} not null) or every cell's and their
     * total ({@code all}).
     */
    public String freecell(Integer cell, boolean all) {
        if (cell != null && all) {
            throw new CommandFailure("Options --cellno and --all are mutually exclusive");
        }
        if (!all && cell == null) {
            long free = Attempt.get("failed to get free memory", conn::freeMemory);
            return "Total: " + free / 1024 + " KiB\n";
        }
        List<Long> cells = Attempt.get("failed to get free memory of the NUMA cells", conn::cellsFreeMemory);
        if (cell != null) {
            if (cell < 0 || cell >= cells.size()) {
                throw new CommandFailure("invalid cell number " + cell + ": the node has cells 0 to "
                        + (cells.size() - 1));
            }
            return cell + ": " + cells.get(cell) / 1024 + " KiB\n";
        }
        StringBuilder out = new StringBuilder();
        long total = 0;
        for (int i = 0; i < cells.size(); i++) {
            out.append(String.format("%5d: %10d KiB\n", i, cells.get(i) / 1024));
            total += cells.get(i) / 1024;
        }
        out.append("--------------------\n");
        out.append(String.format("%5s: %10d KiB\n", "Total", total));
        return out.toString();
    }
}
