package org.virtlayer.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A driver's room on disk, given by the core so that every definition is written the same safe way: to a temporary
 * file, flushed to the disk, renamed over the old one, the folder flushed too. A crash leaves the old content or the
 * new, never a mix. Names are relative paths inside the room; a name that would leave it is refused.
 */
@ProviderType
public interface StateStore {
    /** Where persistent state lives (definitions, autostart marks); created if missing. */
    Path directory();

    /** Where runtime state lives (pid files, sockets, live XML); created if missing, may be cleared on reboot. */
    Path runtimeDirectory();

    /** Writes a file under {@link #directory()} atomically. */
    void write(String name, String content);

    /** Writes a file under {@link #runtimeDirectory()} atomically. */
    void writeRuntime(String name, String content);

    Optional<String> read(String name);

    Optional<String> readRuntime(String name);

    /** Removes a file under {@link #directory()}; absent is fine. */
    void delete(String name);

    /** Removes a file or folder (recursively) under {@link #runtimeDirectory()}; absent is fine. */
    void deleteRuntime(String name);

    /** Names of the files directly in a sub-folder of {@link #directory()} ending with the suffix, sorted. */
    List<String> list(String folder, String suffix);

    /** Names of the files directly in a sub-folder of {@link #runtimeDirectory()} ending with the suffix, sorted. */
    List<String> listRuntime(String folder, String suffix);
}
