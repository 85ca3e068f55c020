package org.virtlayer.driver.lxc.internal.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.driver.lxc.internal.launch.ContainerMounts;
import org.virtlayer.driver.lxc.internal.launch.ContainerPlan;
import org.virtlayer.driver.lxc.internal.launch.SetupScript;
import org.virtlayer.linux.UserNamespaces;
import org.virtlayer.xml.DomainDef;

/**
 * The LXC driver's definition rules on libvirt's own container definitions ({@code lxcxml2xmldata} of libvirt 9.0),
 * what a definition becomes (plan, mount tables, setup script), and what is refused.
 */
class DefinitionsTest {
    private static final Path CORPUS = Path.of(System.getProperty("virtlayer.corpus",
            "../../shared/corpus/libvirt-9.0.0"), "lxcxml2xmldata");

    private static String corpus(String name) throws Exception {
        return Files.readString(CORPUS.resolve(name));
    }

    @Test
    void libvirtsContainerDefinitionsThisDriverRunsOrRefuses() throws Exception {
        List<String> accepted = List.of("lxc-systemd.xml", "lxc-initenv.xml", "lxc-initdir.xml", "lxc-idmap.xml",
                "lxc-ethernet.xml", "lxc-ethernet-hostip.xml", "lxc-filesystem-root.xml", "lxc-filesystem-ram.xml",
                "lxc-capabilities.xml");
        Map<String, String> refused = Map.of("lxc-hostdev.xml", "<hostdev>", "lxc-disk-formats.xml",
                "filesystem type 'file'", "lxc-inituser.xml", "<inituser>", "lxc-sharenet.xml", "<lxc:namespace>");
        try (var files = Files.list(CORPUS)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .as("every definition of the corpus is one or the other")
                    .containsExactlyInAnyOrderElementsOf(concat(accepted, refused.keySet()));
        }
        for (String f : accepted) {
            DomainDef def = Definitions.parse(corpus(f));
            assertThat(DomainDef.parse(def.format(true, true)).name()).as(f).isEqualTo(def.name());
            ContainerPlan.of(def);
        }
        for (Map.Entry<String, String> e : refused.entrySet()) {
            assertThatThrownBy(() -> Definitions.parse(corpus(e.getKey()))).as(e.getKey())
                    .isInstanceOfSatisfying(VirtException.class, x -> {
                        assertThat(x.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED);
                        assertThat(x.getMessage()).contains(e.getValue());
                    });
        }
    }

