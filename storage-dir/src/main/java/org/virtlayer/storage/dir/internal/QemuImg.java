package org.virtlayer.storage.dir.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/**
 * Every {@code qemu-img} command the backend runs, in one place. Each one names the format of every image it touches
 * ({@code -f}, {@code -O}, {@code -F}): qemu-img never guesses a format here, so a guest that writes a qcow2 header
 * into its raw disk cannot make the host read a file of its choosing (the CVE-2010-2237 class). Paths are absolute,
 * so qemu-img never takes one for a {@code json:} or protocol specification.
 */
final class QemuImg {
    private final String program;
    private final ProcessRunner runner;

    QemuImg(String program, ProcessRunner runner) {
        this.program = program;
        this.runner = runner;
    }

    /**
     * Reads an image's sizes and backing store. {@code -U} (force share) lets it read an image a running guest has
     * locked; the backing file is not opened ({@code qemu-img info} without {@code --backing-chain}).
     */
    ImageInfo info(Path image, String format) {
        String json = runner.run(List.of(program, "info", "--output=json", "-U", "-f", format, absolute(image)));
        try {
            return ImageInfo.fromJson(json);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: cannot read qemu-img info of " + image
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a new image over the (empty) file the caller created for it.
     *
     * @param backing the backing file, or null
     * @param backingFormat its format, required with a backing file
     * @param preallocation qemu-img's {@code preallocation} option ({@code metadata}, {@code falloc}) or null
     */
    void create(Path image, String format, long capacity, Path backing, String backingFormat, String preallocation) {
        List<String> cmd = new ArrayList<>(List.of(program, "create", "-q", "-f", format));
        if (preallocation != null) {
            cmd.addAll(List.of("-o", "preallocation=" + preallocation));
        }
        if (backing != null) {
            cmd.addAll(List.of("-b", absolute(backing), "-F", backingFormat));
        }
        cmd.add(absolute(image));
        cmd.add(Long.toString(capacity));
        runner.run(cmd);
    }

    /** Copies an image's content, converting its format; zeros are not written, so sparse stays sparse. */
    void convert(Path source, String sourceFormat, Path target, String targetFormat) {
        runner.run(List.of(program, "convert", "-q", "-f", sourceFormat, "-O", targetFormat, absolute(source),
                absolute(target)));
    }

    /** Changes the size the guest sees. */
    void resize(Path image, String format, long capacity, boolean shrink, boolean allocate) {
        List<String> cmd = new ArrayList<>(List.of(program, "resize", "-q", "-f", format));
        if (shrink) {
            cmd.add("--shrink");
        }
        if (allocate) {
            cmd.add("--preallocation=falloc");
        }
        cmd.add(absolute(image));
        cmd.add(Long.toString(capacity));
        runner.run(cmd);
    }

    private static String absolute(Path p) {
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException("image paths given to qemu-img must be absolute: " + p);
        }
        return p.toString();
    }
}
