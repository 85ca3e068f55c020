package org.virtlayer.driver.qemu.internal.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.driver.qemu.internal.argv.Dev;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.XmlElement;

/**
 * The host side of tap interfaces ({@code type='bridge'}, {@code 'network'}, {@code 'ethernet'}): a free name
 * ({@code vnetN}, as libvirt names them) before QEMU creates the tap, then the tap joined to its bridge and brought up.
 * The network backend may replace this with its own port allocation; until then {@code ip(8)} does it.
 */
final class HostNetwork {
    private final Set<String> reserved = new HashSet<>();

    /** Gives every tap interface without a {@code <target dev>} a free {@code vnetN}. */
    synchronized void nameTaps(DomainDef live) {
        for (XmlElement nic : live.devices("interface")) {
            String t = nic.attr("type");
            if (!"bridge".equals(t) && !"network".equals(t) && !"ethernet".equals(t)) {
                continue;
            }
            if (nic.child("target") == null || nic.child("target").attr("dev") == null) {
                String name = freeName();
                nic.removeChildren("target");
                nic.add(XmlElement.of("target", "dev", name));
            }
            reserved.add(Dev.attr(nic, "target", "dev"));
        }
    }

    private String freeName() {
        for (int n = 0;; n++) {
            String name = "vnet" + n;
            if (!reserved.contains(name) && !Files.exists(Path.of("/sys/class/net", name))) {
                return name;
            }
        }
    }

    /** Names no longer in use once a domain stops. */
    synchronized void release(DomainDef live) {
        for (XmlElement nic : live.devices("interface")) {
            String dev = Dev.attr(nic, "target", "dev");
            if (dev != null) {
                reserved.remove(dev);
            }
        }
    }

    /** Joins each tap QEMU created to its bridge and brings it up. */
    void plug(DomainDef live) {
        for (XmlElement nic : live.devices("interface")) {
            plug(nic);
        }
    }

    void plug(XmlElement nic) {
        String t = nic.attr("type");
        String tap = Dev.attr(nic, "target", "dev");
        if (tap == null) {
            return;
        }
        if ("bridge".equals(t) || "network".equals(t)) {
            String bridge = Dev.attr(nic, "source", "bridge");
            if (bridge == null) {
                throw VirtException.xml("interface " + Dev.alias(nic) + " has no bridge: <source bridge='...'/>");
            }
            ip("link", "set", "dev", tap, "master", bridge, "up");
        } else if ("ethernet".equals(t)) {
            ip("link", "set", "dev", tap, "up");
        }
    }

    private static void ip(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Files.isExecutable(Path.of("/usr/sbin/ip")) ? "/usr/sbin/ip" : "/sbin/ip");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot " + String.join(" ", cmd) + ": " + out);
            }
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot run " + cmd.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VirtException(ErrorCode.OPERATION_ABORTED, "interrupted running " + cmd);
        }
    }
}
