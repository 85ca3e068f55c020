package org.virtlayer.shell.internal.node;

import java.util.List;
import org.virtlayer.api.Connection;
import org.virtlayer.api.NodeDevice;
import org.virtlayer.api.VirtException;
import org.virtlayer.shell.internal.Attempt;
import org.virtlayer.shell.internal.CommandFailure;

/** virsh's {@code nodedev-list} and {@code nodedev-dumpxml}. */
public final class NodeDeviceQueries {
    private final Connection conn;

    public NodeDeviceQueries(Connection conn) {
        this.conn = conn;
    }

    /** Device names sorted, one a line; {@code capability} null for every device. */
    public String list(String capability) {
        List<NodeDevice> devices = Attempt.get("Failed to list node devices", () -> conn.listNodeDevices(capability));
        StringBuilder out = new StringBuilder();
        devices.stream().map(NodeDevice::name).sorted().forEach(n -> out.append(n).append('\n'));
        return out.toString();
    }

    public String dumpxml(String name) {
        NodeDevice d;
        try {
            d = conn.lookupNodeDeviceByName(name);
        } catch (VirtException e) {
            throw new CommandFailure("Could not find matching device '" + name + "'", e);
        }
        return Attempt.get("failed to get XML of node device '" + name + "'", d::xml);
    }
}
