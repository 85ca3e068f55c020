package org.virtlayer.core.internal.connection;

import java.util.List;
import org.virtlayer.api.Connection;
import org.virtlayer.api.NodeDevice;
import org.virtlayer.spi.NodeDeviceRef;

/** A node device handle. */
final class NodeDeviceHandle implements NodeDevice {
    private final ConnectionImpl conn;
    private final NodeDeviceRef ref;

    NodeDeviceHandle(ConnectionImpl conn, NodeDeviceRef ref) {
        this.conn = conn;
        this.ref = ref;
    }

    @Override
    public Connection connection() {
        return conn;
    }

    @Override
    public String name() {
        return ref.name();
    }

    @Override
    public String parent() {
        return ref.parent();
    }

    @Override
    public List<String> capabilities() {
        return ref.capabilities();
    }

    @Override
    public String xml() {
        return conn.nodeDeviceXml(ref.name());
    }

    @Override
    public String toString() {
        return "NodeDevice[" + ref.name() + "]";
    }
}
