package org.virtlayer.driver.test.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.virtlayer.api.DomainDefineFlag;
import org.virtlayer.api.DomainInfo;
import org.virtlayer.api.DomainListFlag;
import org.virtlayer.api.DomainStartFlag;
import org.virtlayer.api.DomainStateInfo;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.api.DomainStatsRecord;
import org.virtlayer.api.DomainUndefineFlag;
import org.virtlayer.api.DomainXmlFlag;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.MetadataType;
import org.virtlayer.api.ModificationImpact;
import org.virtlayer.api.NodeInfo;
import org.virtlayer.api.SecurityLabel;
import org.virtlayer.api.SecurityModel;
import org.virtlayer.api.ShutdownMode;
import org.virtlayer.api.StatsGroup;
import org.virtlayer.api.VirtException;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.DomainSummary;
import org.virtlayer.spi.HypervisorConnection;
import org.virtlayer.spi.ListFilters;
import org.virtlayer.spi.NetworkService;
import org.virtlayer.spi.NodeDeviceService;
import org.virtlayer.spi.StorageService;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.DomainParseOptions;
import org.virtlayer.xml.SafeXmlParser;
import org.virtlayer.xml.SchemaValidator;
import org.virtlayer.xml.XmlElement;
import org.virtlayer.xml.XmlLimits;

/**
 * A connection to a test node, with libvirt's test driver semantics: state checks and their errors, IDs that grow
 * with each start, events for every change. Answers from memory, never blocks.
 */
final class TestConnection implements HypervisorConnection {
    /** libvirt's test driver reports hypervisor version 0.0.2. */
    static final long VERSION = 2;
    private static final String SAVE_MAGIC = "virtlayer-test-save-1\n";
    private static final DomainParseOptions PARSE = new DomainParseOptions("i686", false);

    private final TestNode node;
    private final String hostname;
    private final TestNetworks networks;
    private final TestStorage storage;
    private final TestNodeDevices devices;

    TestConnection(TestNode node, String hostname) {
        this.node = node;
        this.hostname = hostname;
        this.networks = new TestNetworks(node);
        this.storage = new TestStorage(node);
        this.devices = new TestNodeDevices(node);
    }

    @Override
    public Object node() {
        return node;
    }

    @Override
    public String hypervisorType() {
        return "TEST";
    }

    @Override
    public long hypervisorVersion() {
        return VERSION;
    }

    @Override
    public String hostname() {
        return hostname;
    }

    @Override
    public void close() {
        node.setSink(null);
    }

    @Override
    public String capabilities() {
        return TestCapabilities.format(node);
    }

    @Override
    public NodeInfo nodeInfo() {
        return node.nodeInfo;
    }

    @Override
    public long freeMemory() {
        return node.freeMemoryBytes();
    }

    @Override
    public List<Long> cellsFreeMemory() {
        List<Long> out = new ArrayList<>();
        for (TestNode.Cell c : node.cells) {
            out.add(c.freeKiB() * 1024);
        }
        return out;
    }

    @Override
    public SecurityModel securityModel() {
        return new SecurityModel("testSecurity", "");
    }

    @Override
    public NetworkService networks() {
        return networks;
    }

    @Override
    public StorageService storage() {
        return storage;
    }

    @Override
    public NodeDeviceService nodeDevices() {
        return devices;
    }

    // ---- lookups

    private TestDomain find(DomainRef ref) {
        TestDomain d = node.domainsByUuid.get(ref.uuid());
        if (d == null) {
            throw VirtException.noDomain("no domain with matching uuid '" + ref.uuid() + "' (" + ref.name() + ")");
        }
        return d;
    }

    @Override
    public List<DomainSummary> listDomains(Set<DomainListFlag> flags) {
        synchronized (node) {
            List<DomainSummary> all = node.summaries();
            if (flags.isEmpty()) {
                return all;
            }
            List<DomainSummary> out = new ArrayList<>();
            for (DomainSummary s : all) {
                if (ListFilters.matches(flags, s)) {
                    out.add(s);
                }
            }
            return out;
        }
    }

    @Override
    public DomainRef lookupDomainByName(String name) {
        synchronized (node) {
            TestDomain d = node.domainsByName.get(name);
            if (d == null) {
                throw VirtException.noDomain("no domain with matching name '" + name + "'");
            }
            return d.ref();
        }
    }

