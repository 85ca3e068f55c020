/**
 * The remote server's console-facing service: {@link org.virtlayer.remote.server.RemoteAccessAdmin} issues client
 * certificates, trusts given ones with a {@link org.virtlayer.remote.server.Role}, lists and revokes them. Console
 * commands and JMX call it; they hold no logic of their own.
 */
@Export
@Version("1.0.0")
package org.virtlayer.remote.server;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
