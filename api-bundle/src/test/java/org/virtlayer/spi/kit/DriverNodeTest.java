package org.virtlayer.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/** The registry and autostart every driver's node shares. */
class DriverNodeTest {
    static final class Dom implements DriverNode.Entry {
        final UUID uuid = UUID.randomUUID();
        final String name;
        final boolean autostart;
        int id = -1;

        Dom(String name, boolean autostart) {
            this.name = name;
            this.autostart = autostart;
        }

        @Override
        public UUID uuid() {
            return uuid;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public synchronized int id() {
            return id;
        }

        @Override
        public synchronized void setId(int id) {
            this.id = id;
        }
    }

    /** A node whose domains' backend is missing for the first few tries of each. */
    static final class Node extends DriverNode<Dom> {
        final Map<String, Integer> missingTries = new ConcurrentHashMap<>();
        final List<String> tried = new ArrayList<>();
        final List<String> started = new ArrayList<>();

        @Override
        protected boolean markedAutostart(Dom d) {
            return d.autostart;
        }

        @Override
        protected synchronized void autostartOne(Dom d) {
            tried.add(d.name);
            int left = missingTries.getOrDefault(d.name, 0);
            if (left > 0) {
                missingTries.put(d.name, left - 1);
                throw new VirtException(ErrorCode.DRIVER_UNAVAILABLE, "no network backend");
            }
            if (d.name.equals("broken")) {
                throw new VirtException(ErrorCode.INTERNAL_ERROR, "cannot start");
            }
            started.add(d.name);
        }
    }

    @Test
    void domainsAreFoundByNameUuidAndTheIdTheyGetWhileRunning() {
        Node node = new Node();
        Dom a = new Dom("a", false);
        Dom b = new Dom("b", false);
        node.add(a);
        node.add(b);
        assertThat(node.domains()).containsExactly(a, b);
        assertThat(node.byName("a")).isSameAs(a);
        assertThat(node.byUuid(b.uuid)).isSameAs(b);
        assertThat(node.lookupName("c")).isNull();
        assertThatThrownBy(() -> node.byName("c")).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_DOMAIN));
        assertThatThrownBy(() -> node.byId(1)).hasMessageContaining("no domain with matching id 1");

        assertThat(node.assignId(a)).isEqualTo(1);
        assertThat(node.byId(1)).isSameAs(a);
        node.adoptId(b, 7);
        node.releaseId(a);
        assertThat(a.id()).isEqualTo(-1);
        assertThatThrownBy(() -> node.byId(1)).isInstanceOf(VirtException.class);
        // IDs are not reused, and come after any adopted one
        assertThat(node.assignId(a)).isEqualTo(8);
        node.remove(b);
        assertThat(node.lookup(b.uuid)).isNull();
        assertThatThrownBy(() -> node.byId(7)).isInstanceOf(VirtException.class);
    }

    @Test
    void autostartTriesAgainWhileABackendIsMissingAndPassesOverTheUnmarked() {
        Node node = new Node();
        node.add(new Dom("plain", false));
        node.add(new Dom("late-backend", true));
        node.add(new Dom("broken", true));
        node.add(new Dom("ready", true));
        node.missingTries.put("late-backend", 2);
        node.autostart();
        assertThat(node.started).containsExactly("ready", "late-backend");
        assertThat(node.tried).doesNotContain("plain");
        // a failure other than a missing backend is logged once, not tried again
        assertThat(node.tried.stream().filter("broken"::equals)).hasSize(1);
        assertThat(node.tried.stream().filter("late-backend"::equals)).hasSize(3);
    }
}
