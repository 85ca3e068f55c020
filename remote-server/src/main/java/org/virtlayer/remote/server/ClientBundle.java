package org.virtlayer.remote.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * What a client needs to reach the node: its key and certificate, and the node's CA certificate to check the
 * server. {@link #writeTo} lays them out under libvirt's names, the folder the remote driver's {@code pkipath} names.
 */
public record ClientBundle(String name, Role role, String fingerprint, String caCertificatePem,
        String certificatePem, String privateKeyPem) {

    public static final String CA_CERT_FILE = "cacert.pem";
    public static final String CLIENT_CERT_FILE = "clientcert.pem";
    public static final String CLIENT_KEY_FILE = "clientkey.pem";

    /** Writes {@code cacert.pem}, {@code clientcert.pem} and {@code clientkey.pem} (owner-only) into the folder. */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(CA_CERT_FILE), caCertificatePem, StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(CLIENT_CERT_FILE), certificatePem, StandardCharsets.US_ASCII);
        Path key = dir.resolve(CLIENT_KEY_FILE);
        Files.deleteIfExists(key);
        try {
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(key);
        }
        Files.writeString(key, privateKeyPem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Override
    public String toString() {
        // never print the key
        return "ClientBundle[" + name + ", " + role + ", " + fingerprint + "]";
    }
}
