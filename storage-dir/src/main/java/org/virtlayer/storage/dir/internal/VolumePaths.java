package org.virtlayer.storage.dir.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/**
 * Keeps volumes inside their pool's folder (libvirt CVE-2015-5313: a volume name with {@code ../} or {@code /}
 * created files anywhere on the host). A volume is a plain file directly in the pool folder: its name is one path
 * element, and a symbolic link is never a volume, so no name and no link can lead out of the pool.
 */
final class VolumePaths {
    private VolumePaths() {
    }

    /**
     * Refuses any name that is not a single, ordinary path element.
     *
     * @throws VirtException INVALID_ARG naming what is wrong with it
     */
    static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw VirtException.invalidArg("volume name must not be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw VirtException.invalidArg("volume name must not contain a NUL character");
        }
        if (name.indexOf('/') >= 0) {
            throw VirtException.invalidArg("volume name '" + name + "' cannot contain '/'");
        }
        if (name.equals(".") || name.equals("..")) {
            throw VirtException.invalidArg("volume name '" + name + "' is not allowed");
        }
        if (name.indexOf('\n') >= 0) {
            // the recorded-formats file holds one volume per line
            throw VirtException.invalidArg("volume name must not contain a line break");
        }
    }

    /** Where a volume of this name lives; the name has passed {@link #checkName}. */
    static Path inPool(Path folder, String name) {
        checkName(name);
        Path p = folder.resolve(name);
        // belt and braces: with one plain element the parent is the folder itself
        if (!folder.equals(p.getParent())) {
            throw VirtException.invalidArg("volume name '" + name + "' leaves the pool");
        }
        return p;
    }

    /**
     * The file's attributes without following a link, or null if nothing is there.
     *
     * @throws VirtException SYSTEM_ERROR when it cannot be read
     */
    static BasicFileAttributes lstat(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot stat '" + p + "': " + e.getMessage(), e);
        }
    }

    /** True if the path is a plain file, not a link, a folder or a device. */
    static boolean isPlainFile(Path p) {
        BasicFileAttributes a = lstat(p);
        return a != null && a.isRegularFile();
    }

    /**
     * The path as it would name a volume of a pool in {@code folder}: normalised (so {@code ..} cannot sneak out),
     * or null for a path that is malformed, holds NUL or does not sit directly in that folder.
     */
    static String nameIfDirectlyIn(Path folder, String path) {
        Path p;
        try {
            if (path.indexOf('\0') >= 0) {
                return null;
            }
            p = Path.of(path).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
        if (!p.isAbsolute() || p.getFileName() == null || !folder.equals(p.getParent())) {
            return null;
        }
        return p.getFileName().toString();
    }
}
