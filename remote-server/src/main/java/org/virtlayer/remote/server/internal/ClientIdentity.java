package org.virtlayer.remote.server.internal;

import org.virtlayer.remote.server.Role;

/** Who is calling: the pinned fingerprint of the certificate the TLS handshake accepted, its name and role. */
record ClientIdentity(String fingerprint, String name, Role role) {
}
