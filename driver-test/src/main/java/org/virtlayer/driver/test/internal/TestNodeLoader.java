package org.virtlayer.driver.test.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.NodeInfo;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.DomainParseOptions;
import org.virtlayer.xml.NetworkDef;
import org.virtlayer.xml.SafeXmlParser;
import org.virtlayer.xml.StoragePoolDef;
import org.virtlayer.xml.StorageVolDef;
import org.virtlayer.xml.XmlElement;
import org.virtlayer.xml.XmlLimits;

/**
 * Builds a test node from a node file, libvirt's format: {@code <node>} holding {@code <domain>}, {@code <network>},
 * {@code <pool>} (with {@code <volume>}s), {@code <device>}, {@code <cpu>} and {@code <memory>}, each inline or named by
 * a {@code file} attribute relative to the node file. Domains run unless their {@code <test:runstate>} says otherwise.
 */
final class TestNodeLoader {
    /** libvirt's namespace for test driver extensions in domain XML. */
    static final String TEST_NS = "http://libvirt.org/schemas/domain/test/1.0";
    private static final String DEFAULT_NODE = "default-node.xml";
    private static final DomainParseOptions PARSE = new DomainParseOptions("i686", true);

    private TestNodeLoader() {
    }

    /** A fresh copy of libvirt's {@code test:///default} node. */
    static TestNode defaultNode() {
        try (InputStream in = TestNodeLoader.class.getResourceAsStream(DEFAULT_NODE)) {
            if (in == null) {
                throw new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: " + DEFAULT_NODE + " is missing");
            }
            String xml = SafeXmlParser.decodeUtf8(in.readAllBytes(), XmlLimits.DEFAULT);
            return load(SafeXmlParser.parse(xml), null);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: cannot read " + DEFAULT_NODE, e);
        }
    }

    /** A node from a node file, e.g. {@code test:///home/me/testnode.xml}. */
    static TestNode fromFile(Path file) {
        return load(SafeXmlParser.parse(read(file)), file.toAbsolutePath().getParent());
    }

