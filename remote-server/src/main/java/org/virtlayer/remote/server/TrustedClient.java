package org.virtlayer.remote.server;

import java.time.Instant;

/**
 * A client certificate the node trusts, pinned by its SHA-256 fingerprint (hex), with the role it grants.
 *
 * @param name a label chosen when it was issued or trusted, unique on the node
 * @param subject the certificate's subject, for display
 * @param notAfter when the certificate expires; the node refuses it after that
 */
public record TrustedClient(String fingerprint, String name, Role role, String subject, Instant notAfter) {
}
