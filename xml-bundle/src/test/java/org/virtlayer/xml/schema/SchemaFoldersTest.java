package org.virtlayer.xml.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.LibvirtSchema;
import org.virtlayer.xml.SchemaValidator;
import org.virtlayer.xml.conformance.Corpus;

/**
 * libvirt's schema test over the corpus: in each folder libvirt's own schema test reads (the {@code *schemadata}
 * folders and the XML round-trip folders), every {@code *.xml} validates against its schema, except files whose
 * name ends in {@code -invalid.xml}, which must fail. Prints {@code schema <folder>: N passed, M failed} per folder.
 */
class SchemaFoldersTest {
    /** Folder to schema, as libvirt's schema test pairs them; folders absent from the corpus are not counted. */
    static final Map<String, LibvirtSchema> FOLDERS = new LinkedHashMap<>();

    static {
        FOLDERS.put("capabilityschemadata", LibvirtSchema.CAPABILITIES);
        FOLDERS.put("domainschemadata", LibvirtSchema.DOMAIN);
        FOLDERS.put("genericxml2xmlindata", LibvirtSchema.DOMAIN);
        FOLDERS.put("genericxml2xmloutdata", LibvirtSchema.DOMAIN);
        FOLDERS.put("lxcxml2xmldata", LibvirtSchema.DOMAIN);
        FOLDERS.put("lxcxml2xmloutdata", LibvirtSchema.DOMAIN);
        FOLDERS.put("qemuxml2argvdata-x86_64-subset", LibvirtSchema.DOMAIN);
        FOLDERS.put("qemuxml2xmloutdata-x86_64-subset", LibvirtSchema.DOMAIN);
        FOLDERS.put("domainbackupxml2xmlin", LibvirtSchema.DOMAIN_BACKUP);
        FOLDERS.put("domainbackupxml2xmlout", LibvirtSchema.DOMAIN_BACKUP);
        FOLDERS.put("qemudomaincheckpointxml2xmlin", LibvirtSchema.DOMAIN_CHECKPOINT);
        FOLDERS.put("qemudomaincheckpointxml2xmlout", LibvirtSchema.DOMAIN_CHECKPOINT);
        FOLDERS.put("qemudomainsnapshotxml2xmlin", LibvirtSchema.DOMAIN_SNAPSHOT);
        FOLDERS.put("qemudomainsnapshotxml2xmlout", LibvirtSchema.DOMAIN_SNAPSHOT);
        FOLDERS.put("interfaceschemadata", LibvirtSchema.INTERFACE);
        FOLDERS.put("networkxml2xmlin", LibvirtSchema.NETWORK);
        FOLDERS.put("networkxml2xmlout", LibvirtSchema.NETWORK);
        FOLDERS.put("virnetworkportxml2xmldata", LibvirtSchema.NETWORK_PORT);
        FOLDERS.put("nodedevschemadata", LibvirtSchema.NODE_DEVICE);
        FOLDERS.put("nodedevxml2xmlout", LibvirtSchema.NODE_DEVICE);
        FOLDERS.put("nwfilterxml2xmlout", LibvirtSchema.NWFILTER);
        FOLDERS.put("secretxml2xmlin", LibvirtSchema.SECRET);
        FOLDERS.put("storagepoolschemadata", LibvirtSchema.STORAGE_POOL);
        FOLDERS.put("storagepoolxml2xmlin", LibvirtSchema.STORAGE_POOL);
        FOLDERS.put("storagepoolxml2xmlout", LibvirtSchema.STORAGE_POOL);
        FOLDERS.put("storagevolschemadata", LibvirtSchema.STORAGE_VOLUME);
        FOLDERS.put("storagevolxml2xmlin", LibvirtSchema.STORAGE_VOLUME);
        FOLDERS.put("storagevolxml2xmlout", LibvirtSchema.STORAGE_VOLUME);
    }

    /**
     * Files in those folders that are not documents of the folder's kind: the QEMU capabilities the argv subset
     * carries for its command-line cases (libvirt keeps them in another folder, which its schema test does not read).
     */
    static final java.util.Set<String> NOT_DOCUMENTS = java.util.Set.of(
            "qemuxml2argvdata-x86_64-subset/caps_8.0.0.x86_64.xml");

    @Test
    void everyFileValidatesExceptTheInvalidOnes() throws IOException {
        Corpus corpus = Corpus.locate();
        List<String> failures = new ArrayList<>();
        int folders = 0;
        for (Map.Entry<String, LibvirtSchema> f : FOLDERS.entrySet()) {
            Path dir = corpus.dir(f.getKey());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            folders++;
            List<String> failed = new ArrayList<>();
            int passed = 0;
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".xml"))
                        .filter(p -> !NOT_DOCUMENTS.contains(f.getKey() + "/" + p.getFileName())).sorted().toList();
            }
            for (Path file : files) {
                String problem = check(file, f.getValue());
                if (problem == null) {
                    passed++;
                } else {
                    failed.add(file.getFileName() + ": " + problem);
                }
            }
            StringBuilder sb = new StringBuilder();
            sb.append("schema ").append(f.getKey()).append(": ").append(passed).append(" passed, ")
                    .append(failed.size()).append(" failed\n");
            for (String x : failed) {
                sb.append("  failed ").append(f.getKey()).append(' ').append(x).append('\n');
                failures.add(f.getKey() + "/" + x);
            }
            System.out.print(sb);
        }
        System.out.flush();
        assertThat(folders).as("schema folders found in " + corpus.root()).isGreaterThan(10);
        assertThat(failures).isEmpty();
    }

    /** Null when the file behaves as libvirt's schema test expects, otherwise why not. */
    private static String check(Path file, LibvirtSchema schema) throws IOException {
        boolean mustFail = file.getFileName().toString().endsWith("-invalid.xml");
        String xml = Files.readString(file, StandardCharsets.UTF_8);
        try {
            SchemaValidator.validate(xml, schema);
            return mustFail ? "validated, but it is meant to be invalid" : null;
        } catch (VirtException e) {
            if (mustFail && e.code() == ErrorCode.XML_INVALID_SCHEMA) {
                return null;
            }
            return e.code() + " " + e.getMessage();
        }
    }
}