    @Override
    public DomainRef lookupDomainByUuid(UUID uuid) {
        synchronized (node) {
            TestDomain d = node.domainsByUuid.get(uuid);
            if (d == null) {
                throw VirtException.noDomain("no domain with matching uuid '" + uuid + "'");
            }
            return d.ref();
        }
    }

    @Override
    public DomainRef lookupDomainById(int id) {
        synchronized (node) {
            TestDomain d = node.domainsById.get(id);
            if (d == null) {
                throw VirtException.noDomain("no domain with matching id " + id);
            }
            return d.ref();
        }
    }

    @Override
    public DomainInfo domainInfo(DomainRef ref) {
        synchronized (node) {
            return find(ref).info();
        }
    }

    @Override
    public DomainStateInfo domainState(DomainRef ref) {
        synchronized (node) {
            return find(ref).stateInfo();
        }
    }

    @Override
    public DomainSummary domainSummary(DomainRef ref) {
        synchronized (node) {
            return find(ref).summary();
        }
    }

    @Override
    public String domainOsType(DomainRef ref) {
        synchronized (node) {
            find(ref);
            // libvirt's test driver answers "linux" whatever the definition says; so do we
            return "linux";
        }
    }

    @Override
    public String domainXml(DomainRef ref, Set<DomainXmlFlag> flags) {
        synchronized (node) {
            TestDomain d = find(ref);
            return d.xml(flags.contains(DomainXmlFlag.INACTIVE), flags.contains(DomainXmlFlag.SECURE));
        }
    }

    @Override
    public SecurityLabel domainSecurityLabel(DomainRef ref) {
        synchronized (node) {
            TestDomain d = find(ref);
            return d.isActive() ? new SecurityLabel("libvirt-test", true) : new SecurityLabel("", false);
        }
    }

    @Override
    public List<DomainStatsRecord> domainStats(List<DomainRef> refs, Set<StatsGroup> groups) {
        synchronized (node) {
            List<DomainStatsRecord> out = new ArrayList<>();
            if (refs == null) {
                for (TestDomain d : node.domainsByName.values()) {
                    out.add(TestStats.of(d, groups));
                }
            } else {
                for (DomainRef r : refs) {
                    out.add(TestStats.of(find(r), groups));
                }
            }
            return out;
        }
    }

    // ---- define, create, undefine

    /** Parses a domain; with {@code validate}, first checks it against libvirt's domain schema, as libvirt does. */
    private DomainDef parse(String xml, boolean validate) {
        if (validate) {
            SchemaValidator.validateDomain(xml);
        }
        // like libvirt's test driver, any virtualisation type is accepted: it runs nothing
        return DomainDef.parse(xml, PARSE);
    }

