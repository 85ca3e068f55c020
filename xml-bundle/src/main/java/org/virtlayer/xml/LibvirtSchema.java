package org.virtlayer.xml;

/** libvirt's RELAX NG schemas, by the document they describe, with the root element each expects. */
public enum LibvirtSchema {
    DOMAIN("domain.rng", "domain"),
    NETWORK("network.rng", "network"),
    STORAGE_POOL("storagepool.rng", "pool"),
    STORAGE_VOLUME("storagevol.rng", "volume"),
    DOMAIN_BACKUP("domainbackup.rng", "domainbackup"),
    DOMAIN_SNAPSHOT("domainsnapshot.rng", "domainsnapshot"),
    DOMAIN_CHECKPOINT("domaincheckpoint.rng", "domaincheckpoint"),
    NETWORK_PORT("networkport.rng", "networkport"),
    NODE_DEVICE("nodedev.rng", "device"),
    INTERFACE("interface.rng", "interface"),
    CAPABILITIES("capability.rng", "capabilities"),
    NWFILTER("nwfilter.rng", "filter"),
    NWFILTER_BINDING("nwfilterbinding.rng", "filterbinding"),
    SECRET("secret.rng", "secret");

    private final String file;
    private final String rootElement;

    LibvirtSchema(String file, String rootElement) {
        this.file = file;
        this.rootElement = rootElement;
    }

    /** The schema's file name in libvirt's {@code src/conf/schemas}. */
    public String file() {
        return file;
    }

    /** The document element the schema describes. */
    public String rootElement() {
        return rootElement;
    }
}
