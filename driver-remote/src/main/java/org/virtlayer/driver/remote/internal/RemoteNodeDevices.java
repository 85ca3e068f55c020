package org.virtlayer.driver.remote.internal;

import static org.virtlayer.driver.remote.internal.NodeLink.args;
import static org.virtlayer.remote.protocol.RemoteMethod.*;

import java.util.List;
import org.virtlayer.spi.NodeDeviceRef;
import org.virtlayer.spi.NodeDeviceService;

/** The remote node's devices. */
final class RemoteNodeDevices implements NodeDeviceService {
    private final NodeLink link;

    RemoteNodeDevices(NodeLink link) {
        this.link = link;
    }

    @Override
    public List<NodeDeviceRef> listNodeDevices(String capability) {
        return link.call(NODEDEV_LIST, args("capability", capability), Types.listOf(NodeDeviceRef.class));
    }

    @Override
    public NodeDeviceRef lookupNodeDevice(String name) {
        return link.call(NODEDEV_LOOKUP, args("name", name), NodeDeviceRef.class);
    }

    @Override
    public String nodeDeviceXml(String name) {
        return link.call(NODEDEV_XML, args("name", name), String.class);
    }
}
