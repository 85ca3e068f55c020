package org.virtlayer.core.internal.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.spi.StateStore;

/** A {@link StateStore} on two folders: persistent and runtime. */
final class FileStateStore implements StateStore {
    private final Path dir;
    private final Path runDir;

    FileStateStore(Path dir, Path runDir) {
        this.dir = dir;
        this.runDir = runDir;
    }

    @Override
    public Path directory() {
        return ensure(dir);
    }

    @Override
    public Path runtimeDirectory() {
        return ensure(runDir);
    }

    private static Path ensure(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot create folder " + p + ": " + e.getMessage(), e);
        }
    }

    /** Resolves a name inside a room, refusing one that would leave it. */
    static Path inside(Path room, String name) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
            throw VirtException.invalidArg("invalid state file name");
        }
        Path p = room.resolve(name).normalize();
        if (!p.startsWith(room.normalize()) || p.equals(room.normalize())) {
            throw VirtException.invalidArg("state file name '" + name + "' leaves its folder");
        }
        return p;
    }

    @Override
    public void write(String name, String content) {
        write(directory(), name, content);
    }

    @Override
    public void writeRuntime(String name, String content) {
        write(runtimeDirectory(), name, content);
    }

    private static void write(Path room, String name, String content) {
        Path p = inside(room, name);
        try {
            AtomicFiles.write(p, content);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.WRITE_FAILED, "cannot write " + p + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> read(String name) {
        return read(dir, name);
    }

    @Override
    public Optional<String> readRuntime(String name) {
        return read(runDir, name);
    }

    private static Optional<String> read(Path room, String name) {
        Path p = inside(room, name);
        try {
            return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new VirtException(ErrorCode.READ_FAILED, "cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String name) {
        Path p = inside(dir, name);
        try {
            if (Files.deleteIfExists(p)) {
                AtomicFiles.syncDirectory(p.getParent());
            }
        } catch (IOException e) {
            throw new VirtException(ErrorCode.WRITE_FAILED, "cannot delete " + p + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void deleteRuntime(String name) {
        Path p = inside(runDir, name);
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new VirtException(ErrorCode.WRITE_FAILED, "cannot delete " + p + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> list(String folder, String suffix) {
        return list(dir, folder, suffix);
    }

    @Override
    public List<String> listRuntime(String folder, String suffix) {
        return list(runDir, folder, suffix);
    }

    private static List<String> list(Path room, String folder, String suffix) {
        Path d = folder == null || folder.isEmpty() ? room : inside(room, folder);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(suffix) && !n.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new VirtException(ErrorCode.READ_FAILED, "cannot list " + d + ": " + e.getMessage(), e);
        }
    }
}
