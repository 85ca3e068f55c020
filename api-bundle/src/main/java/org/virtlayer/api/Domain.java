package org.virtlayer.api;

import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A handle on one domain of a connection, libvirt's {@code virDomainPtr}: it names the domain (name, UUID) and every
 * call asks the driver, so a handle never holds stale state. Two handles are equal when they name the same domain
 * on the same connection.
 */
@ProviderType
public interface Domain {
    Connection connection();

    String name();

    UUID uuid();

    /** The ID while the domain runs, -1 when it is shut off (as of the last call through this handle). */
    int id();

    // ---- queries

    DomainInfo info();

    DomainStateInfo state();

    boolean isActive();

    boolean isPersistent();

    /** The guest's OS type: {@code hvm}, {@code linux}, {@code exe}. */
    String osType();

    /** The definition as libvirt-compatible XML: the live one while running, unless {@link DomainXmlFlag#INACTIVE}. */
    String xml(DomainXmlFlag... flags);

    boolean autostart();

    /**
     * Whether the domain has a managed save image, libvirt's {@code virDomainHasManagedSaveImage}: its next start
     * resumes from that image instead of booting (unless started with {@link DomainStartFlag#FORCE_BOOT}).
     */
    boolean hasManagedSave();

    /** This domain's statistics; a shortcut for {@link Connection#domainStats}. */
    DomainStatsRecord stats(StatsGroup... groups);

    /**
     * The domain's title, description, or one {@code <metadata>} element ({@code uri} names its namespace).
     *
     * @throws VirtException {@link ErrorCode#NO_DOMAIN_METADATA} when there is none
     */
    String metadata(MetadataType type, String uri, ModificationImpact... impact);

    SecurityLabel securityLabel();

    // ---- lifecycle

    /** Starts a defined domain. @throws VirtException {@link ErrorCode#OPERATION_INVALID} if it is running */
    void start(DomainStartFlag... flags);

    /** Asks the guest to shut down; returns once asked, not once it is off. */
    void shutdown(ShutdownMode... modes);

    /** Stops the domain at once, like pulling the plug. */
    void destroy();

    /** Asks the guest to reboot. */
    void reboot(ShutdownMode... modes);

    /** Resets the domain at once, like pressing the reset button. */
    void reset();

    void suspend();

    void resume();

    /** Saves the running domain's memory to a file on the node and stops it; {@link Connection#restoreDomain}. */
    void save(String path);

    /** Removes the persistent definition; a running domain becomes transient. */
    void undefine(DomainUndefineFlag... flags);

    // ---- changes

    void setAutostart(boolean autostart);

    /** Sets the current memory in KiB (the balloon target when live). */
    void setMemory(long kib, ModificationImpact... impact);

    /** Sets the maximum memory in KiB. */
    void setMaxMemory(long kib, ModificationImpact... impact);

    void setVcpus(int count, ModificationImpact... impact);

    void attachDevice(String deviceXml, ModificationImpact... impact);

    void detachDevice(String deviceXml, ModificationImpact... impact);

    void updateDevice(String deviceXml, ModificationImpact... impact);

    /**
     * Sets (or with a null value removes) the title, the description, or one {@code <metadata>} element whose
     * namespace is {@code uri} and prefix {@code key}.
     */
    void setMetadata(MetadataType type, String value, String key, String uri, ModificationImpact... impact);
}
