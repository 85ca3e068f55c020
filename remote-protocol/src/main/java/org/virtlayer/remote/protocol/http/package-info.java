/**
 * HTTP/1.1 framing as the remote server and driver use it: bounded heads, fixed-length and chunked bodies. Small on
 * purpose: every length is bounded before anything is allocated.
 */
@Export
@Version("1.0.0")
package org.virtlayer.remote.protocol.http;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
