package org.virtlayer.shell.internal;

import java.util.List;
import org.virtlayer.api.Connection;
import org.virtlayer.api.DriverInfo;

/**
 * What the virt: commands share: the configured default URI, the connections they work on and the installed drivers.
 * A connection is opened on first use and kept for every console session, so that what one command changes the
 * next one sees (libvirt's test driver, for one, keeps its node in the connection); one whose driver left is opened
 * again on next use.
 */
public interface VirtConsole {
    /** The URI commands use when neither {@code -c} nor {@code virt:connect} chose one (PID org.virtlayer.shell). */
    String defaultUri();

    /**
     * The open connection to {@code uri}, opened now if there is none or the one there is no longer alive.
     *
     * @throws CommandFailure naming the URI when it cannot be opened
     */
    Connection connection(String uri);

    /** URIs worth offering for completion: the default, the ones open now and one per installed driver. */
    List<String> knownUris();

    List<DriverInfo> drivers();

    /** virtlayer's version as the console reports it, e.g. {@code 0.1.0}. */
    String version();
}
