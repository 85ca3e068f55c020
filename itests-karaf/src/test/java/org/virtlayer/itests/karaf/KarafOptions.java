package org.virtlayer.itests.karaf;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.options.MavenArtifactUrlReference;
import org.ops4j.pax.exam.options.extra.VMOption;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.util.PathUtils;

/**
 * The Karafs the tests run in: stock Apache Karaf 4.4.10, and virtlayer's distribution. Both on free ports (other
 * builds share this machine), both resolving mvn: URLs from this build's local repository.
 */
final class KarafOptions {
    /** Where the probe finds the features repository: passed in, since the probe cannot read the build's files. */
    static final String FEATURES_URL = "virtlayer.features.url";
    static final String TIMINGS_FILE = "virtlayer.timings";

    private KarafOptions() {
    }

    static Option[] stockKaraf(Option... extra) {
        return karaf(maven("org.apache.karaf", "apache-karaf").versionAsInProject().type("tar.gz"), "Apache Karaf",
                extra);
    }

    static Option[] distribution(Option... extra) {
        return karaf(maven("org.virtlayer", "virtlayer-karaf-dist").versionAsInProject().type("tar.gz"),
                "virtlayer", extra);
    }

    static String featuresUrl() {
        return maven("org.virtlayer", "virtlayer-features").classifier("features").type("xml").versionAsInProject()
                .getURL();
    }

    private static Option[] karaf(MavenArtifactUrlReference karaf, String name, Option... extra) {
        String localRepository = System.getProperty("org.ops4j.pax.url.mvn.localRepository", "");
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration().frameworkUrl(karaf).name(name)
                        .unpackDirectory(new File(PathUtils.getBaseDir(), "target/exam")).useDeployFolder(false),
                // a container that fails to start explains itself only in data/log/karaf.log
                keepRuntimeFolder(),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.WARN),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                        localRepository),
                // this build's virtlayer artifacts before the shared local repository's (see the pom)
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                        "${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots,"
                                + " ${karaf.data.uri}kar@id=kar.repository@multi@snapshots,"
                                + " ${karaf.base.uri}${karaf.default.repository}@id=child.system.repository@snapshots,"
                                + " file:" + System.getProperty("virtlayer.build.repository")
                                + "@id=virtlayer.build@snapshots"),
                // Maven Central only: Karaf's default list has snapshot repositories, which it would ask about
                // every virtlayer SNAPSHOT before taking the local one
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories",
                        "https://repo1.maven.org/maven2@id=central"),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort()),
                systemProperty(FEATURES_URL).value(featuresUrl()),
                systemProperty(TIMINGS_FILE).value(System.getProperty(TIMINGS_FILE,
                        new File(PathUtils.getBaseDir(), "target/karaf-timings.txt").getAbsolutePath()))));
        options.addAll(java17Options());
        options.addAll(Arrays.asList(extra));
        return options.toArray(Option[]::new);
    }

    /**
     * What bin/karaf passes to Java 9 and later and Pax Exam does not: Karaf's endorsed XML and locator specs and
     * the packages Karaf's boot code opens.
     */
    private static List<Option> java17Options() {
        String karafVersion = org.ops4j.pax.exam.MavenUtils.getArtifactVersion("org.apache.karaf", "apache-karaf");
        List<Option> vm = new ArrayList<>();
        for (String arg : new String[] {
            "--add-reads=java.xml=java.logging",
            "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
            "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar",
            "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar",
            "--add-opens", "java.base/java.security=ALL-UNNAMED",
            "--add-opens", "java.base/java.net=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
            "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
            "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "-classpath", "lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*"}) {
            vm.add(new VMOption(arg));
        }
        return vm;
    }

    static String freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return Integer.toString(s.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
