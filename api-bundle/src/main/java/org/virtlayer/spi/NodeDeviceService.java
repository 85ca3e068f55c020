package org.virtlayer.spi;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/** Devices of the node, libvirt's {@code virNodeDeviceDriver}. */
@ConsumerType
public interface NodeDeviceService {
    /** Devices with the capability, or all when it is null. */
    List<NodeDeviceRef> listNodeDevices(String capability);

    NodeDeviceRef lookupNodeDevice(String name);

    String nodeDeviceXml(String name);
}
