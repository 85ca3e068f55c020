package org.virtlayer.remote.server;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Who may reach this node remotely, as an OSGi service for the console and JMX. Console commands that should call
 * it: {@code virt:remote-issue NAME --role read-only|admin --out DIR} ({@link #issueClientCertificate} then
 * {@link ClientBundle#writeTo}), {@code virt:remote-trust FILE --name NAME --role ...}
 * ({@link #trustClientCertificate}), {@code virt:remote-list} ({@link #trustedClients}), {@code virt:remote-revoke
 * NAME|FINGERPRINT} ({@link #revoke}), {@code virt:remote-ca} ({@link #caCertificatePem}) and
 * {@code virt:remote-status} ({@link #status}).
 */
@ProviderType
public interface RemoteAccessAdmin {
    /**
     * Makes a new key and a client certificate signed by the node's CA, and trusts it with the role.
     *
     * @throws IllegalArgumentException if the name is empty, too long or already used
     */
    ClientBundle issueClientCertificate(String name, Role role);

    /**
     * Trusts a certificate the client made itself (any issuer: trust is by fingerprint), with the role.
     *
     * @param pem the client's certificate in PEM form (the first one is used)
     * @throws IllegalArgumentException if it is not a valid, unexpired certificate or the name is taken
     */
    TrustedClient trustClientCertificate(String pem, String name, Role role);

    List<TrustedClient> trustedClients();

    /**
     * Stops trusting a client, named by its name or fingerprint; its open sessions and connections end at once.
     *
     * @return false if no such client was trusted
     */
    boolean revoke(String nameOrFingerprint);

    /** The node's CA certificate, which clients install as their {@code cacert.pem}. */
    String caCertificatePem();

    RemoteServerStatus status();
}
