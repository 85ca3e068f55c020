package org.virtlayer.storage.dir.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/** A file's owner, group, mode and times, read without following a link, as libvirt's XML shows them. */
record UnixAttributes(int mode, int uid, int gid, FileTime atime, FileTime mtime, FileTime ctime) {
    static UnixAttributes of(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,lastAccessTime,lastModifiedTime,ctime",
                LinkOption.NOFOLLOW_LINKS);
        return new UnixAttributes(((Number) a.get("mode")).intValue() & 07777, ((Number) a.get("uid")).intValue(),
                ((Number) a.get("gid")).intValue(), (FileTime) a.get("lastAccessTime"),
                (FileTime) a.get("lastModifiedTime"), (FileTime) a.get("ctime"));
    }

    /** libvirt's {@code <mode>}: octal with a leading zero, e.g. {@code 0600}. */
    String octalMode() {
        return String.format("%04o", mode & 0777);
    }

    /** libvirt's timestamps: seconds, a dot, nine digits of nanoseconds. */
    static String timestamp(FileTime t) {
        java.time.Instant i = t.toInstant();
        return i.getEpochSecond() + "." + String.format("%09d", i.getNano());
    }
}
