package org.virtlayer.network.bridge.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.virtlayer.spi.NetworkPort;
import org.virtlayer.spi.NetworkRef;
import org.virtlayer.spi.StateStore;
import org.virtlayer.xml.NetworkDef;
import org.virtlayer.xml.SafeXmlParser;
import org.virtlayer.xml.XmlElement;
import org.virtlayer.xml.XmlWriter;

/**
 * Where the backend keeps its networks between runs, in the core's state store (each file written atomically):
 * {@code networks/NAME.xml} the persistent definitions and {@code autostart/NAME} the autostart marks; at runtime
 * {@code live/NAME.xml} the live definition of each running network, {@code ports/NAME/UUID.xml} its ports, and
 * {@code dnsmasq/} dnsmasq's files. A restarted backend finds running networks again from these.
 */
final class NetworkStateFiles {
    private static final System.Logger LOG = System.getLogger(NetworkStateFiles.class.getName());

    private final StateStore store;

    NetworkStateFiles(StateStore store) {
        this.store = store;
    }

    List<NetworkDef> persistentDefinitions() {
        return read(store.list("networks", ".xml"), false);
    }

    List<NetworkDef> liveDefinitions() {
        return read(store.listRuntime("live", ".xml"), true);
    }

    private List<NetworkDef> read(List<String> names, boolean runtime) {
        List<NetworkDef> out = new ArrayList<>();
        for (String n : names) {
            String file = (runtime ? "live/" : "networks/") + n;
            try {
                (runtime ? store.readRuntime(file) : store.read(file)).ifPresent(x -> out.add(NetworkDefs.parse(x)));
            } catch (RuntimeException e) {
                // one damaged file must not cost the other networks
                LOG.log(System.Logger.Level.ERROR, "ignoring unreadable network definition " + file + ": " + e);
            }
        }
        return out;
    }

    void saveDefinition(NetworkDef def) {
        store.write("networks/" + def.name() + ".xml", def.format());
    }

    void deleteDefinition(String name) {
        store.delete("networks/" + name + ".xml");
    }

    boolean autostart(String name) {
        return store.read("autostart/" + name).isPresent();
    }

    void setAutostart(String name, boolean on) {
        if (on) {
            store.write("autostart/" + name, "autostart\n");
        } else {
            store.delete("autostart/" + name);
        }
    }

    void saveLive(NetworkDef live) {
        store.writeRuntime("live/" + live.name() + ".xml", live.format());
    }

    /** Forgets everything about a network's run: live definition and ports. */
    void deleteLive(String name) {
        store.deleteRuntime("live/" + name + ".xml");
        store.deleteRuntime("ports/" + name);
    }

    /** The folder of the networks' dnsmasq files. */
    Path dnsmasqFolder() {
        return store.runtimeDirectory().resolve("dnsmasq");
    }

    // ---- ports, in libvirt's <networkport> form

    void savePort(NetworkPort p) {
        XmlElement root = new XmlElement("networkport");
        root.add(new XmlElement("uuid").text(p.uuid().toString()));
        XmlElement owner = root.add(new XmlElement("owner"));
        owner.add(new XmlElement("name").text(p.ownerName()));
        owner.add(new XmlElement("uuid").text(p.ownerUuid().toString()));
        root.add(XmlElement.of("mac", "address", p.mac()));
        XmlElement plug = root.add(XmlElement.of("plug", "type", p.plugType(), "bridge", p.bridge()));
        if (p.mtu() > 0) {
            plug.attr("mtu", Integer.toString(p.mtu()));
        }
        if (p.namespace() != null) {
            plug.attr("netns", p.namespace());
        }
        store.writeRuntime("ports/" + p.network().name() + "/" + p.uuid() + ".xml", XmlWriter.format(root));
    }

    void deletePort(NetworkRef network, UUID port) {
        store.deleteRuntime("ports/" + network.name() + "/" + port + ".xml");
    }

    List<NetworkPort> ports(NetworkRef network) {
        List<NetworkPort> out = new ArrayList<>();
        for (String n : store.listRuntime("ports/" + network.name(), ".xml")) {
            try {
                store.readRuntime("ports/" + network.name() + "/" + n).ifPresent(x -> out.add(port(network, x)));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "ignoring unreadable port " + n + " of " + network.name() + ": "
                        + e);
            }
        }
        return out;
    }

    private static NetworkPort port(NetworkRef network, String xml) {
        XmlElement root = SafeXmlParser.parse(xml);
        XmlElement owner = root.child("owner");
        XmlElement plug = root.child("plug");
        String mtu = plug.attr("mtu");
        return new NetworkPort(UUID.fromString(root.childText("uuid")), network, owner.childText("name"),
                UUID.fromString(owner.childText("uuid")), root.child("mac").attr("address"), plug.attr("type"),
                plug.attr("bridge"), mtu == null ? 0 : Integer.parseInt(mtu), plug.attr("netns"));
    }
}
