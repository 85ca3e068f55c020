package org.virtlayer.storage.dir.internal;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.StoragePoolDef;
import org.virtlayer.xml.XmlElement;

/**
 * A dir pool's folder on the disk: building it with the definition's permissions, deleting it, and the sizes of the
 * file system it is on.
 */
final class PoolFolder {
    /** libvirt's mode for a pool folder it creates when the definition gives none. */
    static final int DEFAULT_MODE = 0711;

    /** Capacity, allocation and available bytes of the file system, as libvirt computes them from statvfs. */
    record Sizes(long capacity, long allocation, long available) {
    }

    private PoolFolder() {
    }

    /**
     * Creates the folder (and its missing parents, with the usual 0755) with the definition's mode, owner and group.
     * An existing folder is kept; it takes the definition's mode, owner and group if the definition gives them.
     */
    static void build(Path folder, StoragePoolDef def) {
        int mode = def.targetMode();
        try {
            if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                if (mode >= 0) {
                    Files.setPosixFilePermissions(folder, permissions(mode));
                }
            } else {
                Path parent = folder.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.createDirectory(folder);
                // set after creating: the process umask would otherwise take bits away from the mode asked for
                Files.setPosixFilePermissions(folder, permissions(mode >= 0 ? mode : DEFAULT_MODE));
            }
            chown(folder, def);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot create path '" + folder + "': " + describe(e), e);
        }
    }

    private static void chown(Path folder, StoragePoolDef def) throws IOException {
        XmlElement target = def.root().child("target");
        XmlElement perms = target == null ? null : target.child("permissions");
        if (perms == null) {
            return;
        }
        String owner = perms.childText("owner");
        String group = perms.childText("group");
        if (owner != null && !owner.equals("-1")) {
            Files.setAttribute(folder, "unix:uid", Integer.parseInt(owner), LinkOption.NOFOLLOW_LINKS);
        }
        if (group != null && !group.equals("-1")) {
            Files.setAttribute(folder, "unix:gid", Integer.parseInt(group), LinkOption.NOFOLLOW_LINKS);
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder s = new StringBuilder(9);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        return PosixFilePermissions.fromString(s.toString());
    }

    /** Removes the (empty) folder, the inverse of {@link #build}. */
    static void delete(Path folder) {
        try {
            Files.delete(folder);
        } catch (DirectoryNotEmptyException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "failed to remove pool '" + folder
                    + "': Directory not empty", e);
        } catch (NoSuchFileException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "failed to remove pool '" + folder
                    + "': No such file or directory", e);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "failed to remove pool '" + folder + "': " + describe(e),
                    e);
        }
    }

    /** Fails as libvirt does when a pool starts on a folder that is not there. */
    static void checkExists(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot open directory '" + folder
                    + "': No such file or directory");
        }
    }

    static Sizes sizes(Path folder) {
        try {
            FileStore fs = Files.getFileStore(folder);
            long total = fs.getTotalSpace();
            return new Sizes(total, total - fs.getUnallocatedSpace(), fs.getUsableSpace());
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot statvfs path '" + folder + "': " + describe(e),
                    e);
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
