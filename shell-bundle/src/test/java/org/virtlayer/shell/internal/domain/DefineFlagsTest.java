package org.virtlayer.shell.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainDefineFlag;
import org.virtlayer.shell.internal.XmlFiles;

/**
 * {@code virt:define --validate} hands DomainDefineFlag.VALIDATE to the connection; what validation does is the
 * core's business, so a connection that records its calls stands in for it.
 */
class DefineFlagsTest {
    @TempDir
    Path dir;

    private final List<Object> flagsSeen = new ArrayList<>();

    private Connection recording() {
        Domain vm = (Domain) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Domain.class},
                (p, m, a) -> m.getName().equals("name") ? "vm1" : null);
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (p, m, a) -> {
                    if (m.getName().equals("defineDomain")) {
                        flagsSeen.addAll(Arrays.asList((Object[]) a[1]));
                        return vm;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void validateIsPassedOnAndOnlyWhenAsked() throws IOException {
        Files.writeString(dir.resolve("vm1.xml"), "<domain/>");
        DomainLifecycle lifecycle = new DomainLifecycle(recording());
        assertThat(lifecycle.define(new XmlFiles(dir), "vm1.xml", true)).isEqualTo("Domain 'vm1' defined from vm1.xml");
        assertThat(flagsSeen).containsExactly(DomainDefineFlag.VALIDATE);
        flagsSeen.clear();
        lifecycle.define(new XmlFiles(dir), "vm1.xml", false);
        assertThat(flagsSeen).isEmpty();
    }
}
