package org.virtlayer.storage.dir.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * A file's identity and last change (inode, size, modification and change times): while it stays the same, what
 * qemu-img said of the file still holds, so {@code info()} need not run qemu-img again.
 */
record FileStamp(long inode, long size, FileTime mtime, FileTime ctime) {
    /** The file's stamp now, or null if it is gone. */
    static FileStamp of(Path p) {
        try {
            Map<String, Object> a = Files.readAttributes(p, "unix:ino,size,lastModifiedTime,ctime",
                    LinkOption.NOFOLLOW_LINKS);
            return new FileStamp(((Number) a.get("ino")).longValue(), ((Number) a.get("size")).longValue(),
                    (FileTime) a.get("lastModifiedTime"), (FileTime) a.get("ctime"));
        } catch (IOException e) {
            return null;
        }
    }
}
