package org.virtlayer.shell.internal;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the XML files commands are given, relative to the session's directory, with virsh's size limit. */
public final class XmlFiles {
    /** virsh refuses files over 10 MiB: a definition is never that large, and the whole file is held in memory. */
    static final long MAX_BYTES = 10L * 1024 * 1024;

    private final Path base;

    public XmlFiles(Path base) {
        this.base = base;
    }

    public String read(String file) {
        Path path;
        try {
            path = base.resolve(file);
        } catch (RuntimeException e) {
            throw new CommandFailure("Failed to open file '" + file + "': not a valid path");
        }
        try {
            if (Files.isDirectory(path)) {
                throw new CommandFailure("Failed to open file '" + file + "': Is a directory");
            }
            if (Files.size(path) > MAX_BYTES) {
                throw new CommandFailure("Failed to read file '" + file + "' to buffer: larger than "
                        + MAX_BYTES + " bytes");
            }
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new CommandFailure("Failed to open file '" + file + "': No such file or directory");
        } catch (CharacterCodingException e) {
            throw new CommandFailure("Failed to read file '" + file + "': not UTF-8 text");
        } catch (IOException | SecurityException e) {
            throw new CommandFailure("Failed to open file '" + file + "': " + e.getMessage());
        }
    }
}
