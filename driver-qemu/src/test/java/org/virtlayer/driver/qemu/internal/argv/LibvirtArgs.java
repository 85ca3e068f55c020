package org.virtlayer.driver.qemu.internal.argv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.virtlayer.driver.qemu.internal.caps.QemuCaps;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.DomainParseOptions;

/**
 * Our command line next to libvirt's expected one ({@code qemuxml2argvdata/NAME.x86_64-latest.args}), as libvirt's
 * own test builds it: QEMU 8.0's capabilities, the domain ID -1, the per-domain folder {@code /tmp/lib/domain--1-NAME}
 * and the monitor on descriptor 1729. Descriptor numbers are compared as {@code fd=N}.
 */
final class LibvirtArgs {
    /** What libvirt's test knows of {@code caps_8.0.0.x86_64.xml}, as far as this driver asks. */
    static final QemuCaps CAPS_8_0 = new QemuCaps("/usr/bin/qemu-system-x86_64", 0, 7_002_050, "x86_64",
            List.of(new QemuCaps.Machine("pc-i440fx-8.0", "pc", true, 255, true),
                    new QemuCaps.Machine("pc-q35-8.0", "q35", false, 288, true)),
            List.of(), true, true, Set.of());

    private LibvirtArgs() {
    }

    /** Our arguments for a libvirt test domain (the emulator first, no environment). */
    static List<String> ours(String xml) {
        DomainDef def = DomainDef.parse(xml, new DomainParseOptions("x86_64", true));
        DeviceLayout.prepare(def);
        CommandLine.Built b = CommandLine.build(def, CAPS_8_0,
                new CommandLine.Paths(Path.of("/tmp/lib/domain--1-" + shortName(def.name())), 1729), null);
        return normalize(b.argv());
    }

    /** libvirt's per-domain folders use the name's first 20 characters ({@code virDomainDefGetShortName}). */
    private static String shortName(String name) {
        return name.length() > 20 ? name.substring(0, 20) : name;
    }

    /** libvirt's expected arguments: one per line (or option and value), values in single quotes when needed. */
    static List<String> expected(Path args) throws IOException {
        List<String> out = new ArrayList<>();
        boolean env = true;
        for (String raw : Files.readAllLines(args)) {
            String line = raw.endsWith(" \\") ? raw.substring(0, raw.length() - 2) : raw;
            if (line.isBlank()) {
                continue;
            }
            if (env && line.matches("[A-Z_]+=.*")) {
                continue;
            }
            env = false;
            int space = line.indexOf(' ');
            if (line.startsWith("-") && space > 0) {
                out.add(line.substring(0, space));
                out.add(unquote(line.substring(space + 1)));
            } else {
                out.add(unquote(line));
            }
        }
        return normalize(out);
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) {
            return s.substring(1, s.length() - 1).replace("'\\''", "'");
        }
        return s;
    }

    static List<String> normalize(List<String> argv) {
        List<String> out = new ArrayList<>(argv.size());
        for (String a : argv) {
            out.add(a.replaceAll("fd=\\d+", "fd=N"));
        }
        return out;
    }
}
