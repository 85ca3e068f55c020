package org.virtlayer.shell.internal.domain;

import java.util.EnumSet;
import java.util.Set;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainDefineFlag;
import org.virtlayer.api.DomainStartFlag;
import org.virtlayer.api.DomainUndefineFlag;
import org.virtlayer.api.ShutdownMode;
import org.virtlayer.shell.internal.Attempt;
import org.virtlayer.shell.internal.XmlFiles;

/** Defining, starting, stopping and removing domains; each method answers with virsh's message. */
public final class DomainLifecycle {
    private final Connection conn;

    public DomainLifecycle(Connection conn) {
        this.conn = conn;
    }

    public String define(XmlFiles files, String file, boolean validate) {
        String xml = files.read(file);
        DomainDefineFlag[] flags = validate ? new DomainDefineFlag[] {DomainDefineFlag.VALIDATE}
                : new DomainDefineFlag[0];
        Domain d = Attempt.get("Failed to define domain from " + file, () -> conn.defineDomain(xml, flags));
        return "Domain '" + d.name() + "' defined from " + file;
    }

    public String create(XmlFiles files, String file, Set<DomainStartFlag> flags) {
        String xml = files.read(file);
        Domain d = Attempt.get("Failed to create domain from " + file,
                () -> conn.createDomain(xml, flags.toArray(DomainStartFlag[]::new)));
        return "Domain '" + d.name() + "' created from " + file;
    }

    public String undefine(String name, Set<DomainUndefineFlag> flags) {
        Domain d = DomainResolver.resolve(conn, name);
        Attempt.run("Failed to undefine domain '" + d.name() + "'",
                () -> d.undefine(flags.toArray(DomainUndefineFlag[]::new)));
        return "Domain '" + d.name() + "' has been undefined";
    }

    public String start(String name, Set<DomainStartFlag> flags) {
        Domain d = DomainResolver.resolve(conn, name);
        Attempt.run("Failed to start domain '" + d.name() + "'",
                () -> d.start(flags.toArray(DomainStartFlag[]::new)));
        return "Domain '" + d.name() + "' started";
    }

    public String shutdown(String name, Set<ShutdownMode> modes) {
        Domain d = DomainResolver.resolve(conn, name);
        Attempt.run("Failed to shutdown domain '" + d.name() + "'",
                () -> d.shutdown(modes.toArray(ShutdownMode[]::new)));
        return "Domain '" + d.name() + "' is being shutdown";
    }

    public String reboot(String name, Set<ShutdownMode> modes) {
        Domain d = DomainResolver.resolve(conn, name);
        Attempt.run("Failed to reboot domain '" + d.name() + "'",
                () -> d.reboot(modes.toArray(ShutdownMode[]::new)));
        return "Domain '" + d.name() + "' is being rebooted";
    }

    public String destroy(String name) {
        Domain d = DomainResolver.resolve(conn, name);
        Attempt.run("Failed to destroy domain '" + d.name() + "'", d::destroy);
        return "Domain '" + d.name() + "' destroyed";
    }

    public String reset(String name) {
        Domain d = DomainResolver.resolve(conn, name);
        Attempt.run("Failed to reset domain '" + d.name() + "'", d::reset);
        return "Domain '" + d.name() + "' was reset";
    }

    public String suspend(String name) {
        Domain d = DomainResolver.resolve(conn, name);
        Attempt.run("Failed to suspend domain '" + d.name() + "'", d::suspend);
        return "Domain '" + d.name() + "' suspended";
    }

    public String resume(String name) {
        Domain d = DomainResolver.resolve(conn, name);
        Attempt.run("Failed to resume domain '" + d.name() + "'", d::resume);
        return "Domain '" + d.name() + "' resumed";
    }

    /** The path is on the node, passed as typed, as virsh does. */
    public String save(String name, String path) {
        Domain d = DomainResolver.resolve(conn, name);
        Attempt.run("Failed to save domain '" + d.name() + "' to " + path, () -> d.save(path));
        return "Domain '" + d.name() + "' saved to " + path;
    }

    public String restore(String path) {
        Attempt.get("Failed to restore domain from " + path, () -> conn.restoreDomain(path));
        return "Domain restored from " + path;
    }

    public String autostart(String name, boolean enable) {
        Domain d = DomainResolver.resolve(conn, name);
        String verb = enable ? "mark" : "unmark";
        Attempt.run("Failed to " + verb + " domain '" + d.name() + "' as autostarted", () -> d.setAutostart(enable));
        return "Domain '" + d.name() + "' " + verb + "ed as autostarted";
    }

    /** The shutdown modes virsh's {@code --mode} names, comma separated. */
    public static Set<ShutdownMode> modes(String list) {
        Set<ShutdownMode> modes = EnumSet.noneOf(ShutdownMode.class);
        if (list == null) {
            return modes;
        }
        for (String m : list.split(",")) {
            modes.add(switch (m.strip()) {
                case "acpi" -> ShutdownMode.ACPI_POWER_BTN;
                case "agent" -> ShutdownMode.GUEST_AGENT;
                case "initctl" -> ShutdownMode.INITCTL;
                case "signal" -> ShutdownMode.SIGNAL;
                case "paravirt" -> ShutdownMode.PARAVIRT;
                default -> throw new org.virtlayer.shell.internal.CommandFailure("Unknown mode " + m.strip()
                        + " value, expecting 'acpi', 'agent', 'initctl', 'signal' or 'paravirt'");
            });
        }
        return modes;
    }
}
