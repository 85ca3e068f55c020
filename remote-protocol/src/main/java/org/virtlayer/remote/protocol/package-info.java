/**
 * virtlayer's remote protocol: the JSON form of the model that a node's remote server speaks over HTTPS and the
 * remote driver calls. {@link org.virtlayer.remote.protocol.RemoteMethod} lists every call; requests are JSON objects
 * read by {@link org.virtlayer.remote.protocol.Args} under {@link org.virtlayer.remote.protocol.WireLimits};
 * failures are {@link org.virtlayer.remote.protocol.WireError}s carrying the original error code; events are
 * {@link org.virtlayer.remote.protocol.WireEvent} lines. docs/remote.md describes it for other languages.
 */
@Export
@Version("1.0.0")
package org.virtlayer.remote.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
