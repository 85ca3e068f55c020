package org.virtlayer.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** A handle on one device of the node, libvirt's {@code virNodeDevicePtr}. */
@ProviderType
public interface NodeDevice {
    Connection connection();

    String name();

    /** The parent device's name, or null for the root ({@code computer}). */
    String parent();

    /** Capability names: {@code system}, {@code net}, {@code pci}, ... */
    List<String> capabilities();

    String xml();
}
