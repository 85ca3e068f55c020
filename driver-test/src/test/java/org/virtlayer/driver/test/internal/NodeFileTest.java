package org.virtlayer.driver.test.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainListFlag;
import org.virtlayer.api.DomainState;
import org.virtlayer.api.DomainStateReason;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.NodeInfo;
import org.virtlayer.api.VirtException;
import org.virtlayer.core.internal.ConnectionFactoryImpl;

/** test:///ABSOLUTE/PATH/node.xml loads libvirt's example node files. */
class NodeFileTest {
    static Path examples() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("shared/corpus/libvirt-9.0.0"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("../shared/corpus/libvirt-9.0.0 not found above " + Path.of("")
                    .toAbsolutePath());
        }
        return p.resolve("shared/corpus/libvirt-9.0.0/testdriver-examples");
    }

    @ParameterizedTest
    @ValueSource(strings = {"testnode.xml", "testnodeinline.xml"})
    void libvirtsExampleNodesLoad(String file) {
        ConnectionFactoryImpl f = TestFactories.withTestDriver();
        try (Connection c = f.open("test://" + examples().resolve(file))) {
            assertThat(c.listDomains()).extracting(Domain::name).containsExactly("fv0", "fc4", "fc5");
            assertThat(c.listDomains()).extracting(Domain::id).containsExactly(1, 2, 3);
            assertThat(c.lookupDomainByName("fc4").state().state()).isEqualTo(DomainState.RUNNING);
            assertThat(c.lookupDomainByName("fv0").uuid().toString())
                    .isEqualTo("4dea22b3-1d52-d8f3-2516-782e98ab3fa0");
            assertThat(c.nodeInfo()).isEqualTo(new NodeInfo("i986", 8192000, 50, 6000, 4, 4, 4, 2));
            assertThat(c.listNetworks()).extracting(n -> n.name()).containsExactlyInAnyOrder("default", "private");
            assertThat(c.lookupStoragePoolByName("default-pool").listVolumes()).extracting(v -> v.name())
                    .containsExactly("default-vol");
            assertThat(c.listNodeDevices(null)).extracting(d -> d.name()).contains("File_test_device");
            assertThat(c.lookupDomainByName("fc4").xml()).contains("<root>/dev/sda1</root>");
            // as libvirt: the inline file's fc5 carries <test:runstate>3</test:runstate> and so starts paused
            assertThat(c.lookupDomainByName("fc5").state().state())
                    .isEqualTo(file.equals("testnodeinline.xml") ? DomainState.PAUSED : DomainState.RUNNING);
        } finally {
            f.deactivate();
        }
    }

    /** libvirt's test driver marks a domain of a node file as saved with {@code <test:hasmanagedsave/>}. */
    static final String MANAGED_SAVE_NODE = """
            <node>
              <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
                <name>saved</name>
                <memory>1048576</memory>
                <os><type>hvm</type></os>
                <test:runstate>5</test:runstate>
                <test:hasmanagedsave/>
              </domain>
              <domain type='test'>
                <name>fresh</name>
                <memory>1048576</memory>
                <os><type>hvm</type></os>
              </domain>
            </node>
            """;

    @Test
    void aManagedSaveImageIsReportedUntilTheDomainStartsFromIt(@TempDir Path tmp) throws Exception {
        Path node = Files.writeString(tmp.resolve("node.xml"), MANAGED_SAVE_NODE);
        ConnectionFactoryImpl f = TestFactories.withTestDriver();
        try (Connection c = f.open("test://" + node)) {
            Domain saved = c.lookupDomainByName("saved");
            assertThat(saved.hasManagedSave()).isTrue();
            assertThat(c.lookupDomainByName("fresh").hasManagedSave()).isFalse();
            assertThat(c.listDomains(DomainListFlag.MANAGEDSAVE)).containsExactly(saved);
            saved.start();
            assertThat(saved.state().reason()).isEqualTo(DomainStateReason.RUNNING_RESTORED);
            assertThat(saved.hasManagedSave()).isFalse();
            assertThat(c.listDomains(DomainListFlag.MANAGEDSAVE)).isEmpty();
        } finally {
            f.deactivate();
        }
    }

    @Test
    void aBrokenNodeFileIsATypedErrorNamingTheFile(@TempDir Path tmp) throws Exception {
        Path node = tmp.resolve("node.xml");
        Files.writeString(node, "<node><domain file='missing.xml'/></node>");
        ConnectionFactoryImpl f = TestFactories.withTestDriver();
        try {
            assertThatThrownBy(() -> f.open("test://" + node)).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.OPEN_FAILED);
                assertThat(e.getMessage()).contains("missing.xml");
            });
            Files.writeString(node, "<!DOCTYPE x SYSTEM 'file:///etc/passwd'><node/>");
            assertThatThrownBy(() -> f.open("test://" + node)).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR));
            assertThatThrownBy(() -> f.open("test:///nonsense")).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_CONNECT));
        } finally {
            f.deactivate();
        }
    }
}
