package org.virtlayer.xml.internal.schema;

import java.io.IOException;
import java.io.InputStream;
import com.thaiopensource.resolver.Identifier;
import com.thaiopensource.resolver.Input;
import com.thaiopensource.resolver.Resolver;
import com.thaiopensource.resolver.ResolverException;

/**
 * Resolves what a schema includes ({@code <include href='basictypes.rng'/>}) to the copies of libvirt's schemas
 * inside this bundle, and refuses anything else: Jing never opens a file or a URL itself.
 */
final class BundledSchemaResolver implements Resolver {
    /** The base URI given to bundled schemas; it only serves to resolve relative includes, never to be opened. */
    static final String BASE = "file:///virtlayer-bundled-schemas/";
    private static final String RESOURCES = "/org/virtlayer/xml/schemas/";
    private static final java.util.regex.Pattern SCHEMA_FILE = java.util.regex.Pattern.compile(
            "[A-Za-z0-9_-]{1,64}\\.rng");

    @Override
    public void resolve(Identifier id, Input input) throws IOException, ResolverException {
        String name = fileName(id.getUriReference());
        input.setUri(BASE + name);
        input.setByteStream(open(name));
    }

    @Override
    public void open(Input input) throws IOException, ResolverException {
        if (input.isOpen()) {
            return;
        }
        String uri = input.getUri();
        if (uri == null || !uri.startsWith(BASE)) {
            throw new ResolverException("refused to open '" + uri + "': only libvirt's bundled schemas are read");
        }
        input.setByteStream(open(fileName(uri.substring(BASE.length()))));
    }

    /** The last path segment, if it is a plain schema file name; anything else is refused. */
    static String fileName(String ref) throws ResolverException {
        String name = ref == null ? "" : ref.substring(ref.lastIndexOf('/') + 1);
        if (!SCHEMA_FILE.matcher(name).matches()) {
            throw new ResolverException("refused schema reference '" + ref + "'");
        }
        return name;
    }

    static InputStream open(String name) throws IOException {
        InputStream in = BundledSchemaResolver.class.getResourceAsStream(RESOURCES + name);
        if (in == null) {
            throw new IOException("libvirt schema " + name + " is not in the bundle (the build copies "
                    + "libvirt's schemas from the corpus folder)");
        }
        return in;
    }
}