    /** libvirt's rule: a name and a UUID belong together; neither may be reused by another domain. */
    private TestDomain existing(DomainDef def) {
        TestDomain byName = node.domainsByName.get(def.name());
        TestDomain byUuid = node.domainsByUuid.get(def.uuid());
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

    @Override
    public DomainRef defineDomain(String xml, Set<DomainDefineFlag> flags) {
        DomainDef def = parse(xml, flags.contains(DomainDefineFlag.VALIDATE));
        def.setId(-1);
        synchronized (node) {
            TestDomain d = existing(def);
            DomainEventDetail detail;
            if (d == null) {
                d = new TestDomain(def, true);
                node.add(d);
                detail = DomainEventDetail.DEFINED_ADDED;
            } else {
                if (d.isActive()) {
                    d.persistentDef = def;
                } else {
                    d.def = def;
                    d.persistentDef = def;
                }
                d.persistent = true;
                d.changed();
                detail = DomainEventDetail.DEFINED_UPDATED;
            }
            d.formatAhead();
            node.emit(d.ref(), detail);
            return d.ref();
        }
    }

    @Override
    public DomainRef createDomain(String xml, Set<DomainStartFlag> flags) {
        DomainDef def = parse(xml, flags.contains(DomainStartFlag.VALIDATE));
        synchronized (node) {
            TestDomain d = existing(def);
            if (d != null && d.isActive()) {
                throw VirtException.invalidOperation("domain '" + def.name() + "' is already active");
            }
            if (d == null) {
                d = new TestDomain(def, false);
                node.add(d);
            } else {
                d.def = def;
            }
            startLocked(d, flags.contains(DomainStartFlag.PAUSED), DomainStateReason.RUNNING_BOOTED,
                    DomainEventDetail.STARTED_BOOTED);
            return d.ref();
        }
    }

    @Override
    public void undefineDomain(DomainRef ref, Set<DomainUndefineFlag> flags) {
        synchronized (node) {
            TestDomain d = find(ref);
            if (!d.persistent) {
                throw VirtException.invalidOperation("cannot undefine transient domain");
            }
            if (d.managedSave && !flags.contains(DomainUndefineFlag.MANAGED_SAVE)) {
                throw VirtException.invalidOperation("Refusing to undefine while domain managed save image exists");
            }
            DomainRef r = d.ref();
            if (d.isActive()) {
                d.persistent = false;
                d.persistentDef = d.def;
                d.autostart = false;
                d.changed();
            } else {
                node.remove(d);
            }
            node.emit(r, DomainEventDetail.UNDEFINED_REMOVED);
        }
    }

    // ---- lifecycle

    /** Starts a domain; the caller holds the node's monitor. */
    private void startLocked(TestDomain d, boolean paused, DomainStateReason reason, DomainEventDetail detail) {
        // the live definition is a copy, so that live changes leave the persistent one alone
        if (d.def == d.persistentDef) {
            d.def = d.def.copy();
        }
        node.assignId(d);
        d.setState(reason);
        d.changed();
        d.formatAhead();
        node.emit(d.ref(), detail);
        if (paused) {
            d.setState(DomainStateReason.PAUSED_USER);
            node.emit(d.ref(), DomainEventDetail.SUSPENDED_PAUSED);
        }
    }

    /** Stops a domain: back to its persistent definition, or gone if transient. */
    private void stopLocked(TestDomain d, DomainStateReason reason, DomainEventDetail detail) {
        DomainRef r = d.ref();
        d.setState(reason);
        node.releaseId(d);
        d.def = d.persistentDef;
        d.def.setId(-1);
        d.changed();
        if (!d.persistent) {
            node.remove(d);
        }
        node.emit(r, detail);
    }

    private static void requireActive(TestDomain d) {
        if (!d.isActive()) {
            throw VirtException.invalidOperation("domain is not running");
        }
    }

    @Override
    public DomainRef startDomain(DomainRef ref, Set<DomainStartFlag> flags) {
        synchronized (node) {
            TestDomain d = find(ref);
            if (d.isActive()) {
                throw VirtException.invalidOperation("domain '" + d.name() + "' is already running");
            }
            boolean restored = d.managedSave && !flags.contains(DomainStartFlag.FORCE_BOOT);
            d.managedSave = false;
            d.changed();
            startLocked(d, flags.contains(DomainStartFlag.PAUSED),
                    restored ? DomainStateReason.RUNNING_RESTORED : DomainStateReason.RUNNING_BOOTED,
                    restored ? DomainEventDetail.STARTED_RESTORED : DomainEventDetail.STARTED_BOOTED);
            return d.ref();
        }
    }

    @Override
    public void shutdownDomain(DomainRef ref, Set<ShutdownMode> modes) {
        synchronized (node) {
            TestDomain d = find(ref);
            if (d.state != org.virtlayer.api.DomainState.RUNNING) {
                throw VirtException.invalidOperation("domain '" + d.name() + "' not running");
            }
            // the test guest obeys at once
            stopLocked(d, DomainStateReason.SHUTOFF_SHUTDOWN, DomainEventDetail.STOPPED_SHUTDOWN);
        }
    }

    @Override
    public void destroyDomain(DomainRef ref) {
        synchronized (node) {
            TestDomain d = find(ref);
            requireActive(d);
            stopLocked(d, DomainStateReason.SHUTOFF_DESTROYED, DomainEventDetail.STOPPED_DESTROYED);
        }
    }

    @Override
    public void rebootDomain(DomainRef ref, Set<ShutdownMode> modes) {
        synchronized (node) {
            TestDomain d = find(ref);
            requireActive(d);
            String action = d.def.lifecycleAction("on_reboot");
            if ("destroy".equals(action)) {
                stopLocked(d, DomainStateReason.SHUTOFF_SHUTDOWN, DomainEventDetail.STOPPED_SHUTDOWN);
            } else if (!"preserve".equals(action)) {
                d.setState(DomainStateReason.RUNNING_BOOTED);
                d.changed();
            }
        }
    }

    @Override
    public void resetDomain(DomainRef ref) {
        synchronized (node) {
            requireActive(find(ref));
        }
    }

    @Override
    public void suspendDomain(DomainRef ref) {
        synchronized (node) {
            TestDomain d = find(ref);
            if (d.state != org.virtlayer.api.DomainState.RUNNING) {
                throw VirtException.invalidOperation("domain '" + d.name() + "' not running");
            }
            d.setState(DomainStateReason.PAUSED_USER);
            node.emit(d.ref(), DomainEventDetail.SUSPENDED_PAUSED);
        }
    }

    @Override
    public void resumeDomain(DomainRef ref) {
        synchronized (node) {
            TestDomain d = find(ref);
            if (d.state != org.virtlayer.api.DomainState.PAUSED) {
                throw VirtException.invalidOperation("domain '" + d.name() + "' not paused");
            }
            d.setState(DomainStateReason.RUNNING_UNPAUSED);
            node.emit(d.ref(), DomainEventDetail.RESUMED_UNPAUSED);
        }
    }

    @Override
    public void saveDomain(DomainRef ref, String path) {
        String xml;
        synchronized (node) {
            TestDomain d = find(ref);
            requireActive(d);
            xml = d.def.format(false, true);
        }
        try {
            Files.writeString(Path.of(path), SAVE_MAGIC + xml, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot write saved domain '" + ref.name() + "' to '"
                    + path + "': " + e.getMessage());
        }
        synchronized (node) {
            TestDomain d = find(ref);
            if (d.isActive()) {
                stopLocked(d, DomainStateReason.SHUTOFF_SAVED, DomainEventDetail.STOPPED_SAVED);
            }
        }
    }

    @Override
    public DomainRef restoreDomain(String path) {
        String content;
        try {
            content = SafeXmlParser.decodeUtf8(Files.readAllBytes(Path.of(path)), XmlLimits.DEFAULT);
        } catch (IOException | RuntimeException e) {
            if (e instanceof VirtException) {
                throw (VirtException) e;
            }
            throw new VirtException(ErrorCode.SYSTEM_ERROR, "cannot read domain image '" + path + "': "
                    + e.getMessage());
        }
        if (!content.startsWith(SAVE_MAGIC)) {
            throw new VirtException(ErrorCode.INVALID_ARG, "invalid argument: '" + path
                    + "' is not a saved test domain");
        }
        DomainDef def = parse(content.substring(SAVE_MAGIC.length()), false);
        synchronized (node) {
            TestDomain d = existing(def);
            if (d != null && d.isActive()) {
                throw VirtException.invalidOperation("domain '" + def.name() + "' is already active");
            }
            if (d == null) {
                d = new TestDomain(def, false);
                node.add(d);
            } else {
                d.def = def;
            }
            startLocked(d, false, DomainStateReason.RUNNING_RESTORED, DomainEventDetail.STARTED_RESTORED);
            return d.ref();
        }
    }

    // ---- changes

    @Override
    public void setDomainAutostart(DomainRef ref, boolean autostart) {
        synchronized (node) {
            TestDomain d = find(ref);
            if (!d.persistent) {
                throw VirtException.invalidOperation("cannot set autostart for transient domain");
            }
            d.autostart = autostart;
            d.changed();
        }
    }

    /** Which definitions a change applies to, with libvirt's checks. */
    private static List<DomainDef> targets(TestDomain d, Set<ModificationImpact> impact) {
        boolean live = impact.contains(ModificationImpact.LIVE);
        boolean config = impact.contains(ModificationImpact.CONFIG);
        if (!live && !config) {
            live = d.isActive();
            config = !live;
        }
        List<DomainDef> out = new ArrayList<>(2);
        if (live) {
            if (!d.isActive()) {
                throw VirtException.invalidOperation("domain is not running");
            }
            out.add(d.def);
        }
        if (config) {
            if (!d.persistent) {
                throw VirtException.invalidOperation("transient domains do not have any persistent config");
            }
            out.add(d.persistentDef);
        }
        return out;
    }

    @Override
    public void setDomainMemory(DomainRef ref, long kib, Set<ModificationImpact> impact) {
        synchronized (node) {
            TestDomain d = find(ref);
            List<DomainDef> defs = targets(d, impact);
            for (DomainDef def : defs) {
                if (kib > def.memoryKiB()) {
                    throw VirtException.invalidArg("cannot set memory higher than max memory");
                }
            }
            defs.forEach(def -> def.setCurrentMemoryKiB(kib));
            d.changed();
        }
    }

    @Override
    public void setDomainMaxMemory(DomainRef ref, long kib, Set<ModificationImpact> impact) {
        synchronized (node) {
            TestDomain d = find(ref);
            List<DomainDef> defs = targets(d, impact);
            if (defs.contains(d.def) && d.isActive()) {
                throw VirtException.invalidOperation("cannot resize the maximum memory on an active domain");
            }
            defs.forEach(def -> def.setMemoryKiB(kib));
            d.changed();
        }
    }

    @Override
    public void setDomainVcpus(DomainRef ref, int count, Set<ModificationImpact> impact) {
        synchronized (node) {
            TestDomain d = find(ref);
            List<DomainDef> defs = targets(d, impact);
            for (DomainDef def : defs) {
                if (count > def.maxVcpus()) {
                    throw VirtException.invalidArg("requested cpu amount exceeds maximum (" + count + " > "
                            + def.maxVcpus() + ")");
                }
            }
            defs.forEach(def -> def.setCurrentVcpus(count));
            d.changed();
        }
    }

    private static XmlElement device(String xml) {
        XmlElement e = SafeXmlParser.parse(xml);
        return e;
    }

    @Override
    public void attachDevice(DomainRef ref, String xml, Set<ModificationImpact> impact) {
        XmlElement dev = device(xml);
        synchronized (node) {
            TestDomain d = find(ref);
            List<DomainDef> defs = targets(d, impact);
            // check on copies first, so that a failure leaves every definition as it was
            List<DomainDef> trial = new ArrayList<>();
            for (DomainDef def : defs) {
                DomainDef c = def.copy();
                c.addDevice(dev.copy());
                trial.add(c);
            }
            apply(d, defs, trial);
        }
    }

    @Override
    public void detachDevice(DomainRef ref, String xml, Set<ModificationImpact> impact) {
        XmlElement dev = device(xml);
        synchronized (node) {
            TestDomain d = find(ref);
            List<DomainDef> defs = targets(d, impact);
            List<DomainDef> trial = new ArrayList<>();
            for (DomainDef def : defs) {
                DomainDef c = def.copy();
                c.removeDevice(dev);
                trial.add(c);
            }
            apply(d, defs, trial);
        }
    }

    @Override
    public void updateDevice(DomainRef ref, String xml, Set<ModificationImpact> impact) {
        XmlElement dev = device(xml);
        synchronized (node) {
            TestDomain d = find(ref);
            List<DomainDef> defs = targets(d, impact);
            List<DomainDef> trial = new ArrayList<>();
            for (DomainDef def : defs) {
                DomainDef c = def.copy();
                c.updateDevice(dev.copy());
                trial.add(c);
            }
            apply(d, defs, trial);
        }
    }

    /** Swaps the changed copies in for the definitions they came from. */
    private static void apply(TestDomain d, List<DomainDef> defs, List<DomainDef> changed) {
        for (int i = 0; i < defs.size(); i++) {
            DomainDef old = defs.get(i);
            boolean wasLive = old == d.def;
            boolean wasPersistent = old == d.persistentDef;
            if (wasLive) {
                d.def = changed.get(i);
            }
            if (wasPersistent) {
                d.persistentDef = changed.get(i);
            }
        }
        d.changed();
    }

    @Override
    public String domainMetadata(DomainRef ref, MetadataType type, String uri, Set<ModificationImpact> impact) {
        synchronized (node) {
            return targets(find(ref), impact.isEmpty() ? Set.of() : impact).get(0).metadata(type, uri);
        }
    }

    @Override
    public void setDomainMetadata(DomainRef ref, MetadataType type, String value, String key, String uri,
            Set<ModificationImpact> impact) {
        Consumer<DomainDef> change = DomainDef.metadataChange(type, value, key, uri);
        synchronized (node) {
            TestDomain d = find(ref);
            targets(d, impact).forEach(change);
            d.changed();
        }
    }

    static Set<DomainListFlag> noFlags() {
        return EnumSet.noneOf(DomainListFlag.class);
    }
}
