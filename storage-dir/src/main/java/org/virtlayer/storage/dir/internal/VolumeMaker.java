package org.virtlayer.storage.dir.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.StorageVolDef;
import org.virtlayer.xml.XmlElement;

/**
 * Makes volume files: claims the name first (an exclusive create, which also fails on a link of that name, so
 * nothing is ever written through a link), then lets qemu-img or the file system give it content.
 */
final class VolumeMaker {
    /** libvirt's mode for a new volume when the XML gives none. */
    static final int DEFAULT_MODE = 0600;

    private final QemuImg qemuImg;
    private final ProcessRunner runner;

    VolumeMaker(QemuImg qemuImg, ProcessRunner runner) {
        this.qemuImg = qemuImg;
        this.runner = runner;
    }

    /**
     * Creates the empty file with the XML's mode, owner and group.
     *
     * @throws VirtException STORAGE_VOL_EXIST if anything already has that name, a dangling link included
     */
    void claim(Path path, StorageVolDef def) {
        XmlElement target = def.root().child("target");
        XmlElement perms = target == null ? null : target.child("permissions");
        int mode = DEFAULT_MODE;
        Integer owner = null;
        Integer group = null;
        if (perms != null) {
            try {
                mode = perms.childText("mode") == null ? DEFAULT_MODE : Integer.parseInt(perms.childText("mode"), 8);
                owner = id(perms.childText("owner"));
                group = id(perms.childText("group"));
            } catch (NumberFormatException e) {
                throw VirtException.xml("malformed <permissions> of volume '" + def.name() + "'");
            }
            if (mode < 0 || mode > 07777) {
                throw VirtException.xml("malformed octal mode of volume '" + def.name() + "'");
            }
        }
        try {
            Files.createFile(path);
        } catch (FileAlreadyExistsException e) {
            throw new VirtException(ErrorCode.STORAGE_VOL_EXIST, "storage volume '" + path.getFileName()
                    + "' already exists");
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot create volume file '" + path + "': "
                    + e.getMessage(), e);
        }
        try {
            Files.setPosixFilePermissions(path, PoolFolder.permissions(mode));
            if (owner != null) {
                Files.setAttribute(path, "unix:uid", owner, LinkOption.NOFOLLOW_LINKS);
            }
            if (group != null) {
                Files.setAttribute(path, "unix:gid", group, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot set the permissions of volume file '" + path
                    + "': " + e.getMessage(), e);
        }
    }

    /** A uid or gid of the XML; -1 (libvirt's "unchanged") and none are null. */
    private static Integer id(String text) {
        if (text == null || text.strip().equals("-1")) {
            return null;
        }
        return Integer.valueOf(text.strip());
    }

    /**
     * A raw volume: {@code allocation} bytes really allocated (fallocate, as libvirt does), the rest of
     * {@code capacity} sparse.
     */
    void makeRaw(Path path, long capacity, long allocation) {
        long alloc = Math.min(allocation, capacity);
        if (alloc > 0) {
            allocate(path, alloc);
        }
        // the file was created exclusively a moment ago in a folder only the node's administrator may write to
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            f.setLength(capacity);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot size volume file '" + path + "': "
                    + e.getMessage(), e);
        }
    }

    /** Reserves blocks with fallocate(1); file systems that cannot get zeros written instead. */
    private void allocate(Path path, long bytes) {
        ProcessRunner.Result r = runner.runAllowingFailure(List.of("fallocate", "-l", Long.toString(bytes),
                path.toString()));
        if (r.exitCode() == 0) {
            return;
        }
        byte[] zeros = new byte[1 << 20];
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            long done = 0;
            while (done < bytes) {
                ByteBuffer b = ByteBuffer.wrap(zeros, 0, (int) Math.min(zeros.length, bytes - done));
                while (b.hasRemaining()) {
                    done += ch.write(b, done);
                }
            }
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot allocate " + bytes + " bytes for '" + path
                    + "': " + e.getMessage(), e);
        }
    }

    void makeQcow2(Path path, long capacity, Path backing, String backingFormat, boolean preallocateMetadata) {
        qemuImg.create(path, VolumeFormats.QCOW2, capacity, backing, backingFormat,
                preallocateMetadata ? "metadata" : null);
    }

    /**
     * A full copy of another volume's content, grown to {@code capacity} if that is larger: raw to raw here, qemu-img
     * for anything else.
     */
    void copy(Path source, String sourceFormat, long sourceCapacity, Path target, String targetFormat,
            long capacity) {
        if (VolumeFormats.RAW.equals(sourceFormat) && VolumeFormats.RAW.equals(targetFormat)) {
            copyRaw(source, target, Math.max(capacity, sourceCapacity));
            return;
        }
        qemuImg.convert(source, sourceFormat, target, targetFormat);
        if (capacity > sourceCapacity) {
            qemuImg.resize(target, targetFormat, capacity, false, false);
        }
    }

    /**
     * Copies a raw file block by block, leaving holes where the source has blocks of zeros (as qemu-img and libvirt
     * do), without starting a program for it.
     */
    private static void copyRaw(Path source, Path target, long capacity) {
        ByteBuffer block = ByteBuffer.allocate(VolumeStreams.BUFFER);
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            long size = in.size();
            for (long pos = 0; pos < size; pos += block.limit()) {
                block.clear();
                while (block.hasRemaining() && in.read(block, pos + block.position()) > 0) {
                    // a short read is not the end of the file
                }
                block.flip();
                if (!allZero(block)) {
                    while (block.hasRemaining()) {
                        out.write(block, pos + block.position());
                    }
                    block.rewind();
                }
                if (block.limit() == 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot copy '" + source + "' to '" + target + "': "
                    + e.getMessage(), e);
        }
        try (RandomAccessFile f = new RandomAccessFile(target.toFile(), "rw")) {
            f.setLength(capacity);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot size '" + target + "': " + e.getMessage(), e);
        }
    }

    private static final byte[] ZEROS = new byte[VolumeStreams.BUFFER];

    private static boolean allZero(ByteBuffer b) {
        return java.util.Arrays.mismatch(b.array(), b.position(), b.limit(), ZEROS, 0, b.limit() - b.position()) < 0;
    }

    /**
     * Makes the guest-visible content all zeros, keeping the file (its inode, mode and owner), its format and its
     * capacity: a raw file is cut to nothing and set back to its size, which frees every block without writing
     * any; a qcow2 image is written anew, without a backing file.
     */
    void wipe(Path path, String format, long capacity) {
        if (VolumeFormats.QCOW2.equals(format)) {
            qemuImg.create(path, VolumeFormats.QCOW2, capacity, null, null, null);
            return;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            ch.truncate(0);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot wipe '" + path + "': " + e.getMessage(), e);
        }
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            f.setLength(capacity);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot wipe '" + path + "': " + e.getMessage(), e);
        }
    }
}
