package org.virtlayer.itests.felix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.osgi.framework.Constants;

/**
 * The API packages the framework must export from the class path, at the versions the api bundle itself exports, so
 * that the test code and the bundles see the same classes. Read from the built jar, so a version bump needs no edit.
 */
final class ApiExports {
    private ApiExports() {
    }

    static String systemPackagesExtra(Path apiJar) {
        try (JarFile jar = new JarFile(apiJar.toFile())) {
            String exports = jar.getManifest().getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
            return pkg(exports, "org.virtlayer.api") + "," + pkg(exports, "org.virtlayer.api.event");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pkg(String exports, String name) {
        int at = exports.indexOf(name + ";version=\"");
        if (at < 0) {
            throw new IllegalStateException(name + " is not exported by the api bundle: " + exports);
        }
        int start = at + name.length() + ";version=\"".length();
        return name + ";version=" + exports.substring(start, exports.indexOf('"', start));
    }
}
