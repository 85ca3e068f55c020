package org.virtlayer.remote.protocol.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM files as libvirt and OpenSSL write them: certificates ({@code CERTIFICATE}) and unencrypted PKCS#8 keys
 * ({@code PRIVATE KEY}), EC or RSA. Read with the JDK alone, so that the remote driver needs no BouncyCastle.
 */
public final class Pem {
    private static final Pattern KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    /** A PEM file of ours is a few KiB; a much larger one is not ours. */
    public static final int MAX_PEM_CHARS = 1024 * 1024;

    private Pem() {
    }

    public static List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
        if (pem.length() > MAX_PEM_CHARS) {
            throw new GeneralSecurityException("PEM text longer than " + MAX_PEM_CHARS + " characters");
        }
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (var c : cf.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            out.add((X509Certificate) c);
        }
        if (out.isEmpty()) {
            throw new GeneralSecurityException("no certificate in the PEM text");
        }
        return out;
    }

    public static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        if (pem.length() > MAX_PEM_CHARS) {
            throw new GeneralSecurityException("PEM text longer than " + MAX_PEM_CHARS + " characters");
        }
        Matcher m = KEY.matcher(pem);
        if (!m.find()) {
            throw new GeneralSecurityException("no unencrypted PKCS#8 'PRIVATE KEY' in the PEM text (convert with"
                    + " 'openssl pkcs8 -topk8 -nocrypt')");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        GeneralSecurityException last = null;
        for (String alg : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("unsupported private key", last);
    }

    public static String certificate(X509Certificate cert) throws GeneralSecurityException {
        return block("CERTIFICATE", cert.getEncoded());
    }

    public static String privateKey(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded());
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The SHA-256 of the certificate's DER form, lower-case hex: how a client is named in the trust list. */
    public static String fingerprint(X509Certificate cert) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    }
}
