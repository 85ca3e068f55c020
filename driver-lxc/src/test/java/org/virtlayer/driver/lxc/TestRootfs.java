package org.virtlayer.driver.lxc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The busybox root of the test guest of {@code shared/guest/make-guest.sh} ({@code rootfs/init.sh} prints CT-READY,
 * writes {@code /tmp/ct-ready}, exits 0 on SIGTERM after printing CT-TERM): found in {@code virtlayer.guest.dir}
 * (where the QEMU driver's tests keep the guest too), built there once if missing. A test never skips for want of it:
 * building it is part of the test.
 */
public final class TestRootfs {
    private TestRootfs() {
    }

    public static synchronized Path dir() {
        Path dir = Path.of(System.getProperty("virtlayer.guest.dir",
                System.getProperty("user.home") + "/.cache/virtlayer/guest"));
        if (Files.isRegularFile(dir.resolve("rootfs/init.sh"))) {
            return dir.resolve("rootfs");
        }
        Path script = Path.of(System.getProperty("virtlayer.guest.script", "../../shared/guest/make-guest.sh"));
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("the test root is missing in " + dir + " and its build script " + script
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
        if (!Files.isRegularFile(dir.resolve("rootfs/init.sh"))) {
            throw new IllegalStateException(script + " ran but " + dir + "/rootfs/init.sh is missing");
        }
        return dir.resolve("rootfs");
    }

    /**
     * A container of the busybox root running {@code /init.sh}, its {@code /tmp} a tmpfs of its own (containers of
     * one root share its folders otherwise), a console, {@code memoryMiB} of memory.
     */
    public static String domainXml(String name, int memoryMiB, String extra) {
        return domainXml(name, dir(), memoryMiB, extra, "");
    }

    public static String domainXml(String name, Path root, int memoryMiB, String extraDevices, String extraTop) {
        return "<domain type='lxc'>\n"
                + "  <name>" + xmlEscape(name) + "</name>\n"
                + "  <memory unit='MiB'>" + memoryMiB + "</memory>\n"
                + extraTop
                + "  <os>\n"
                + "    <type>exe</type>\n"
                + "    <init>/init.sh</init>\n"
                + "  </os>\n"
                + "  <devices>\n"
                + "    <filesystem type='mount'><source dir='" + xmlEscape(root.toString()) + "'/>"
                + "<target dir='/'/></filesystem>\n"
                + "    <filesystem type='ram'><source usage='4' units='MiB'/><target dir='/tmp'/></filesystem>\n"
                + extraDevices
                + "    <console type='pty'/>\n"
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
            Thread.sleep(5);
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
