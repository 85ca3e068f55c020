package org.virtlayer.xml.conformance;

import java.util.ArrayList;
import java.util.List;
import org.virtlayer.xml.DomainBackupDef;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.DomainParseOptions;
import org.virtlayer.xml.NetworkDef;
import org.virtlayer.xml.StoragePoolDef;
import org.virtlayer.xml.StorageVolDef;

/**
 * The four sets of libvirt's XML round-trip tests, each run case by case from its {@code MANIFEST.tsv} with the
 * rules libvirt's own test program for the set uses.
 */
final class ConformanceSets {
    static final List<String> NAMES = List.of("genericxml2xml", "networkxml2xml", "storagepoolxml2xml",
            "storagevolxml2xml");

    private static final DomainParseOptions LIVE = new DomainParseOptions("x86_64", false);

    private final Corpus corpus;

    ConformanceSets(Corpus corpus) {
        this.corpus = corpus;
    }

    SetReport run(String set) {
        return switch (set) {
            case "genericxml2xml" -> new SetReport(set, generic());
            case "networkxml2xml" -> new SetReport(set, network());
            case "storagepoolxml2xml" -> new SetReport(set, pool());
            case "storagevolxml2xml" -> new SetReport(set, volume());
            default -> throw new IllegalArgumentException(set);
        };
    }

    /**
     * genericxml2xmltest: DO_TEST and DO_TEST_DIFFERENT parse and format a live definition (secure: secrets shown),
     * as libvirt 9.0's harness does (its expected {@code cachetune.xml} keeps {@code id='42'}); FAIL_ACTIVE cases are
     * parsed live, FAIL_INACTIVE ones as persistent definitions; backups aligned with a domain that has one disk per backup disk plus {@code vdextradisk}.
     */
    private List<CaseResult> generic() {
        List<CaseResult> out = new ArrayList<>();
        for (List<String> row : Manifest.rows(corpus.dir("genericxml2xmlindata").resolve("MANIFEST.tsv"))) {
            String name = row.get(0);
            String macro = row.get(1);
            String in = "genericxml2xmlindata";
            out.add(switch (macro) {
                case "DO_TEST" -> Comparison.expectOutput(name, read(in, name),
                        () -> DomainDef.parse(read(in, name), LIVE).format(false, true));
                case "DO_TEST_DIFFERENT" -> Comparison.expectOutput(name, read("genericxml2xmloutdata", name),
                        () -> DomainDef.parse(read(in, name), LIVE).format(false, true));
                case "DO_TEST_FAIL_ACTIVE" -> Comparison.expectXmlError(name,
                        () -> DomainDef.parse(read(in, name), LIVE).format(false, true));
                case "DO_TEST_FAIL_INACTIVE" -> Comparison.expectXmlError(name,
                        () -> DomainDef.parse(read(in, name), DomainParseOptions.GENERIC).format(true, true));
                case "DO_TEST_BACKUP" -> Comparison.expectOutput(name, read("domainbackupxml2xmlout", name),
                        () -> backup(read("domainbackupxml2xmlin", name)));
                default -> CaseResult.fail(name, "unknown macro " + macro);
            });
        }
        return out;
    }

    private static String backup(String xml) {
        DomainBackupDef backup = DomainBackupDef.parse(xml);
        StringBuilder dom = new StringBuilder("<domain type='test'><name>fake</name><memory>1024</memory>"
                + "<os><type>hvm</type></os><devices>");
        List<String> disks = new ArrayList<>(backup.diskNames());
        disks.add("vdextradisk");
        for (String d : disks) {
            dom.append("<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/fake/")
                    .append(d).append(".qcow2'/><target dev='").append(d).append("'/></disk>");
        }
        dom.append("</devices></domain>");
        backup.alignDisks(DomainDef.parse(dom.toString()), "SUFFIX");
        return backup.format(false);
    }

    /** networkxml2xmltest: format flags 0 or VIR_NETWORK_XML_INACTIVE; PARSE_ERROR cases must be refused. */
    private List<CaseResult> network() {
        List<CaseResult> out = new ArrayList<>();
        for (List<String> row : Manifest.rows(corpus.dir("networkxml2xmlin").resolve("MANIFEST.tsv"))) {
            String name = row.get(0);
            String macro = row.get(1);
            boolean inactive = row.size() > 2 && row.get(2).contains("VIR_NETWORK_XML_INACTIVE");
            out.add(switch (macro) {
                case "DO_TEST", "DO_TEST_FLAGS" -> Comparison.expectOutput(name, read("networkxml2xmlout", name),
                        () -> NetworkDef.parse(read("networkxml2xmlin", name)).format(inactive));
                case "DO_TEST_PARSE_ERROR" -> Comparison.expectXmlError(name,
                        () -> NetworkDef.parse(read("networkxml2xmlin", name)).format(inactive));
                default -> CaseResult.fail(name, "unknown macro " + macro);
            });
        }
        return out;
    }

    /** storagepoolxml2xmltest: the pool's full definition. */
    private List<CaseResult> pool() {
        List<CaseResult> out = new ArrayList<>();
        for (List<String> row : Manifest.rows(corpus.dir("storagepoolxml2xmlin").resolve("MANIFEST.tsv"))) {
            String name = row.get(0);
            String macro = row.get(1);
            out.add(switch (macro) {
                case "DO_TEST" -> Comparison.expectOutput(name, read("storagepoolxml2xmlout", name),
                        () -> StoragePoolDef.parse(read("storagepoolxml2xmlin", name)).format(false));
                case "DO_TEST_PARSE_ERROR", "DO_TEST_FAIL" -> Comparison.expectXmlError(name,
                        () -> StoragePoolDef.parse(read("storagepoolxml2xmlin", name)).format(false));
                default -> CaseResult.fail(name, "unknown macro " + macro);
            });
        }
        return out;
    }

    /** storagevolxml2xmltest: a volume parsed in the context of its parent pool, with the listed parse flags. */
    private List<CaseResult> volume() {
        List<CaseResult> out = new ArrayList<>();
        for (List<String> row : Manifest.rows(corpus.dir("storagevolxml2xmlin").resolve("MANIFEST.tsv"))) {
            String name = row.get(0);
            String poolName = row.get(1);
            boolean noCapacity = row.size() > 2 && row.get(2).contains("VIR_VOL_XML_PARSE_NO_CAPACITY");
            String macro = row.size() > 3 ? row.get(3) : "DO_TEST";
            out.add(switch (macro) {
                case "DO_TEST", "DO_TEST_FULL" -> Comparison.expectOutput(name, read("storagevolxml2xmlout", name),
                        () -> StorageVolDef.parse(read("storagevolxml2xmlin", name),
                                StoragePoolDef.parse(read("storagepoolxml2xmlin", poolName)), noCapacity).format());
                case "DO_TEST_FAIL" -> Comparison.expectXmlError(name,
                        () -> StorageVolDef.parse(read("storagevolxml2xmlin", name),
                                StoragePoolDef.parse(read("storagepoolxml2xmlin", poolName)), noCapacity).format());
                default -> CaseResult.fail(name, "unknown macro " + macro);
            });
        }
        return out;
    }

    private String read(String folder, String name) {
        return corpus.read(folder, name + ".xml");
    }
}
