package org.virtlayer.remote.protocol.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** TLS 1.3 and nothing older, on both ends; keys and trust held in memory, never in a JVM-wide store. */
public final class Tls13 {
    public static final String PROTOCOL = "TLSv1.3";

    private Tls13() {
    }

    /** An SSL context whose sessions can only be TLS 1.3. */
    public static SSLContext context(KeyManager[] keys, TrustManager[] trust) throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance(PROTOCOL);
        ctx.init(keys, trust, null);
        return ctx;
    }

    /** Parameters allowing TLS 1.3 only, whatever the JVM's defaults. */
    public static SSLParameters parameters(SSLContext ctx) {
        SSLParameters p = ctx.getDefaultSSLParameters();
        p.setProtocols(new String[] {PROTOCOL});
        return p;
    }

    /** Key managers presenting one key and its certificate chain. */
    public static KeyManager[] keyManagers(PrivateKey key, X509Certificate... chain) throws GeneralSecurityException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = "in-memory".toCharArray();
            ks.setKeyEntry("key", key, pw, chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            return kmf.getKeyManagers();
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot build an in-memory key store", e);
        }
    }

    /** Trust managers accepting chains that end at one of these CA certificates (PKIX, with expiry checks). */
    public static TrustManager[] trustManagers(List<X509Certificate> cas) throws GeneralSecurityException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (X509Certificate c : cas) {
                ks.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(ks);
            return tmf.getTrustManagers();
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot build an in-memory trust store", e);
        }
    }
}
