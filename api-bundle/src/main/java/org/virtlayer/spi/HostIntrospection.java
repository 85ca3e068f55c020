package org.virtlayer.spi;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.virtlayer.api.NodeInfo;

/**
 * The core's view of this machine, read from /proc and /sys, for drivers that manage the local node: processors,
 * NUMA cells and memory, and the {@code <host>} part of a libvirt capabilities document.
 */
@ProviderType
public interface HostIntrospection {
    String hostname();

    NodeInfo nodeInfo();

    /** Free memory in bytes. */
    long freeMemory();

    /** Free memory of each NUMA cell in bytes, cell 0 first. */
    List<Long> cellsFreeMemory();

    /** The machine's architecture as libvirt names it: {@code x86_64}, {@code aarch64}. */
    String arch();

    /** The {@code <host>...</host>} element of a capabilities document, indented by two spaces as libvirt's. */
    String hostCapabilitiesXml();
}
