package org.virtlayer.shell.internal.network;

import org.virtlayer.api.Connection;
import org.virtlayer.api.Network;
import org.virtlayer.shell.internal.Attempt;
import org.virtlayer.shell.internal.ObjectLookup;
import org.virtlayer.shell.internal.XmlFiles;

/** Defining, starting, stopping and removing networks; each method answers with virsh's message. */
public final class NetworkLifecycle {
    private final Connection conn;

    public NetworkLifecycle(Connection conn) {
        this.conn = conn;
    }

    public String define(XmlFiles files, String file) {
        String xml = files.read(file);
        Network n = Attempt.get("Failed to define network from " + file, () -> conn.defineNetwork(xml));
        return "Network " + n.name() + " defined from " + file;
    }

    public String create(XmlFiles files, String file) {
        String xml = files.read(file);
        Network n = Attempt.get("Failed to create network from " + file, () -> conn.createNetwork(xml));
        return "Network " + n.name() + " created from " + file;
    }

    public String start(String name) {
        Network n = ObjectLookup.NETWORK.resolve(conn, name);
        Attempt.run("Failed to start network " + n.name(), n::start);
        return "Network " + n.name() + " started";
    }

    public String destroy(String name) {
        Network n = ObjectLookup.NETWORK.resolve(conn, name);
        Attempt.run("Failed to destroy network " + n.name(), n::destroy);
        return "Network " + n.name() + " destroyed";
    }

    public String undefine(String name) {
        Network n = ObjectLookup.NETWORK.resolve(conn, name);
        Attempt.run("Failed to undefine network " + n.name(), n::undefine);
        return "Network " + n.name() + " has been undefined";
    }

    public String autostart(String name, boolean enable) {
        Network n = ObjectLookup.NETWORK.resolve(conn, name);
        String verb = enable ? "mark" : "unmark";
        Attempt.run("failed to " + verb + " network " + n.name() + " as autostarted", () -> n.setAutostart(enable));
        return "Network " + n.name() + " " + verb + "ed as autostarted";
    }
}
