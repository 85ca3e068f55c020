package org.virtlayer.driver.test.internal;

import java.util.ArrayList;
import java.util.List;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.spi.NodeDeviceRef;
import org.virtlayer.spi.NodeDeviceService;

/** The node devices of a test node, as its node file lists them. */
final class TestNodeDevices implements NodeDeviceService {
    private final TestNode node;

    TestNodeDevices(TestNode node) {
        this.node = node;
    }

    @Override
    public List<NodeDeviceRef> listNodeDevices(String capability) {
        synchronized (node) {
            List<NodeDeviceRef> out = new ArrayList<>();
            for (TestNode.Device d : node.devices) {
                if (capability == null || d.capabilities().contains(capability)) {
                    out.add(new NodeDeviceRef(d.name(), d.parent(), d.capabilities()));
                }
            }
            return out;
        }
    }

    private TestNode.Device find(String name) {
        for (TestNode.Device d : node.devices) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        throw new VirtException(ErrorCode.NO_NODE_DEVICE, "Node device not found: no node device with matching"
                + " name '" + name + "'");
    }

    @Override
    public NodeDeviceRef lookupNodeDevice(String name) {
        synchronized (node) {
            TestNode.Device d = find(name);
            return new NodeDeviceRef(d.name(), d.parent(), d.capabilities());
        }
    }

    @Override
    public String nodeDeviceXml(String name) {
        synchronized (node) {
            return find(name).xml();
        }
    }
}
