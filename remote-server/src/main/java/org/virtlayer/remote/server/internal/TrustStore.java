package org.virtlayer.remote.server.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.virtlayer.remote.protocol.WireJson;
import org.virtlayer.remote.server.Role;
import org.virtlayer.remote.server.TrustedClient;

/**
 * The clients this node trusts, pinned by certificate fingerprint, kept in {@code clients.json} in the PKI folder.
 * Pinning (rather than "any certificate of our CA") means revoking is removing a line, and a client may bring a
 * certificate of its own making.
 */
final class TrustStore {
    static final String FILE = "clients.json";

    private final Path file;
    private final Map<String, TrustedClient> byFingerprint = new ConcurrentHashMap<>();

    TrustStore(Path pkiDir) throws IOException {
        this.file = pkiDir.resolve(FILE);
        if (Files.exists(file)) {
            byte[] bytes = Files.readAllBytes(file);
            List<Stored> list = WireJson.mapper().readValue(bytes, new TypeReference<List<Stored>>() {
            });
            for (Stored s : list) {
                byFingerprint.put(s.fingerprint(), s.toClient());
            }
        }
    }

    Optional<TrustedClient> byFingerprint(String fingerprint) {
        return Optional.ofNullable(byFingerprint.get(fingerprint));
    }

    synchronized void add(TrustedClient c) throws IOException {
        for (TrustedClient other : byFingerprint.values()) {
            if (other.name().equals(c.name()) && !other.fingerprint().equals(c.fingerprint())) {
                throw new IllegalArgumentException("a client named '" + c.name() + "' is already trusted");
            }
        }
        byFingerprint.put(c.fingerprint(), c);
        save();
    }

    /** Removes the client with this name or fingerprint; the removed one, if any. */
    synchronized Optional<TrustedClient> remove(String nameOrFingerprint) throws IOException {
        for (TrustedClient c : byFingerprint.values()) {
            if (c.fingerprint().equalsIgnoreCase(nameOrFingerprint) || c.name().equals(nameOrFingerprint)) {
                byFingerprint.remove(c.fingerprint());
                save();
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    List<TrustedClient> all() {
        List<TrustedClient> out = new ArrayList<>(byFingerprint.values());
        out.sort(Comparator.comparing(TrustedClient::name));
        return out;
    }

    private void save() throws IOException {
        List<Stored> out = all().stream().map(Stored::of).toList();
        PrivateFiles.write(file, new String(WireJson.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(out), StandardCharsets.UTF_8));
    }

    /** One line of the file; the expiry as epoch seconds, since the protocol's mapper has no java.time module. */
    record Stored(String fingerprint, String name, Role role, String subject, long notAfterEpochSeconds) {
        static Stored of(TrustedClient c) {
            return new Stored(c.fingerprint(), c.name(), c.role(), c.subject(), c.notAfter().getEpochSecond());
        }

        TrustedClient toClient() {
            return new TrustedClient(fingerprint, name, role, subject, Instant.ofEpochSecond(notAfterEpochSeconds));
        }
    }
}
