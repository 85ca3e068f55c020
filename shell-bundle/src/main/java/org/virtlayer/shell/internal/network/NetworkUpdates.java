package org.virtlayer.shell.internal.network;

import org.virtlayer.api.Connection;
import org.virtlayer.api.ModificationImpact;
import org.virtlayer.api.Network;
import org.virtlayer.api.NetworkUpdateCommand;
import org.virtlayer.api.NetworkUpdateSection;
import org.virtlayer.shell.internal.Attempt;
import org.virtlayer.shell.internal.CommandFailure;
import org.virtlayer.shell.internal.ObjectLookup;
import org.virtlayer.shell.internal.XmlFiles;
import org.virtlayer.shell.internal.domain.Impact;

/**
 * virsh's {@code net-update}: one part of a network's definition added, changed or removed, live, in the persistent
 * definition, or both, answering with virsh's message.
 */
public final class NetworkUpdates {
    private final Connection conn;

    public NetworkUpdates(Connection conn) {
        this.conn = conn;
    }

    /**
     * @param xml the element itself if it starts with {@code <}, else the name of a file holding it
     * @param parentIndex which {@code <ip>} element, -1 for the first that fits
     */
    public String update(String name, String command, String section, String xml, XmlFiles files, int parentIndex,
            Impact impact) {
        NetworkUpdateCommand c = command(command);
        NetworkUpdateSection s = section(section);
        String element = xml.stripLeading().startsWith("<") ? xml : files.read(xml);
        Network n = ObjectLookup.NETWORK.resolve(conn, name);
        ModificationImpact[] flags = impact.resolve(() -> false);
        Attempt.run("Failed to update network " + n.name(), () -> n.update(c, s, parentIndex, element, flags));
        return "Updated network " + n.name() + " " + affected(n, impact);
    }

    /** What changed, as virsh says it: with neither --live nor --config, the live state of a running network. */
    private static String affected(Network n, Impact impact) {
        if (impact.config()) {
            return impact.live() ? "persistent config and live state" : "persistent config";
        }
        if (impact.live()) {
            return "live state";
        }
        boolean active = Attempt.get("Failed to update network " + n.name(), n::isActive);
        return active ? "live state" : "persistent config";
    }

    private static NetworkUpdateCommand command(String text) {
        return switch (text) {
            case "add", "add-last" -> NetworkUpdateCommand.ADD_LAST;
            case "add-first" -> NetworkUpdateCommand.ADD_FIRST;
            case "modify" -> NetworkUpdateCommand.MODIFY;
            case "delete" -> NetworkUpdateCommand.DELETE;
            default -> throw new CommandFailure("unrecognized command name '" + text + "'");
        };
    }

    private static NetworkUpdateSection section(String text) {
        for (NetworkUpdateSection s : NetworkUpdateSection.values()) {
            if (s.virshName().equals(text)) {
                return s;
            }
        }
        throw new CommandFailure("unrecognized section name '" + text + "'");
    }
}
