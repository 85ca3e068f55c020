package org.virtlayer.driver.remote.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.remote.protocol.tls.Pem;
import org.virtlayer.remote.protocol.tls.Tls13;

/**
 * The client's TLS: its key and certificate and the node's CA, read from a PKI folder with libvirt's file names
 * ({@code cacert.pem}, {@code clientcert.pem}, {@code clientkey.pem}). The server must present a certificate of that
 * CA naming the host the URI names (host-name checking as HTTPS does it); only TLS 1.3 is offered.
 */
final class ClientTls {
    static final String CA = "cacert.pem";
    static final String CERT = "clientcert.pem";
    static final String KEY = "clientkey.pem";

    private final SSLContext context;
    private final Path folder;

    private ClientTls(SSLContext context, Path folder) {
        this.context = context;
        this.folder = folder;
    }

    /** @throws VirtException AUTH_FAILED naming the folder and the file that is missing or unreadable */
    static ClientTls load(Path folder) {
        try {
            List<X509Certificate> cas = Pem.certificates(read(folder, CA));
            List<X509Certificate> chain = Pem.certificates(read(folder, CERT));
            PrivateKey key = Pem.privateKey(read(folder, KEY));
            SSLContext ctx = Tls13.context(Tls13.keyManagers(key, chain.toArray(new X509Certificate[0])),
                    Tls13.trustManagers(cas));
            return new ClientTls(ctx, folder);
        } catch (GeneralSecurityException e) {
            throw new VirtException(ErrorCode.AUTH_FAILED, "authentication failed: the client PKI in " + folder
                    + " is unusable: " + e.getMessage());
        }
    }

    private static String read(Path folder, String name) {
        Path p = folder.resolve(name);
        try {
            if (Files.size(p) > Pem.MAX_PEM_CHARS) {
                throw new VirtException(ErrorCode.AUTH_FAILED, "authentication failed: " + p + " is too large");
            }
            return Files.readString(p, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.AUTH_FAILED, "authentication failed: cannot read " + p + " ("
                    + e.getClass().getSimpleName() + "); the remote driver needs " + CA + ", " + CERT + " and " + KEY
                    + " there (set 'pkipath' in the URI or pkiPath in org.virtlayer.driver.remote)");
        }
    }

    SSLContext context() {
        return context;
    }

    /** TLS 1.3 only, and the server's certificate must name the host we dialled. */
    SSLParameters parameters() {
        SSLParameters p = Tls13.parameters(context);
        p.setEndpointIdentificationAlgorithm("HTTPS");
        return p;
    }

    Path folder() {
        return folder;
    }
}
