package org.virtlayer.driver.qemu.internal.node;

import java.nio.file.Path;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.driver.qemu.internal.argv.CommandLine;
import org.virtlayer.driver.qemu.internal.argv.DeviceLayout;
import org.virtlayer.driver.qemu.internal.caps.Emulators;
import org.virtlayer.driver.qemu.internal.caps.QemuCaps;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.DomainParseOptions;
import org.virtlayer.xml.XmlElement;

/**
 * Domain definitions: parsing with the QEMU driver's rules (type {@code qemu} or {@code kvm}, the emulator and the
 * machine type's full name filled in as libvirt does), a dry run of the command line so that what cannot run is
 * refused at define time, and defining, undefining and loading them.
 */
final class Definitions {
    private static final DomainParseOptions PARSE = new DomainParseOptions("x86_64", true);

    private final QemuNode node;

    Definitions(QemuNode node) {
        this.node = node;
    }

    /** Parses and completes a definition; refuses what this driver cannot run. */
    DomainDef parse(String xml) {
        DomainDef def = DomainDef.parse(xml, PARSE);
        String type = def.virtType();
        if (!"qemu".equals(type) && !"kvm".equals(type)) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: domain type '" + type
                    + "' is not supported by the QEMU driver (use type='qemu' or 'kvm')");
        }
        if (!"hvm".equals(def.osType())) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: os type '"
                    + def.osType() + "' (the QEMU driver runs hvm guests)");
        }
        XmlElement devices = def.root().childOrCreate("devices");
        if (def.emulator() == null) {
            XmlElement e = new XmlElement("emulator").text(Emulators.find(def.arch()).toString());
            devices.add(0, e);
        }
        QemuCaps caps = node.caps.get(Path.of(def.emulator()));
        QemuCaps.Machine m = caps.machine(def.machine());
        if (m == null) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: emulator '"
                    + def.emulator() + "' does not support machine type '" + def.machine() + "'");
        }
        def.os().child("type").attr("machine", m.name());
        if (def.maxVcpus() > m.maxCpus() && m.maxCpus() > 0) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: Maximum CPUs greater"
                    + " than specified machine type limit " + m.maxCpus());
        }
        dryRun(def, caps);
        return def;
    }

    /** Builds the command line of a throw-away live copy: errors surface now rather than at the first start. */
    private static void dryRun(DomainDef def, QemuCaps caps) {
        DomainDef trial = def.copy();
        SourceResolver.placeholders(trial);
        DeviceLayout.prepare(trial);
        CommandLine.build(trial, caps, new CommandLine.Paths(Path.of("/run/dry-run"), 3), null);
    }

    /** libvirt's rule: a name and a UUID belong together; neither may be reused by another domain. */
    private QemuDomain existing(DomainDef def) {
        QemuDomain byName = node.lookupName(def.name());
        QemuDomain byUuid = node.lookup(def.uuid());
        if (byName != null && byName != byUuid) {
            throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: domain '" + def.name()
                    + "' is already defined with uuid " + byName.uuid);
        }
        if (byUuid != null && byName == null) {
            throw new VirtException(ErrorCode.OPERATION_FAILED, "operation failed: domain '" + byUuid.name()
                    + "' already exists with uuid " + def.uuid());
        }
        return byName;
    }

    DomainRef define(String xml) {
        DomainDef def = parse(xml);
        synchronized (node) {
            QemuDomain d = existing(def);
            DomainEventDetail detail;
            node.store.saveDefinition(def.uuid(), def.format(true, true));
            if (d == null) {
                d = new QemuDomain(def, true);
                node.add(d);
                detail = DomainEventDetail.DEFINED_ADDED;
            } else {
                synchronized (d) {
                    if (d.state.isActive()) {
                        d.persistentDef = def;
                    } else {
                        d.def = def;
                        d.persistentDef = def;
                    }
                    d.changed();
                }
                detail = DomainEventDetail.DEFINED_UPDATED;
            }
            DomainRef ref = d.ref();
            node.emit(ref, detail);
            return ref;
        }
    }

    /**
     * The domain a definition about to be started belongs to (createXML, restore): an inactive domain of that name
     * and UUID, or a new transient one.
     */
    QemuDomain claim(DomainDef def) {
        synchronized (node) {
            QemuDomain d = existing(def);
            if (d != null) {
                if (d.isActive()) {
                    throw VirtException.invalidOperation("domain '" + def.name() + "' is already active");
                }
                return d;
            }
            d = new QemuDomain(def, false);
            node.add(d);
            return d;
        }
    }

    void undefine(QemuDomain d) {
        DomainRef ref;
        synchronized (node) {
            synchronized (d) {
                if (d.persistentDef == null) {
                    throw VirtException.invalidOperation("cannot undefine transient domain");
                }
                ref = d.ref();
                node.store.deleteDefinition(d.uuid);
                d.autostart = false;
                if (d.state.isActive()) {
                    d.persistentDef = null;
                    d.changed();
                } else {
                    d.persistentDef = null;
                }
            }
            if (!d.isActive()) {
                node.remove(d);
            }
        }
        node.emit(ref, DomainEventDetail.UNDEFINED_REMOVED);
    }

    void setAutostart(QemuDomain d, boolean on) {
        synchronized (d) {
            if (d.persistentDef == null) {
                throw VirtException.invalidOperation("cannot set autostart for transient domain");
            }
            node.store.setAutostart(d.uuid, d.def.name(), on);
            d.autostart = on;
        }
    }

    /** Reads every stored definition into the registry. */
    void loadAll() {
        for (String xml : node.store.definitions()) {
            try {
                DomainDef def = DomainDef.parse(xml, PARSE);
                QemuDomain d = new QemuDomain(def, true);
                d.autostart = node.store.autostart(def.uuid());
                node.add(d);
            } catch (VirtException e) {
                System.getLogger(Definitions.class.getName()).log(System.Logger.Level.WARNING,
                        "ignoring a stored definition of " + node.uri + ": " + e.getMessage());
            }
        }
    }
}
