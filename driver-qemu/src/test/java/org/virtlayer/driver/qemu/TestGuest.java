package org.virtlayer.driver.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The tiny test guest of {@code shared/guest/make-guest.sh} (a Debian cloud kernel and a busybox initramfs that
 * prints GUEST-READY on its serial console): found in {@code virtlayer.guest.dir}, built there once if missing. A
 * test never skips for want of it: building it is part of the test.
 */
public final class TestGuest {
    private TestGuest() {
    }

    public static synchronized Path dir() {
        Path dir = Path.of(System.getProperty("virtlayer.guest.dir",
                System.getProperty("user.home") + "/.cache/virtlayer/guest"));
        if (complete(dir)) {
            return dir;
        }
        Path script = Path.of(System.getProperty("virtlayer.guest.script", "../../shared/guest/make-guest.sh"));
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("the test guest is missing in " + dir + " and its build script " + script
                    + " is not there either (set -Dvirtlayer.guest.script=PATH or -Dvirtlayer.guest.dir=DIR)");
        }
        try {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder("bash", script.toString(), dir.toString()).inheritIO().start();
            if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(script + " failed building the test guest into " + dir);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot build the test guest: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted building the test guest");
        }
        if (!complete(dir)) {
            throw new IllegalStateException(script + " ran but " + dir + " is incomplete");
        }
        return dir;
    }

    private static boolean complete(Path dir) {
        return Files.isRegularFile(dir.resolve("vmlinuz")) && Files.isRegularFile(dir.resolve("initramfs.gz"))
                && Files.isRegularFile(dir.resolve("disk.qcow2"));
    }

    /** A domain booting the guest under TCG, its serial console in {@code serialLog}. */
    public static String domainXml(String name, Path serialLog, String type, String extraDevices) {
        Path g = dir();
        return "<domain type='" + type + "'>\n"
                + "  <name>" + xmlEscape(name) + "</name>\n"
                + "  <memory unit='MiB'>128</memory>\n"
                + "  <vcpu>1</vcpu>\n"
                + "  <os>\n"
                + "    <type arch='x86_64' machine='pc'>hvm</type>\n"
                + "    <kernel>" + g.resolve("vmlinuz") + "</kernel>\n"
                + "    <initrd>" + g.resolve("initramfs.gz") + "</initrd>\n"
                + "    <cmdline>console=ttyS0 quiet no_timer_check</cmdline>\n"
                + "  </os>\n"
                + "  <features><acpi/></features>\n"
                + "  <devices>\n"
                + "    <serial type='file'><source path='" + xmlEscape(serialLog.toString()) + "'/></serial>\n"
                + extraDevices
                + "  </devices>\n"
                + "</domain>\n";
    }

    public static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&apos;");
    }

    /** Waits until the file holds {@code text} {@code count} times; the time it appeared in ms since {@code t0}. */
    public static long awaitLog(Path log, String text, int count, long t0Nanos, long timeoutMillis)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && occurrences(Files.readString(log), text) >= count) {
                return (System.nanoTime() - t0Nanos) / 1_000_000;
            }
            Thread.sleep(10);
        }
        String content = Files.exists(log) ? Files.readString(log) : "(no file)";
        throw new AssertionError("'" + text + "' x" + count + " not in " + log + " within " + timeoutMillis
                + " ms; it holds: " + content.substring(Math.max(0, content.length() - 2000)));
    }

    static int occurrences(String s, String text) {
        int n = 0;
        for (int i = s.indexOf(text); i >= 0; i = s.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }
}
