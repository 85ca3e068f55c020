package org.virtlayer.shell.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.StoragePoolBuildFlag;
import org.virtlayer.shell.internal.TestConsole;

/** Pool and volume commands on test:///default print what virsh 9.0 prints. */
class StorageCommandsTest {
    private static final PoolListOptions ACTIVE = new PoolListOptions(false, false, false, false, false, false);
    private static final PoolListOptions ALL = new PoolListOptions(true, false, false, false, false, false);

    private final TestConsole console = new TestConsole();
    private final PoolLifecycle pools = new PoolLifecycle(console.conn());
    private final PoolQueries poolQueries = new PoolQueries(console.conn());
    private final VolumeOperations volumes = new VolumeOperations(console.conn());
    private final VolumeQueries volumeQueries = new VolumeQueries(console.conn());

    @AfterEach
    void close() {
        console.close();
    }

    @Test
    void poolListAndInfoAreVirshs() {
        assertThat(TestConsole.rows(poolQueries.list(ACTIVE, false))).isEqualTo("default-pool\tactive\tno\n");
        assertThat(TestConsole.rows(poolQueries.list(ACTIVE, true)))
                .isEqualTo("default-pool\trunning\tno\tyes\t100.00 GiB\t0.00 B\t100.00 GiB\n");
        assertThat(poolQueries.info("default-pool", false)).isEqualTo("""
                Name:           default-pool
                UUID:           dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566
                State:          running
                Persistent:     yes
                Autostart:      no
                Capacity:       100.00 GiB
                Allocation:     0.00 B
                Available:      100.00 GiB
                """);
        assertThat(poolQueries.info("default-pool", true)).contains("Capacity:       107374182400\n");
    }

    @Test
    void anInactivePoolHasNoSizes() {
        assertThat(pools.destroy("default-pool")).isEqualTo("Pool default-pool destroyed");
        assertThat(TestConsole.rows(poolQueries.list(ALL, true)))
                .isEqualTo("default-pool\tinactive\tno\tyes\t-\t-\t-\n");
        assertThat(poolQueries.info("default-pool", false)).doesNotContain("Capacity");
        assertThatThrownBy(() -> volumeQueries.list("default-pool", false))
                .hasMessageStartingWith("Failed to list volumes of pool default-pool: ");
        assertThat(pools.start("default-pool", Set.of())).isEqualTo("Pool default-pool started");
        assertThat(pools.refresh("default-pool")).isEqualTo("Pool default-pool refreshed");
        assertThat(pools.autostart("default-pool", true)).isEqualTo("Pool default-pool marked as autostarted");
    }

    @Test
    void volumesAreCreatedListedClonedAndDeletedLikeVirsh() {
        assertThat(volumes.createAs("default-pool", "v1", "1G", null, null)).isEqualTo("Vol v1 created");
        assertThat(TestConsole.rows(volumeQueries.list("default-pool", true)))
                .isEqualTo("v1\t/default-pool/v1\tfile\t1.00 GiB\t1.00 GiB\n");
        assertThat(volumeQueries.info("v1", "default-pool", false)).isEqualTo("""
                Name:           v1
                Type:           file
                Capacity:       1.00 GiB
                Allocation:     1.00 GiB
                """);
        assertThat(volumeQueries.info("/default-pool/v1", null, true))
                .contains("Capacity:       1073741824 bytes\n");
        assertThat(volumes.clone("v1", "v2", "default-pool")).isEqualTo("Vol v2 cloned from v1");
        assertThat(volumeQueries.path("v2", "default-pool")).isEqualTo("/default-pool/v2");
        assertThat(volumeQueries.dumpxml("v2", "default-pool")).contains("<name>v2</name>");
        assertThat(volumes.delete("v1", "default-pool")).isEqualTo("Vol v1 deleted");
        assertThat(TestConsole.rows(volumeQueries.list("default-pool", false)))
                .isEqualTo("v2\t/default-pool/v2\n");
    }

    @Test
    void poolAndVolumeIdentifiersAnswerAsVirsh() {
        PoolIdentifiers poolIds = new PoolIdentifiers(console.conn());
        String uuid = "dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566";
        assertThat(poolIds.uuid("default-pool")).isEqualTo(uuid);
        assertThat(poolIds.name(uuid)).isEqualTo("default-pool");
        assertThatThrownBy(() -> poolIds.uuid(uuid)).hasMessageStartingWith("failed to get pool '" + uuid
                + "': Storage pool not found");
        assertThatThrownBy(() -> poolIds.name("default-pool")).hasMessage("failed to get pool 'default-pool': not a UUID");
        volumes.createAs("default-pool", "v1", "1M", null, null);
        VolumeIdentifiers volumeIds = new VolumeIdentifiers(console.conn());
        assertThat(volumeIds.key("v1", "default-pool")).isEqualTo("/default-pool/v1");
        assertThat(volumeIds.key("/default-pool/v1", null)).isEqualTo("/default-pool/v1");
        assertThat(volumeIds.name("/default-pool/v1")).isEqualTo("v1");
        assertThat(volumeIds.pool("/default-pool/v1", false)).isEqualTo("default-pool");
        assertThat(volumeIds.pool("/default-pool/v1", true)).isEqualTo(uuid);
        assertThatThrownBy(() -> volumeIds.name("nope")).hasMessageStartingWith("failed to get vol 'nope': ");
        assertThatThrownBy(() -> volumeIds.key("nope", null))
                .hasMessageStartingWith("failed to get vol 'nope', specifying --pool might help: ");
    }

