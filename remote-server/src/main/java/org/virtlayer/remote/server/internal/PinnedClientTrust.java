package org.virtlayer.remote.server.internal;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.virtlayer.remote.protocol.tls.Pem;

/**
 * Decides during the TLS handshake whether a client may connect: its certificate must be in the trust list and valid
 * today. A client without a certificate never gets here: the server requires one. No issuers are advertised, so a
 * client may present a certificate of any issuer; only the pin counts.
 */
final class PinnedClientTrust extends X509ExtendedTrustManager {
    private final TrustStore trust;

    PinnedClientTrust(TrustStore trust) {
        this.trust = trust;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no client certificate");
        }
        chain[0].checkValidity();
        String fp;
        try {
            fp = Pem.fingerprint(chain[0]);
        } catch (GeneralSecurityException e) {
            throw new CertificateException("cannot fingerprint the client certificate", e);
        }
        if (trust.byFingerprint(fp).isEmpty()) {
            throw new CertificateException("client certificate " + fp + " is not trusted by this node");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a server does not check servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("a server does not check servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a server does not check servers");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
