package org.virtlayer.driver.qemu.internal.node;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.driver.qemu.internal.qmp.QmpError;
import org.virtlayer.linux.LinuxException;
import org.virtlayer.linux.Syscalls;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.kit.Json;
import org.virtlayer.xml.DomainDef;

/**
 * Save to a file and restore from it. The file is a header (magic, the domain's live definition) followed, at a
 * 4 KiB boundary, by QEMU's migration stream. Saving migrates over a UNIX socket this driver reads into the file
 * (QEMU's sandbox forbids spawning, so no {@code exec:}); restoring hands QEMU the file, positioned at the stream, as
 * a descriptor ({@code migrate-incoming fd:4}).
 */
final class SaveImage {
    private static final String MAGIC = "VirtlayerQemuSave1";
    private static final int ALIGN = 4096;
    /** libvirt's "unlimited" migration bandwidth. */
    private static final long MAX_BANDWIDTH = 9223372036853727232L;

    private final QemuNode node;

    SaveImage(QemuNode node) {
        this.node = node;
    }

    void save(QemuDomain d, String path) {
        node.lifecycle.job(d, () -> {
            saveNow(d, path);
            return null;
        });
    }

    private void saveNow(QemuDomain d, String path) {
        Running r = node.lifecycle.running(d);
        String xml;
        synchronized (d) {
            xml = d.def.format(true, true);
        }
        boolean wasRunning;
        synchronized (d) {
            wasRunning = d.state == DomainState.RUNNING;
        }
        if (wasRunning) {
            node.lifecycle.suspend(d);
        }
        Path sock = r.runDir.resolve("save.sock");
        Path target = Path.of(path);
        long t = node.config.monitorTimeoutMillis();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            Files.deleteIfExists(sock);
            server.bind(UnixDomainSocketAddress.of(sock));
            try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                long offset = writeHeader(out, xml);
                r.migration = new CompletableFuture<>();
                r.monitor.call("migrate-set-capabilities", Json.obj("capabilities",
                        List.of(Json.obj("capability", "events", "state", true))), t);
                r.monitor.call("migrate-set-parameters", Json.obj("max-bandwidth", MAX_BANDWIDTH), t);
                r.monitor.call("migrate", Json.obj("uri", "unix:" + sock), t);
                try (SocketChannel in = server.accept()) {
                    // a blocking socket yields 0 bytes only at its end: QEMU closes it when the stream is complete
                    long pos = offset;
                    long n;
                    while ((n = out.transferFrom(in, pos, 1 << 20)) > 0) {
                        pos += n;
                    }
                }
                String status = r.migration.get(t, TimeUnit.MILLISECONDS);
                if (!"completed".equals(status)) {
                    throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: migration to '" + path
                            + "' " + status);
                }
                out.force(true);
            }
        } catch (IOException | QmpError | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException | VirtException e) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException ignored) {
                // nothing better to do
            }
            if (wasRunning) {
                node.lifecycle.resume(d);
            }
            if (e instanceof VirtException v) {
                throw v;
            }
            throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: cannot save domain '"
                    + d.name() + "' to '" + path + "': " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VirtException(ErrorCode.OPERATION_ABORTED, "save of '" + d.name() + "' interrupted");
        } finally {
            r.migration = null;
        }
        r.stopAs(DomainStateReason.SHUTOFF_SAVED, DomainEventDetail.STOPPED_SAVED);
        node.lifecycle.kill(r);
    }

    private static long writeHeader(FileChannel out, String xml) throws IOException {
        byte[] x = xml.getBytes(StandardCharsets.UTF_8);
        String first = MAGIC + "\n";
        long offset = align(first.length() + 40 + x.length);
        byte[] head = (first + x.length + " " + offset + "\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate((int) offset);
        b.put(head).put(x);
        b.position(0);
        b.limit((int) offset);
        while (b.hasRemaining()) {
            out.write(b);
        }
        return offset;
    }

    private static long align(long n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }

    /** The definition and stream offset of a save image. */
    private record Header(String xml, long streamOffset) {
    }

    private static Header readHeader(Path file) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(128);
            in.read(b, 0);
            String start = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII);
            String[] lines = start.split("\n", 3);
            if (lines.length < 3 || !lines[0].equals(MAGIC)) {
                throw new VirtException(ErrorCode.INVALID_ARG, "invalid argument: '" + file
                        + "' is not a saved QEMU domain of this driver");
            }
            String[] sizes = lines[1].split(" ");
            int xmlLen = Integer.parseInt(sizes[0]);
            long offset = Long.parseLong(sizes[1]);
            ByteBuffer x = ByteBuffer.allocate(xmlLen);
            in.read(x, lines[0].length() + lines[1].length() + 2);
            return new Header(new String(x.array(), StandardCharsets.UTF_8), offset);
        } catch (IOException | NumberFormatException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot read domain image '" + file + "': "
                    + e.getMessage());
        }
    }

    DomainRef restore(String path) {
        Header h = readHeader(Path.of(path));
        DomainDef def = node.definitions.parse(h.xml());
        QemuDomain d = node.definitions.claim(def);
        int fd;
        try {
            fd = Syscalls.open(path, Syscalls.O_RDONLY, 0);
            Syscalls.seek(fd, h.streamOffset());
        } catch (LinuxException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot open domain image '" + path + "': "
                    + e.getMessage());
        }
        try {
            return node.lifecycle.start(d, def, false, null, new DomainLifecycle.Incoming(fd));
        } finally {
            Syscalls.close(fd);
        }
    }

    /** During a restore's start: loads the stream from descriptor 4 and waits until QEMU has it all. */
    void receive(Running r) {
        long t = node.config.monitorTimeoutMillis();
        r.migration = new CompletableFuture<>();
        try {
            r.monitor.call("migrate-set-capabilities", Json.obj("capabilities",
                    List.of(Json.obj("capability", "events", "state", true))), t);
            r.monitor.call("migrate-incoming", Json.obj("uri", "fd:4"), t);
            String status = r.migration.get();
            if (!"completed".equals(status)) {
                throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: restore " + status);
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: restore: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VirtException(ErrorCode.OPERATION_ABORTED, "restore interrupted");
        } finally {
            r.migration = null;
        }
    }
}