    private static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new VirtException(ErrorCode.OPEN_FAILED, "failed to open test node file '" + file
                    + "': no such regular file");
        }
        try {
            long size = Files.size(file);
            if (size > XmlLimits.DEFAULT.maxChars()) {
                throw VirtException.xml("test node file '" + file + "' is " + size + " bytes, over the limit of "
                        + XmlLimits.DEFAULT.maxChars());
            }
            return SafeXmlParser.decodeUtf8(Files.readAllBytes(file), XmlLimits.DEFAULT);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.READ_FAILED, "failed to read test node file '" + file + "': "
                    + e.getMessage());
        }
    }

    /** The element itself, or the root of the file its {@code file} attribute names. */
    private static XmlElement inlineOrFile(XmlElement e, Path dir) {
        String f = e.attr("file");
        if (f == null) {
            return e;
        }
        if (dir == null) {
            throw VirtException.xml("<" + e.name() + " file='" + f + "'> is only allowed in a node file");
        }
        Path p = dir.resolve(f).normalize();
        try {
            return SafeXmlParser.parse(read(p));
        } catch (VirtException ex) {
            throw new VirtException(ex.code(), ex.getMessage() + " (in " + p + ")");
        }
    }

    private static TestNode load(XmlElement root, Path dir) {
        if (!root.name().equals("node")) {
            throw VirtException.xml("test node file: root element must be <node>, not <" + root.name() + ">");
        }
        TestNode node = new TestNode();
        for (XmlElement child : root.children()) {
            switch (child.name()) {
                case "domain" -> addDomain(node, inlineOrFile(child, dir));
                case "network" -> addNetwork(node, inlineOrFile(child, dir));
                case "pool" -> addPool(node, child, dir);
                case "device" -> addDevice(node, inlineOrFile(child, dir));
                case "cpu" -> node.nodeInfo = cpu(child, node.nodeInfo);
                case "memory" -> node.nodeInfo = memory(child, node.nodeInfo);
                case "cells" -> node.cells = cells(child);
                default -> {
                    // <interface> and other objects virtlayer does not serve yet are skipped
                }
            }
        }
        return node;
    }

    private static void addDomain(TestNode node, XmlElement e) {
        String runstate = null;
        boolean transientDomain = false;
        boolean managedSave = false;
        for (XmlElement c : e.children()) {
            String local = c.name().substring(c.name().indexOf(':') + 1);
            if (c.name().contains(":") && TEST_NS.equals(namespace(e, c))) {
                switch (local) {
                    case "runstate" -> runstate = c.trimmedText();
                    case "transient" -> transientDomain = true;
                    case "hasmanagedsave" -> managedSave = true;
                    default -> {
                        // other test extensions are kept in the definition as they are
                    }
                }
            }
        }
        DomainDef def = DomainDef.fromElement(e.copy(), PARSE);
        if (node.domainsByName.containsKey(def.name()) || node.domainsByUuid.containsKey(def.uuid())) {
            throw VirtException.xml("test node file: domain '" + def.name() + "' is defined twice");
        }
        TestDomain d = new TestDomain(def, !transientDomain);
        d.managedSave = managedSave;
        node.add(d);
        DomainState state = DomainState.RUNNING;
        if (runstate != null) {
            try {
                state = DomainState.ofNumber(Integer.parseInt(runstate));
            } catch (NumberFormatException ex) {
                throw VirtException.xml("test node file: invalid runstate '" + runstate + "' for domain '"
                        + def.name() + "'");
            }
        }
        if (state != DomainState.SHUTOFF) {
            d.def = def.copy();
            node.assignId(d);
            d.setState(DomainStateReason.unknown(state));
            d.changed();
        }
    }

    private static String namespace(XmlElement parent, XmlElement c) {
        String prefix = c.name().substring(0, c.name().indexOf(':'));
        String ns = c.attr("xmlns:" + prefix);
        return ns != null ? ns : parent.attr("xmlns:" + prefix);
    }

    private static void addNetwork(TestNode node, XmlElement e) {
        NetworkDef def = NetworkDef.parse(e.toString());
        TestNetwork n = new TestNetwork(def, true);
        n.active = true;
        node.networks.put(def.name(), n);
    }

    private static void addPool(TestNode node, XmlElement poolElement, Path dir) {
        XmlElement e = inlineOrFile(poolElement, dir);
        XmlElement copy = e.copy();
        copy.removeChildren("volume");
        StoragePoolDef def = StoragePoolDef.parse(copy.toString());
        TestPool p = new TestPool(def, true);
        p.active = true;
        node.pools.put(def.name(), p);
        List<XmlElement> volumes = new ArrayList<>(e.children("volume"));
        if (e != poolElement) {
            volumes.addAll(poolElement.children("volume"));
        }
        for (XmlElement v : volumes) {
            TestStorage.addVolume(p, StorageVolDef.parse(inlineOrFile(v, dir).toString(), def));
        }
    }

    private static void addDevice(TestNode node, XmlElement e) {
        String name = e.childText("name");
        if (name == null || name.isEmpty()) {
            throw VirtException.xml("test node file: <device> without <name>");
        }
        List<String> caps = new ArrayList<>();
        for (XmlElement c : e.children("capability")) {
            caps.add(c.attr("type"));
        }
        node.devices.add(new TestNode.Device(name, e.childText("parent"), List.copyOf(caps), e.toString()));
    }

    private static NodeInfo cpu(XmlElement e, NodeInfo d) {
        return new NodeInfo(text(e, "model", d.model()), d.memoryKiB(), num(e, "active", d.cpus()),
                num(e, "mhz", d.mhz()), num(e, "nodes", d.numaCells()), num(e, "sockets", d.sockets()),
                num(e, "cores", d.cores()), num(e, "threads", d.threads()));
    }

    private static NodeInfo memory(XmlElement e, NodeInfo d) {
        try {
            return new NodeInfo(d.model(), Long.parseLong(e.trimmedText()), d.cpus(), d.mhz(), d.numaCells(),
                    d.sockets(), d.cores(), d.threads());
        } catch (NumberFormatException ex) {
            throw VirtException.xml("test node file: invalid <memory> '" + e.trimmedText() + "'");
        }
    }

    private static List<TestNode.Cell> cells(XmlElement e) {
        List<TestNode.Cell> out = new ArrayList<>();
        for (XmlElement c : e.children("cell")) {
            out.add(new TestNode.Cell(Integer.parseInt(c.attr("id")), Long.parseLong(c.attr("memory")),
                    Long.parseLong(c.attr("free")), Integer.parseInt(c.attr("pageSize"))));
        }
        return List.copyOf(out);
    }

    private static String text(XmlElement e, String child, String fallback) {
        String v = e.childText(child);
        return v == null || v.isEmpty() ? fallback : v;
    }

    private static int num(XmlElement e, String child, int fallback) {
        String v = e.childText(child);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException ex) {
            throw VirtException.xml("test node file: invalid <" + child + "> '" + v + "'");
        }
    }
}
