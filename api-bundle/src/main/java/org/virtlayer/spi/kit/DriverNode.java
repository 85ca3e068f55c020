package org.virtlayer.spi.kit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;
import org.osgi.annotation.versioning.ConsumerType;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.api.event.DomainEventDetail;
import org.virtlayer.spi.DomainRef;
import org.virtlayer.spi.EventSink;

/**
 * The part of a driver's node that is the same whatever the hypervisor: the registry of its domains (names, UUIDs and
 * the IDs of running ones, numbered from 1 as libvirt numbers them), the event sinks of the connections open on it,
 * and autostart. The registry's methods hold the node's own monitor, so a subclass may make several changes atomic by
 * holding it too.
 *
 * @param <D> the driver's domain
 */
@ConsumerType
public abstract class DriverNode<D extends DriverNode.Entry> {
    /** How long autostart waits for the backends a domain needs (0.5 + 1 + ... + 16 s). */
    public static final long BACKEND_WAIT_MS = 31_500;
    private static final System.Logger LOG = System.getLogger(DriverNode.class.getName());

    /** What the registry reads of a domain. */
    @ConsumerType
    public interface Entry {
        UUID uuid();

        String name();

        /** The ID while running, else -1. */
        int id();

        void setId(int id);
    }

    private final Set<EventSink> sinks = new CopyOnWriteArraySet<>();
    private final Map<UUID, D> byUuid = new LinkedHashMap<>();
    private final Map<String, D> byName = new HashMap<>();
    private final Map<Integer, D> byId = new HashMap<>();
    private int nextId = 1;

    // ---- autostart

    /** Whether the domain is marked autostart, read without waiting for its job. */
    protected abstract boolean markedAutostart(D d);

    /**
     * Starts one domain in its job's turn if it is still to autostart and not running.
     *
     * @throws VirtException DRIVER_UNAVAILABLE when a backend it needs is not installed (yet): tried again later
     */
    protected abstract void autostartOne(D d);

    /**
     * Starts the domains marked autostart that are not running. The network and storage backends are bundles of
     * their own and may come up after the driver (bundles start in no fixed order): a domain that finds its backend
     * missing (DRIVER_UNAVAILABLE) is tried again after 0.5 s, then twice as long each time, for
     * {@link #BACKEND_WAIT_MS} in all. Any other failure is logged, as libvirt logs a failed autostart. Returns when
     * interrupted (the driver stopping).
     */
    public void autostart() {
        List<D> waiting = autostartEach(domains());
        long waited = 0;
        for (long pause = 500; !waiting.isEmpty() && waited < BACKEND_WAIT_MS; pause *= 2) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return;
            }
            waited += pause;
            waiting = autostartEach(waiting);
        }
        for (D d : waiting) {
            LOG.log(System.Logger.Level.WARNING, "autostart of domain '" + d.name() + "' gave up: a backend it needs"
                    + " was not installed within " + BACKEND_WAIT_MS / 1000 + " s");
        }
    }

    /** Tries each domain once; returns those whose backend is missing. */
    private List<D> autostartEach(List<D> domains) {
        List<D> waiting = new ArrayList<>();
        for (D d : domains) {
            // one not to be started needs no wait for its job (nor a warning if the driver stops meanwhile)
            if (!markedAutostart(d)) {
                continue;
            }
            try {
                autostartOne(d);
            } catch (VirtException e) {
                if (e.code() == ErrorCode.DRIVER_UNAVAILABLE) {
                    waiting.add(d);
                } else {
                    LOG.log(System.Logger.Level.WARNING, "autostart of domain '" + d.name() + "' failed: "
                            + e.getMessage());
                }
            }
        }
        return waiting;
    }

    // ---- connections' event sinks

    public void addSink(EventSink sink) {
        sinks.add(sink);
    }

    public void removeSink(EventSink sink) {
        sinks.remove(sink);
    }

    /** Every connection open on the node hears it. */
    public void emit(DomainRef ref, DomainEventDetail detail) {
        for (EventSink s : sinks) {
            s.domainEvent(ref, detail);
        }
    }

    /** The node is closing: no connection hears it any more. */
    protected void removeSinks() {
        sinks.clear();
    }

    // ---- the registry

    public synchronized List<D> domains() {
        return new ArrayList<>(byUuid.values());
    }

    public synchronized D byName(String name) {
        D d = byName.get(name);
        if (d == null) {
            throw VirtException.noDomain("no domain with matching name '" + name + "'");
        }
        return d;
    }

    public synchronized D byUuid(UUID uuid) {
        D d = byUuid.get(uuid);
        if (d == null) {
            throw VirtException.noDomain("no domain with matching uuid '" + uuid + "'");
        }
        return d;
    }

    public synchronized D byId(int id) {
        D d = byId.get(id);
        if (d == null) {
            throw VirtException.noDomain("no domain with matching id " + id);
        }
        return d;
    }

    /** The domain a reference names. */
    public synchronized D find(DomainRef ref) {
        D d = byUuid.get(ref.uuid());
        if (d == null) {
            throw VirtException.noDomain("no domain with matching uuid '" + ref.uuid() + "' (" + ref.name() + ")");
        }
        return d;
    }

    /** The domain with this UUID, or null. */
    public synchronized D lookup(UUID uuid) {
        return byUuid.get(uuid);
    }

    /** The domain with this name, or null. */
    public synchronized D lookupName(String name) {
        return byName.get(name);
    }

    public synchronized void add(D d) {
        byUuid.put(d.uuid(), d);
        byName.put(d.name(), d);
        int id = d.id();
        if (id >= 0) {
            byId.put(id, d);
        }
    }

    public synchronized void remove(D d) {
        byUuid.remove(d.uuid());
        byName.remove(d.name());
        int id = d.id();
        if (id >= 0) {
            byId.remove(id);
        }
    }

    /** Gives a starting domain the next ID. */
    public synchronized int assignId(D d) {
        int id = nextId++;
        d.setId(id);
        byId.put(id, d);
        return id;
    }

    /** A domain found running again keeps its ID; later ones are numbered after it. */
    public synchronized void adoptId(D d, int id) {
        d.setId(id);
        byId.put(id, d);
        nextId = Math.max(nextId, id + 1);
    }

    /** A domain that stopped gives its ID back (IDs are not reused: the next start gets a new one). */
    public synchronized void releaseId(D d) {
        int id = d.id();
        if (id >= 0) {
            byId.remove(id);
        }
        d.setId(-1);
    }
}
