package org.virtlayer.driver.qemu.internal.node;

import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.StorageVolumeType;
import org.virtlayer.api.VirtException;
import org.virtlayer.driver.qemu.internal.argv.Dev;
import org.virtlayer.spi.DriverContext;
import org.virtlayer.spi.NetworkRef;
import org.virtlayer.spi.NetworkService;
import org.virtlayer.spi.PoolRef;
import org.virtlayer.spi.StorageService;
import org.virtlayer.spi.VolumeRef;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.XmlElement;

/**
 * The seam to the node's other services: a {@code <disk type='volume'>} becomes the volume's path through the storage
 * backend, an {@code <interface type='network'>} the network's bridge through the network backend (both reached via
 * the {@link DriverContext} of the connection that starts the domain). The live definition keeps what the user wrote
 * and gains the resolved path or bridge, as libvirt's live XML shows it.
 */
final class SourceResolver {
    private SourceResolver() {
    }

    /** Resolves volumes and networks of a live definition; without a context (autostart) they cannot be. */
    static void resolve(DomainDef live, DriverContext context) {
        for (XmlElement dev : live.devices()) {
            resolve(dev, context);
        }
    }

    /** Resolves one device (a disk of type volume, an interface of type network); others are left alone. */
    static void resolve(XmlElement dev, DriverContext context) {
        if (dev.name().equals("disk") && "volume".equals(dev.attr("type"))) {
            volume(dev, context);
        } else if (dev.name().equals("interface") && "network".equals(dev.attr("type"))) {
            network(dev, context);
        }
    }

    private static void volume(XmlElement disk, DriverContext context) {
        XmlElement src = disk.child("source");
        String pool = src == null ? null : src.attr("pool");
        String vol = src == null ? null : src.attr("volume");
        if (pool == null || vol == null) {
            throw VirtException.xml("a disk of type 'volume' needs <source pool='...' volume='...'/>");
        }
        if (context == null) {
            throw new VirtException(ErrorCode.OPERATION_INVALID, "Requested operation is not valid: volume '" + vol
                    + "' of pool '" + pool + "' cannot be resolved without a connection (autostart)");
        }
        StorageService storage = context.storage();
        PoolRef p = storage.lookupPoolByName(pool);
        VolumeRef v = storage.lookupVolumeByName(p, vol);
        String path = storage.volumePath(v);
        boolean block = storage.volumeInfo(v).type() == StorageVolumeType.BLOCK;
        disk.attr("type", block ? "block" : "file");
        src.attr(block ? "dev" : "file", path);
    }

    private static void network(XmlElement nic, DriverContext context) {
        String name = Dev.attr(nic, "source", "network");
        if (name == null) {
            throw VirtException.xml("an interface of type 'network' needs <source network='...'/>");
        }
        if (context == null) {
            throw new VirtException(ErrorCode.OPERATION_INVALID, "Requested operation is not valid: network '"
                    + name + "' cannot be resolved without a connection (autostart)");
        }
        NetworkService networks = context.networks();
        NetworkRef ref = networks.lookupNetworkByName(name);
        if (!networks.networkSummary(ref).active()) {
            throw new VirtException(ErrorCode.OPERATION_INVALID, "Requested operation is not valid: network '"
                    + name + "' is not active");
        }
        nic.child("source").attr("bridge", networks.networkBridgeName(ref));
    }

    /** For a dry run of the command line: stand-ins where a backend would answer. */
    static void placeholders(DomainDef def) {
        for (XmlElement disk : def.devices("disk")) {
            if ("volume".equals(disk.attr("type")) && disk.child("source") != null) {
                disk.attr("type", "file");
                disk.child("source").attr("file", "/dev/null");
            }
        }
        for (XmlElement nic : def.devices("interface")) {
            String t = nic.attr("type");
            if (("bridge".equals(t) || "network".equals(t) || "ethernet".equals(t)) && nic.child("target") == null) {
                nic.add(XmlElement.of("target", "dev", "vnet-dry-run"));
            }
        }
    }
}
