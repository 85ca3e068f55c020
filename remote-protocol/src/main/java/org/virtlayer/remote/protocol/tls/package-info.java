/** TLS 1.3 settings and PEM files shared by the remote server and the remote driver (JDK only, no BouncyCastle). */
@Export
@Version("1.0.0")
package org.virtlayer.remote.protocol.tls;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
