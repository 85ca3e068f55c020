package org.virtlayer.shell.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.api.DomainStartFlag;
import org.virtlayer.api.DomainXmlFlag;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.StatsGroup;
import org.virtlayer.shell.internal.CommandFailure;
import org.virtlayer.shell.internal.TestConsole;
import org.virtlayer.shell.internal.XmlFiles;

/** Domain commands on test:///default: virsh's messages, tables and blocks, and one-line failures. */
class DomainCommandsTest {
    private static final String VM = """
            <domain type='test'>
              <name>vm1</name>
              <memory unit='MiB'>64</memory>
              <vcpu>1</vcpu>
              <os><type>hvm</type></os>
            </domain>
            """;

    private final TestConsole console = new TestConsole();
    private final DomainLifecycle lifecycle = new DomainLifecycle(console.conn());
    private final DomainQueries queries = new DomainQueries(console.conn());
    private final DomainSettings settings = new DomainSettings(console.conn());

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        console.close();
    }

    private XmlFiles files() throws IOException {
        Files.writeString(dir.resolve("vm1.xml"), VM);
        return new XmlFiles(dir);
    }

    @Test
    void listShowsTheRunningTestDomainAsVirshDoes() {
        assertThat(TestConsole.render(queries.list(DomainListOptions.ACTIVE), true)).isEqualTo("""
                Id | Name | State
                ---+------+--------
                 1 | test | running
                """);
        assertThat(TestConsole.rows(queries.list(DomainListOptions.ACTIVE))).isEqualTo("1\ttest\trunning\n");
        assertThat(queries.listNames(DomainListOptions.ACTIVE, true, false)).isEqualTo("test\n");
        assertThat(queries.listNames(DomainListOptions.ACTIVE, true, true))
                .isEqualTo("6695eb01-f6a4-8304-79aa-97f2502e193f test\n");
    }

    @Test
    void listFiltersLikeVirsh() throws IOException {
        lifecycle.define(files(), "vm1.xml", false);
        DomainListOptions all = new DomainListOptions(true, false, false, false, false, false, false, false, false,
                false);
        DomainListOptions inactive = new DomainListOptions(false, true, false, false, false, false, false, false,
                false, false);
        DomainListOptions shutoff = new DomainListOptions(false, false, false, false, true, false, false, false,
                false, false);
        // running domains by ID first, then the others by name, as virsh sorts them
        assertThat(TestConsole.rows(queries.list(all))).isEqualTo("1\ttest\trunning\n-\tvm1\tshut off\n");
        assertThat(queries.listNames(inactive, true, false)).isEqualTo("vm1\n");
        // a state filter alone is not limited to active domains
        assertThat(queries.listNames(shutoff, true, false)).isEqualTo("vm1\n");
        assertThat(queries.listNames(DomainListOptions.ACTIVE, true, false)).isEqualTo("test\n");
    }

    @Test
    void dominfoHasVirshsLabelsAndValues() {
        String info = queries.dominfo("test");
        assertThat(info.lines().filter(l -> !l.startsWith("CPU time:"))).containsExactly(
                "Id:             1",
                "Name:           test",
                "UUID:           6695eb01-f6a4-8304-79aa-97f2502e193f",
                "OS Type:        linux",
                "State:          running",
                "CPU(s):         2",
                "Max memory:     8388608 KiB",
                "Used memory:    2097152 KiB",
                "Persistent:     yes",
                "Autostart:      disable",
                "Managed save:   no",
                "Security model: testSecurity",
                "Security DOI:   ",
                "Security label: libvirt-test (enforcing)");
        assertThat(info).containsPattern("(?m)^CPU time:       \\d+\\.\\ds$");
    }

    @Test
    void dominfoOfAShutOffDomainHasNoIdAndNoLabel() {
        lifecycle.destroy("test");
        String info = queries.dominfo("test");
        assertThat(info).startsWith("Id:             -\n").contains("State:          shut off\n")
                .doesNotContain("Security label");
    }

    @Test
    void dominfoShowsAManagedSaveImage() throws IOException {
        Path node = Files.writeString(dir.resolve("node.xml"), """
                <node>
                  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
                    <name>saved</name>
                    <memory>1048576</memory>
                    <os><type>hvm</type></os>
                    <test:runstate>5</test:runstate>
                    <test:hasmanagedsave/>
                  </domain>
                </node>
                """);
        DomainQueries onNode = new DomainQueries(console.console.connection("test://" + node));
        assertThat(onNode.dominfo("saved")).contains("Managed save:   yes\n");
        assertThat(queries.dominfo("test")).contains("Managed save:   no\n");
    }

    @Test
    void domidDomuuidAndDomnameTakeWhatVirshTakes() {
        DomainIdentifiers ids = new DomainIdentifiers(console.conn());
        String uuid = "6695eb01-f6a4-8304-79aa-97f2502e193f";
        assertThat(ids.id("test")).isEqualTo("1");
        assertThat(ids.id(uuid)).isEqualTo("1");
        assertThat(ids.uuid("test")).isEqualTo(uuid);
        assertThat(ids.uuid("1")).isEqualTo(uuid);
        assertThat(ids.name("1")).isEqualTo("test");
        assertThat(ids.name(uuid)).isEqualTo("test");
        assertThatThrownBy(() -> ids.name("test")).hasMessage("failed to get domain 'test': not a domain ID or UUID");
        assertThatThrownBy(() -> ids.uuid(uuid)).hasMessageStartingWith("failed to get domain '" + uuid
                + "': Domain not found");
        lifecycle.destroy("test");
        assertThat(ids.id("test")).isEqualTo("-");
        assertThatThrownBy(() -> ids.name("1")).hasMessageStartingWith("failed to get domain '1': Domain not found");
    }

    @Test
    void domainsAreFoundByIdUuidOrName() {
        assertThat(queries.domstate("1", false)).isEqualTo("running");
        assertThat(queries.domstate("6695eb01-f6a4-8304-79aa-97f2502e193f", true)).isEqualTo("running (unknown)");
        assertThat(queries.domstate("test", false)).isEqualTo("running");
    }

    @Test
    void anUnknownDomainIsOneLineNamingIt() {
        assertThatThrownBy(() -> lifecycle.start("nope", Set.of()))
                .isInstanceOf(CommandFailure.class)
                .hasMessage("failed to get domain 'nope': Domain not found: no domain with matching name 'nope'")
                .satisfies(e -> assertThat(((CommandFailure) e).virtError().orElseThrow().code())
                        .isEqualTo(ErrorCode.NO_DOMAIN));
    }

    @Test
    void lifecycleMessagesAreVirshs() throws IOException {
        assertThat(lifecycle.suspend("test")).isEqualTo("Domain 'test' suspended");
        assertThat(queries.domstate("test", true)).isEqualTo("paused (user)");
        assertThat(lifecycle.resume("test")).isEqualTo("Domain 'test' resumed");
        assertThat(lifecycle.reboot("test", Set.of())).isEqualTo("Domain 'test' is being rebooted");
        assertThat(lifecycle.reset("test")).isEqualTo("Domain 'test' was reset");
        assertThat(lifecycle.shutdown("test", Set.of())).isEqualTo("Domain 'test' is being shutdown");
        assertThat(queries.domstate("test", false)).isEqualTo("shut off");
        assertThat(lifecycle.start("test", Set.of())).isEqualTo("Domain 'test' started");
        assertThat(lifecycle.destroy("test")).isEqualTo("Domain 'test' destroyed");
        assertThat(lifecycle.autostart("test", true)).isEqualTo("Domain 'test' marked as autostarted");
        assertThat(lifecycle.autostart("test", false)).isEqualTo("Domain 'test' unmarked as autostarted");
        assertThat(lifecycle.define(files(), "vm1.xml", false)).isEqualTo("Domain 'vm1' defined from vm1.xml");
        assertThat(lifecycle.undefine("vm1", Set.of())).isEqualTo("Domain 'vm1' has been undefined");
        assertThat(lifecycle.create(files(), "vm1.xml", Set.of(DomainStartFlag.PAUSED)))
                .isEqualTo("Domain 'vm1' created from vm1.xml");
        assertThat(queries.domstate("vm1", false)).isEqualTo("paused");
    }

    @Test
    void aWrongStateFailsNamingTheDomainAndTheReason() {
        assertThatThrownBy(() -> lifecycle.start("test", Set.of()))
                .hasMessage("Failed to start domain 'test': Requested operation is not valid: domain 'test' is"
                        + " already running");
    }

    @Test
    void saveAndRestore() {
        String file = dir.resolve("test.save").toString();
        assertThat(lifecycle.save("test", file)).isEqualTo("Domain 'test' saved to " + file);
        assertThat(queries.domstate("test", true)).isEqualTo("shut off (saved)");
        assertThat(lifecycle.restore(file)).isEqualTo("Domain restored from " + file);
        assertThat(queries.domstate("test", true)).isEqualTo("running (restored)");
    }

    @Test
    void badFilesFailInOneLine() {
        XmlFiles files = new XmlFiles(dir);
        assertThatThrownBy(() -> lifecycle.define(files, "missing.xml", false))
                .hasMessage("Failed to open file 'missing.xml': No such file or directory");
        assertThatThrownBy(() -> lifecycle.define(files, ".", false))
                .hasMessage("Failed to open file '.': Is a directory");
    }

    @Test
    void badXmlNamesTheFile() throws IOException {
        Files.writeString(dir.resolve("bad.xml"), "<domain type='test'><name>x</name></domain>");
        assertThatThrownBy(() -> lifecycle.define(new XmlFiles(dir), "bad.xml", false))
                .hasMessageStartingWith("Failed to define domain from bad.xml: XML error: ");
    }

    @Test
    void setmemTakesVirshsUnitsAndSetvcpusACount() {
        assertThat(settings.setmem("test", "1G", Impact.CURRENT)).isEmpty();
        assertThat(console.conn().lookupDomainByName("test").info().memoryKiB()).isEqualTo(1024 * 1024);
        assertThat(settings.setmem("test", "524288", Impact.CURRENT)).isEmpty();
        assertThat(console.conn().lookupDomainByName("test").info().memoryKiB()).isEqualTo(524288);
        assertThat(settings.setvcpus("test", "1", new Impact(true, false, false, false))).isEmpty();
        assertThat(console.conn().lookupDomainByName("test").info().vcpus()).isEqualTo(1);
        assertThatThrownBy(() -> settings.setvcpus("test", "two", Impact.CURRENT))
                .hasMessage("Numeric value 'two' for <count> option is malformed or out of range");
        assertThatThrownBy(() -> settings.setmem("test", "1X", Impact.CURRENT))
                .hasMessageStartingWith("invalid memory size '1X'");
        assertThatThrownBy(() -> new Impact(true, false, true, false))
                .hasMessage("Options --current and --live are mutually exclusive");
    }

    @Test
    void domstatsPrintsKeyValueLinesPerDomain() {
        assertThat(queries.domstats(List.of("test"), Set.of(StatsGroup.STATE), DomainListOptions.ACTIVE))
                .isEqualTo("Domain: 'test'\n  state.state=1\n  state.reason=0\n\n");
        assertThat(queries.domstats(List.of(), Set.of(StatsGroup.BALLOON), DomainListOptions.ACTIVE))
                .isEqualTo("Domain: 'test'\n  balloon.current=2097152\n  balloon.maximum=8388608\n\n");
    }

    @Test
    void dumpxmlIsTheDefinition() {
        assertThat(queries.dumpxml("test", Set.of())).startsWith("<domain type='test' id='1'>")
                .contains("<name>test</name>");
        assertThat(queries.dumpxml("test", Set.of(DomainXmlFlag.INACTIVE))).startsWith("<domain type='test'>");
    }
}
