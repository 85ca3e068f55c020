package org.virtlayer.xml.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.felix.framework.Felix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.virtlayer.api.VirtException;

/**
 * The packaged xml bundle in plain Felix with nothing but the JDK and the API bundle: every Import-Package resolves
 * (Jing is embedded, none of its optional dependencies is imported) and schema validation works inside the
 * framework, loading the bundled schemas and Jing's messages through the bundle's class loader.
 */
class XmlBundleInFelixIT {
    private Framework felix;
    /** The framework's storage, removed by JUnit after each test. */
    @TempDir
    Path storage;

    @BeforeEach
    void start() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        felix = new Felix(config);
        felix.start();
    }

    @AfterEach
    void stop() throws Exception {
        felix.stop();
        felix.waitForStop(10_000);
    }

    @Test
    void bundleResolvesAndValidatesInsideTheFramework() throws Exception {
        Bundle api = felix.getBundleContext().installBundle(location(VirtException.class));
        Bundle xml = felix.getBundleContext().installBundle(
                new File(System.getProperty("xml.bundle.jar")).toURI().toString());
        api.start();
        xml.start();
        assertThat(xml.getState()).as("xml bundle state").isEqualTo(Bundle.ACTIVE);
        String imports = xml.getHeaders().get(Constants.IMPORT_PACKAGE);
        assertThat(imports).doesNotContain("thaiopensource", "saxon", "iso_relax", "xerces");

        Class<?> validator = xml.loadClass("org.virtlayer.xml.SchemaValidator");
        Method validateDomain = validator.getMethod("validateDomain", String.class);
        validateDomain.invoke(null, "<domain type='test'><name>a</name><memory>1024</memory>"
                + "<os><type>hvm</type></os></domain>");
        try {
            validateDomain.invoke(null, "<domain type='test'><name>a</name><memory>1024</memory>"
                    + "<os><type>hvm</type></os><bogus/></domain>");
            throw new AssertionError("an unknown element validated inside the framework");
        } catch (InvocationTargetException e) {
            Object code = e.getCause().getClass().getMethod("code").invoke(e.getCause());
            assertThat(code.toString()).isEqualTo("XML_INVALID_SCHEMA");
            assertThat(e.getCause().getMessage()).contains("bogus");
        }
    }

    /** Where a class of the API bundle comes from: its jar, or its classes folder (which Felix installs by reference). */
    private static String location(Class<?> c) throws Exception {
        URL url = c.getProtectionDomain().getCodeSource().getLocation();
        File f = new File(url.toURI());
        return f.isDirectory() ? "reference:" + f.toURI() : f.toURI().toString();
    }
}