    private static List<String> concat(List<String> a, java.util.Collection<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void whatLibvirtFillsInAndWhatAPlanIsMadeOf() throws Exception {
        DomainDef def = Definitions.parse("<domain type='lxc'><name>-web 1</name><memory>1024</memory>"
                + "<os><type>exe</type><initarg>--x</initarg><initenv name='A'>b c</initenv></os>"
                + "<devices><filesystem><source dir='/srv/it&apos;s root'/><target dir='/'/><readonly/></filesystem>"
                + "<filesystem type='ram'><source usage='2' units='MiB'/><target dir='/run'/></filesystem>"
                + "<console type='pty'/></devices></domain>");
        String xml = def.format(true, true);
        assertThat(xml).contains("<init>/sbin/init</init>", "<filesystem type='mount' accessmode='passthrough'>",
                "<target type='lxc' port='0'/>");
        ContainerPlan plan = ContainerPlan.of(def);
        assertThat(plan.hostname()).as("letters, digits and '-', no leading '-'").isEqualTo("web1");
        assertThat(plan.initArgv()).containsExactly("/sbin/init", "--x");
        assertThat(plan.initEnv()).containsEntry("A", "b c").containsEntry("container", "lxc-libvirt")
                .containsEntry("LIBVIRT_LXC_NAME", "-web 1").containsEntry("PATH", "/bin:/sbin");
        assertThat(plan.root().source()).isEqualTo("/srv/it's root");
        assertThat(plan.root().readonly()).isTrue();
        assertThat(plan.filesystems()).singleElement().satisfies(fs -> {
            assertThat(fs.kind()).isEqualTo(ContainerPlan.Kind.RAM);
            assertThat(fs.ramBytes()).isEqualTo(2L << 20);
        });
        assertThat(plan.droppedCapabilities()).containsExactlyElementsOf(ContainerPlan.DEFAULT_DROPPED);
        assertThat(plan.userNamespace()).isFalse();

        ContainerMounts m = new ContainerMounts(plan, Path.of("/run/x/root"), "/dev/pts/7");
        // a blank in a path is an octal escape in a mount table
        assertThat(m.rootTable()).startsWith("/srv/it's\\040root /run/x/root none rbind 0 0\n")
                .contains("proc /run/x/root/proc proc nosuid,nodev,noexec 0 0\n");
        assertThat(m.deviceTable()).contains("/dev/pts/7 /run/x/root/dev/console none bind 0 0\n",
                "tmpfs /run/x/root/run tmpfs nosuid,nodev,size=2097152 0 0\n", ",gid=5 0 0\n");
        assertThat(m.readOnly()).containsExactly("/run/x/root/proc/sys", "/run/x/root");
        String script = SetupScript.text(plan, m, Path.of("/run/x/fstab.root"), Path.of("/run/x/fstab.devices"),
                Path.of("/run/skel"), true, Path.of("/bin/busybox"));
        assertThat(script).contains("hostname 'web1'", "exec env -i 'PATH=/bin:/sbin'", "'A=b c'",
                "'/sbin/init' '--x'\n", "pivot_root . . && umount -l .");
        assertThat(script.indexOf("read -r go")).as("nothing before the driver's go")
                .isLessThan(script.indexOf("mount -a"));
    }

    @Test
    void userNamespaceCapabilitiesAndRefusals() throws Exception {
        ContainerPlan idmapped = ContainerPlan.of(Definitions.parse(corpus("lxc-idmap.xml")));
        assertThat(idmapped.userNamespace()).isTrue();
        assertThat(UserNamespaces.hostId(idmapped.uidMap(), 0)).isEqualTo(100_000);
        assertThat(idmapped.nics()).singleElement().satisfies(n -> {
            assertThat(n.guestName()).isEqualTo("eth2");
            assertThat(n.bridge()).isEqualTo("bri0");
            assertThat(n.addresses()).hasSize(2);
            assertThat(n.routes()).first().satisfies(r -> assertThat(r.prefix()).as("default route").isZero());
        });
        ContainerPlan hostIp = ContainerPlan.of(Definitions.parse(corpus("lxc-ethernet-hostip.xml")));
        assertThat(hostIp.nics().get(0).hostAddresses()).hasSize(2);
        assertThat(hostIp.nics().get(0).addresses().get(0).peer()).isEqualTo("192.168.122.12");
        ContainerPlan caps = ContainerPlan.of(Definitions.parse(corpus("lxc-capabilities.xml")));
        assertThat(caps.droppedCapabilities()).doesNotContain("mknod").contains("sys_module");

        String base = "<domain type='lxc'><name>x</name><memory>1024</memory><os><type>exe</type></os>%s"
                + "<devices>%s</devices></domain>";
        Map<String, String> bad = Map.of(
                String.format(base, "", "<disk type='file'><source file='/x'/><target dev='vda'/></disk>"), "<disk>",
                String.format(base, "<idmap><uid start='0' target='1000' count='10'/></idmap>", ""), "<gid>",
                String.format(base, "<idmap><uid start='1' target='1000' count='10'/><gid start='0' target='1000'"
                        + " count='10'/></idmap>", ""), "root user",
                String.format(base, "<features><capabilities policy='deny'/></features>", ""), "policy 'deny'",
                String.format(base, "<features><capabilities policy='default'><sys_admin state='off'/>"
                        + "</capabilities></features>", ""), "sys_admin",
                String.format(base, "", "<interface type='user'/>"), "interface type 'user'",
                String.format(base, "", "<console type='file'><source path='/x'/></console>"), "console type",
                "<domain type='kvm'><name>x</name><memory>1024</memory><os><type>hvm</type></os></domain>",
                "domain type 'kvm'");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            assertThatThrownBy(() -> Definitions.parse(e.getKey())).isInstanceOfSatisfying(VirtException.class,
                    x -> assertThat(x.getMessage()).as(e.getKey()).contains(e.getValue()));
        }
    }
}
