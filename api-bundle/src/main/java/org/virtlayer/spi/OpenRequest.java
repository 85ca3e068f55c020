package org.virtlayer.spi;

import org.virtlayer.api.ConnectUri;

/** What the caller asked for when opening a connection. The core enforces read-only itself; it is passed on so that a
 * driver reaching a remote node can open that node read-only too. */
public record OpenRequest(ConnectUri uri, boolean readOnly) {
}