    @Test
    void poolsDescribedByOptionsAreVirshsDefinitions() {
        assertThat(new PoolArguments("p4", "netfs", "h", "/exp", null, null, "nfs", "/mnt/x").xml()).isEqualTo("""
                <pool type='netfs'>
                  <name>p4</name>
                  <source>
                    <host name='h'/>
                    <dir path='/exp'/>
                    <format type='nfs'/>
                  </source>
                  <target>
                    <path>/mnt/x</path>
                  </target>
                </pool>
                """);
        assertThat(new PoolArguments("p5", "logical", null, null, "/dev/sdb", "vg", null, "/dev/vg").xml())
                .contains("    <device path='/dev/sdb'/>\n    <name>vg</name>\n  </source>");
        assertThat(new PoolArguments("a'b", "dir", null, null, null, null, null, "/x&y").xml())
                .isEqualTo("<pool type='dir'>\n  <name>a&apos;b</name>\n  <target>\n    <path>/x&amp;y</path>\n"
                        + "  </target>\n</pool>\n");
        assertThat(pools.defineAs(new PoolArguments("p1", "dir", null, null, null, null, null, "/tmp/p1")))
                .isEqualTo("Pool p1 defined");
        assertThat(poolQueries.dumpxml("p1", true)).contains("<path>/tmp/p1</path>");
        assertThat(pools.createAs(new PoolArguments("p3", "dir", null, null, null, null, null, "/tmp/p3"),
                Set.of(StoragePoolBuildFlag.NEW))).isEqualTo("Pool p3 created");
        assertThat(TestConsole.rows(poolQueries.list(ACTIVE, false))).contains("p3\tactive\tno\n");
    }

    @Test
    void buildOptionsBecomeBuildFlagsAsInVirsh() {
        assertThat(PoolLifecycle.buildFirstFlags(false, false, false)).isEmpty();
        assertThat(PoolLifecycle.buildFirstFlags(true, false, false)).containsExactly(StoragePoolBuildFlag.NEW);
        assertThat(PoolLifecycle.buildFirstFlags(false, true, false)).containsExactly(StoragePoolBuildFlag.OVERWRITE);
        assertThat(PoolLifecycle.buildFirstFlags(true, false, true))
                .containsExactly(StoragePoolBuildFlag.NO_OVERWRITE);
        assertThatThrownBy(() -> PoolLifecycle.buildFirstFlags(true, true, true))
                .hasMessage("Options --overwrite and --no-overwrite are mutually exclusive");
    }

    @Test
    void anUnknownVolumeSuggestsThePool() {
        assertThatThrownBy(() -> volumeQueries.info("v9", null, false))
                .hasMessageStartingWith("failed to get vol 'v9', specifying --pool might help: ");
        assertThatThrownBy(() -> volumeQueries.info("v9", "default-pool", false))
                .hasMessageStartingWith("failed to get vol 'v9': Storage volume not found");
        assertThatThrownBy(() -> poolQueries.info("nope", false)).hasMessage(
                "failed to get pool 'nope': Storage pool not found: no storage pool with matching name 'nope'");
    }

    @Test
    void aNegativeResizeNeedsShrink() {
        volumes.createAs("default-pool", "v1", "1G", null, null);
        assertThatThrownBy(() -> volumes.resize("v1", "-1M", "default-pool", false, false, false))
                .hasMessage("negative size requires --shrink");
    }

    @Test
    void cloneXmlRenamesAndDropsKeyAndPath() {
        String xml = VolumeXml.renamed("<volume type='file'><name>v1</name><key>/p/v1</key><capacity>5</capacity>"
                + "<target><path>/p/v1</path><format type='qcow2'/></target></volume>", "v2");
        assertThat(xml).contains("<name>v2</name>").doesNotContain("<key>").doesNotContain("<path>")
                .contains("<format type=\"qcow2\"/>");
        assertThat(VolumeXml.createAs("a<b", 10, 5L, "raw")).contains("<name>a&lt;b</name>")
                .contains("<allocation>5</allocation>").contains("<format type='raw'/>");
    }
}
