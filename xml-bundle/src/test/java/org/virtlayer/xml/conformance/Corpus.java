package org.virtlayer.xml.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where libvirt's test data is: the folder named by {@code VIRTLAYER_CORPUS} when set, otherwise
 * {@code ../shared/corpus/libvirt-9.0.0} beside the repository. Only the default corpus is held to the committed
 * floors: another folder of the same layout is merely reported on.
 */
public record Corpus(Path root, boolean isDefault) {
    public static final String ENV = "VIRTLAYER_CORPUS";

    /** The corpus to use for this run. */
    public static Corpus locate() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return new Corpus(Path.of(env).toAbsolutePath().normalize(), false);
        }
        return new Corpus(defaultRoot(), true);
    }

    /**
     * The default corpus, found from the repository root: the parent of the module folder (surefire runs tests with
     * the module folder as working directory; the {@code virtlayer.repoRoot} property, set by the pom, says it
     * explicitly).
     */
    public static Path defaultRoot() {
        String prop = System.getProperty("virtlayer.repoRoot");
        Path repo = prop != null && !prop.isBlank() ? Path.of(prop) : repoRootFrom(Path.of("").toAbsolutePath());
        return repo.toAbsolutePath().normalize().resolveSibling("shared").resolve("corpus").resolve("libvirt-9.0.0");
    }

    private static Path repoRootFrom(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("xml-bundle")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        // not inside the repository: assume the working directory is a module folder
        return dir.getParent();
    }

    public Path dir(String name) {
        return root.resolve(name);
    }

    public String read(String folder, String file) {
        try {
            return Files.readString(root.resolve(folder).resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean exists(String folder, String file) {
        return Files.isRegularFile(root.resolve(folder).resolve(file));
    }
}
