package org.virtlayer.remote.server.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.virtlayer.remote.protocol.tls.Pem;

/**
 * The node's own small PKI, made on first start in the PKI folder: a CA ({@code ca-cert.pem}, {@code ca-key.pem}) and
 * a server certificate it signs ({@code server-cert.pem}, {@code server-key.pem}) for the node's names and addresses.
 * Keys are EC P-256 (fast to make, TLS 1.3's first choice). BouncyCastle only builds certificates; signing and
 * parsing stay with the JDK's providers, so BouncyCastle is never registered as a JVM-wide provider.
 */
final class NodePki {
    static final String CA_CERT = "ca-cert.pem";
    static final String CA_KEY = "ca-key.pem";
    static final String SERVER_CERT = "server-cert.pem";
    static final String SERVER_KEY = "server-key.pem";
    private static final Duration CA_LIFE = Duration.ofDays(3650);
    private static final Duration LEAF_LIFE = Duration.ofDays(825);
    /** A server certificate this close to expiry is replaced at start. */
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private final Path dir;
    private final X509Certificate caCert;
    private final PrivateKey caKey;
    private final X509Certificate serverCert;
    private final PrivateKey serverKey;
    private final SecureRandom random = new SecureRandom();

    private NodePki(Path dir, X509Certificate caCert, PrivateKey caKey, X509Certificate serverCert,
            PrivateKey serverKey) {
        this.dir = dir;
        this.caCert = caCert;
        this.caKey = caKey;
        this.serverCert = serverCert;
        this.serverKey = serverKey;
    }

    /**
     * Loads the PKI folder, making what is missing: the CA once for the node's life, the server certificate whenever
     * it is missing, near expiry, or lacks one of {@code names} (host names or IP addresses).
     */
    static NodePki loadOrCreate(Path dir, Collection<String> names) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        X509Certificate caCert;
        PrivateKey caKey;
        if (Files.exists(dir.resolve(CA_CERT)) && Files.exists(dir.resolve(CA_KEY))) {
            caCert = Pem.certificates(read(dir.resolve(CA_CERT))).get(0);
            caKey = Pem.privateKey(read(dir.resolve(CA_KEY)));
        } else {
            KeyPair kp = newKeyPair();
            String host = localHostName();
            X500Name name = name("virtlayer node CA (" + host + ")");
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(new SecureRandom()),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(CA_LIFE)), name, kp.getPublic());
            JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(kp.getPublic()));
            caCert = sign(b, kp.getPrivate());
            caKey = kp.getPrivate();
            // the key first: a CA certificate without its key would be useless at the next start
            PrivateFiles.write(dir.resolve(CA_KEY), Pem.privateKey(caKey));
            PrivateFiles.write(dir.resolve(CA_CERT), Pem.certificate(caCert));
        }
        X509Certificate serverCert = null;
        PrivateKey serverKey = null;
        if (Files.exists(dir.resolve(SERVER_CERT)) && Files.exists(dir.resolve(SERVER_KEY))) {
            serverCert = Pem.certificates(read(dir.resolve(SERVER_CERT))).get(0);
            serverKey = Pem.privateKey(read(dir.resolve(SERVER_KEY)));
            if (!usable(serverCert, caCert, names)) {
                serverCert = null;
            }
        }
        NodePki pki = new NodePki(dir, caCert, caKey, serverCert, serverKey);
        if (serverCert == null) {
            KeyPair kp = newKeyPair();
            X509Certificate cert = pki.issue(name(localHostName()), kp.getPublic(), KeyPurposeId.id_kp_serverAuth,
                    subjectAltNames(names));
            PrivateFiles.write(dir.resolve(SERVER_KEY), Pem.privateKey(kp.getPrivate()));
            PrivateFiles.write(dir.resolve(SERVER_CERT), Pem.certificate(cert));
            pki = new NodePki(dir, caCert, caKey, cert, kp.getPrivate());
        }
        return pki;
    }

    Path directory() {
        return dir;
    }

    X509Certificate caCertificate() {
        return caCert;
    }

    X509Certificate serverCertificate() {
        return serverCert;
    }

    PrivateKey serverKey() {
        return serverKey;
    }

    /** A new client key and a certificate for it, signed by the node's CA, for TLS client authentication. */
    IssuedClient issueClient(String clientName) throws GeneralSecurityException {
        KeyPair kp = newKeyPair();
        X509Certificate cert = issue(name(clientName), kp.getPublic(), KeyPurposeId.id_kp_clientAuth, null);
        return new IssuedClient(cert, kp.getPrivate());
    }

    record IssuedClient(X509Certificate certificate, PrivateKey key) {
    }

    private X509Certificate issue(X500Name subject, PublicKey key, KeyPurposeId purpose, GeneralNames altNames)
            throws GeneralSecurityException {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCert, serial(random),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(LEAF_LIFE)), subject, key);
        try {
            JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(key));
            b.addExtension(Extension.authorityKeyIdentifier, false, u.createAuthorityKeyIdentifier(caCert));
            if (altNames != null) {
                b.addExtension(Extension.subjectAlternativeName, false, altNames);
            }
        } catch (CertIOException e) {
            throw new GeneralSecurityException("cannot build a certificate extension", e);
        }
        return sign(b, caKey);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign a certificate", e);
        }
    }

    private static boolean usable(X509Certificate cert, X509Certificate ca, Collection<String> names)
            throws CertificateParsingException {
        try {
            cert.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            return false;
        }
        if (cert.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE))) {
            return false;
        }
        Set<String> have = new HashSet<>();
        Collection<List<?>> sans = cert.getSubjectAlternativeNames();
        if (sans != null) {
            for (List<?> san : sans) {
                have.add(String.valueOf(san.get(1)).toLowerCase(java.util.Locale.ROOT));
            }
        }
        for (String n : names) {
            if (!have.contains(canonical(n))) {
                return false;
            }
        }
        return true;
    }

    private static String canonical(String n) {
        String t = n.toLowerCase(java.util.Locale.ROOT);
        if (isIp(t)) {
            try {
                return InetAddress.getByName(t).getHostAddress().toLowerCase(java.util.Locale.ROOT);
            } catch (IOException e) {
                return t;
            }
        }
        return t;
    }

    private static GeneralNames subjectAltNames(Collection<String> names) {
        List<GeneralName> out = new ArrayList<>();
        for (String n : new LinkedHashSet<>(names)) {
            out.add(isIp(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
        }
        return new GeneralNames(out.toArray(new GeneralName[0]));
    }

    private static boolean isIp(String n) {
        return n.matches("[0-9.]+") || n.contains(":");
    }

    /** The names the server certificate always covers, besides the configured ones. */
    static Set<String> defaultNames(String bindAddress) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        names.add(localHostName());
        if (bindAddress != null && !bindAddress.isBlank() && !bindAddress.equals("0.0.0.0")
                && !bindAddress.equals("::")) {
            names.add(bindAddress);
        }
        return names;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static X500Name name(String cn) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "virtlayer").addRDN(BCStyle.CN, cn).build();
    }

    private static BigInteger serial(SecureRandom r) {
        return new BigInteger(127, r).add(BigInteger.ONE);
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static String read(Path p) throws IOException {
        if (Files.size(p) > Pem.MAX_PEM_CHARS) {
            throw new IOException(p + " is too large for a PEM file");
        }
        return Files.readString(p, StandardCharsets.US_ASCII);
    }
}
