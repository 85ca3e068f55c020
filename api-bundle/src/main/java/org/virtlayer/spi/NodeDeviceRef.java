package org.virtlayer.spi;

import java.util.List;

/** One device of the node: its name, its parent's (null for the root) and its capability names. */
public record NodeDeviceRef(String name, String parent, List<String> capabilities) {
}
