package org.virtlayer.xml.internal.schema;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.LibvirtSchema;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import com.thaiopensource.datatype.xsd.DatatypeLibraryFactoryImpl;
import com.thaiopensource.datatype.xsd.regex.java.RegexEngineImpl;
import com.thaiopensource.util.PropertyMap;
import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.IncorrectSchemaException;
import com.thaiopensource.validate.Schema;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.prop.rng.RngProperty;
import com.thaiopensource.validate.rng.SAXSchemaReader;

/**
 * libvirt's schemas compiled by Jing, once each, on first use. Everything Jing would otherwise look up through
 * service files (datatype library, regular expression engine, XML parser) is given explicitly, so that it works the
 * same inside an OSGi bundle as on a class path.
 */
public final class CompiledSchemas {
    private static final Map<LibvirtSchema, CompiledSchema> CACHE = new EnumMap<>(LibvirtSchema.class);

    private CompiledSchemas() {
    }

    public static CompiledSchema get(LibvirtSchema which) {
        synchronized (CACHE) {
            CompiledSchema s = CACHE.get(which);
            if (s == null) {
                s = compile(which);
                CACHE.put(which, s);
            }
            return s;
        }
    }

    static PropertyMap baseProperties() {
        PropertyMapBuilder b = new PropertyMapBuilder();
        b.put(ValidateProperty.XML_READER_CREATOR, SafeSaxReaders.INSTANCE);
        b.put(ValidateProperty.RESOLVER, new BundledSchemaResolver());
        b.put(RngProperty.DATATYPE_LIBRARY_FACTORY, new DatatypeLibraryFactoryImpl(new RegexEngineImpl()));
        return b.toPropertyMap();
    }

    private static CompiledSchema compile(LibvirtSchema which) {
        FirstErrorHandler errors = new FirstErrorHandler();
        PropertyMapBuilder b = new PropertyMapBuilder(baseProperties());
        b.put(ValidateProperty.ERROR_HANDLER, errors);
        try (InputStream in = BundledSchemaResolver.open(which.file())) {
            InputSource src = new InputSource(in);
            src.setSystemId(BundledSchemaResolver.BASE + which.file());
            Schema schema = SAXSchemaReader.getInstance().createSchema(src, b.toPropertyMap());
            return new CompiledSchema(schema);
        } catch (IOException | SAXException | IncorrectSchemaException e) {
            String why = errors.first() != null ? errors.first() : String.valueOf(e.getMessage());
            throw new VirtException(ErrorCode.INTERNAL_ERROR, "cannot load libvirt schema " + which.file() + ": "
                    + why, e);
        }
    }
}
