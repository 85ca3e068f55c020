package org.virtlayer.xml.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.DomainDef;
import org.virtlayer.xml.LibvirtSchema;
import org.virtlayer.xml.NetworkDef;
import org.virtlayer.xml.SafeXmlParser;
import org.virtlayer.xml.SchemaValidator;
import org.virtlayer.xml.StoragePoolDef;
import org.virtlayer.xml.XmlLimits;

/**
 * Documents built to attack a parser are refused with XML_ERROR, by the codec and by the schema validator alike,
 * and nothing they point at is read: no file, no network connection.
 */
class HostileInputTest {
    private static final String DOMAIN_BODY = "<name>h</name><memory>1024</memory><os><type>hvm</type></os>";
    private static final String SECRET = "virtlayer-secret-4f1c9b";

    /** Every way a document enters: the codec's parser, a domain definition, and schema validation. */
    private static void refusedEverywhere(String xml, Consumer<VirtException> check) {
        for (Runnable entry : new Runnable[] {() -> SafeXmlParser.parse(xml), () -> DomainDef.parse(xml),
                () -> SchemaValidator.validate(xml, LibvirtSchema.DOMAIN)}) {
            assertThatThrownBy(entry::run).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
                check.accept(e);
            });
        }
    }

    @Test
    void doctypeIsRefused() {
        refusedEverywhere("<!DOCTYPE domain><domain type='test'>" + DOMAIN_BODY + "</domain>",
                e -> assertThat(e.getMessage()).containsIgnoringCase("DOCTYPE"));
    }

    @Test
    void externalFileEntityIsNeverRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, SECRET, StandardCharsets.UTF_8);
        String xml = "<!DOCTYPE domain [<!ENTITY x SYSTEM '" + secret.toUri() + "'>]>"
                + "<domain type='test'><name>&x;</name><memory>1024</memory><os><type>hvm</type></os></domain>";
        refusedEverywhere(xml, e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        String dtd = "<!DOCTYPE domain SYSTEM '" + secret.toUri() + "'><domain type='test'>" + DOMAIN_BODY
                + "</domain>";
        refusedEverywhere(dtd, e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void networkResourcesAreNeverFetched() throws Exception {
        try (ConnectionRecorder server = new ConnectionRecorder()) {
            String entity = "<!DOCTYPE domain [<!ENTITY x SYSTEM '" + server.url("entity") + "'>]>"
                    + "<domain type='test'><name>&x;</name><memory>1024</memory><os><type>hvm</type></os>"
                    + "</domain>";
            String dtd = "<!DOCTYPE domain SYSTEM '" + server.url("dtd") + "'><domain type='test'>" + DOMAIN_BODY
                    + "</domain>";
            String parameter = "<!DOCTYPE domain [<!ENTITY % p SYSTEM '" + server.url("param") + "'> %p;]>"
                    + "<domain type='test'>" + DOMAIN_BODY + "</domain>";
            String xinclude = "<domain type='test' xmlns:xi='http://www.w3.org/2001/XInclude'>" + DOMAIN_BODY
                    + "<xi:include href='" + server.url("include") + "' parse='text'/></domain>";
            for (String xml : new String[] {entity, dtd, parameter}) {
                refusedEverywhere(xml, e -> { });
            }
            assertThatThrownBy(() -> DomainDef.parse(xinclude)).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.getMessage()).contains("XInclude"));
            // the schema refuses the element; either way nothing may be fetched
            assertThatThrownBy(() -> SchemaValidator.validate(xinclude, LibvirtSchema.DOMAIN))
                    .isInstanceOf(VirtException.class);
            Thread.sleep(300);
            assertThat(server.connections()).as("connections made to " + server.url("")).isZero();
        }
    }

    @Test
    void billionLaughsIsRefusedAtOnce() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol 'lol'>");
        dtd.append("<!ENTITY lol1 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>");
        for (int i = 2; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" '");
            for (int j = 0; j < 10; j++) {
                dtd.append("&lol").append(i - 1).append(';');
            }
            dtd.append("'>");
        }
        String xml = dtd + "]><domain type='test'><name>&lol9;</name></domain>";
        long start = System.nanoTime();
        refusedEverywhere(xml, e -> { });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void undeclaredEntityIsRefused() {
        assertThatThrownBy(() -> SafeXmlParser.parse("<domain type='test'><name>&x;</name></domain>"))
                .isInstanceOfSatisfying(VirtException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR));
    }

    @Test
    void xincludeIsRefusedWhateverThePrefix() {
        for (String xml : new String[] {
            "<domain xmlns:xi='http://www.w3.org/2001/XInclude'><xi:include href='/etc/passwd'/></domain>",
            "<domain><x:include xmlns:x='http://www.w3.org/2001/XInclude' href='/etc/passwd'/></domain>",
            "<domain><include xmlns='http://www.w3.org/2001/XInclude' href='/etc/passwd'/></domain>"}) {
            assertThatThrownBy(() -> SafeXmlParser.parse(xml)).isInstanceOfSatisfying(VirtException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
                assertThat(e.getMessage()).contains("XInclude");
            });
        }
    }

    @Test
    void sizeLimitDefaultsToTenMebibytesAndIsChecked() {
        assertThat(XmlLimits.DEFAULT.maxChars()).isEqualTo(10 * 1024 * 1024);
        String padding = " ".repeat(XmlLimits.DEFAULT.maxChars());
        assertThatThrownBy(() -> SafeXmlParser.parse("<domain>" + padding + "</domain>"))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
                    assertThat(e.getMessage()).contains("limit");
                });
        XmlLimits small = new XmlLimits(100, 10, 10, 100);
        assertThatThrownBy(() -> SafeXmlParser.parse("<a>" + "x".repeat(200) + "</a>", small))
                .isInstanceOf(VirtException.class);
        assertThat(SafeXmlParser.parse("<a>" + "x".repeat(50) + "</a>", small).text()).hasSize(50);
    }

    @Test
    void depthLimitIsChecked() {
        int depth = XmlLimits.DEFAULT.maxDepth() + 1;
        String deep = "<a>".repeat(depth) + "</a>".repeat(depth);
        assertThatThrownBy(() -> SafeXmlParser.parse(deep)).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
            assertThat(e.getMessage()).contains("nested deeper than " + XmlLimits.DEFAULT.maxDepth());
        });
        String ok = "<a>".repeat(depth - 1) + "</a>".repeat(depth - 1);
        assertThat(SafeXmlParser.parse(ok).name()).isEqualTo("a");
    }

    @Test
    void invalidUtf8IsRefusedWithItsOffset() {
        byte[][] bad = {
            {'<', 'a', '>', (byte) 0xC3, (byte) 0x28, '<', '/', 'a', '>'},          // bad continuation
            {'<', 'a', '>', (byte) 0xC0, (byte) 0xAF, '<', '/', 'a', '>'},          // overlong '/'
            {'<', 'a', '>', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '<', '/', 'a', '>'}, // UTF-16 surrogate
            {'<', 'a', '>', (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, // 5-byte form
            {'<', 'a', '>', (byte) 0xE2, (byte) 0x82}};                              // truncated
        for (byte[] b : bad) {
            assertThatThrownBy(() -> SafeXmlParser.decodeUtf8(b, XmlLimits.DEFAULT))
                    .isInstanceOfSatisfying(VirtException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
                        assertThat(e.getMessage()).contains("invalid UTF-8 at byte offset 3");
                    });
        }
        assertThat(SafeXmlParser.decodeUtf8("<a>é€𝄞</a>".getBytes(StandardCharsets.UTF_8), XmlLimits.DEFAULT))
                .isEqualTo("<a>é€𝄞</a>");
    }

    @Test
    void namesAreCheckedAsLibvirtChecksThem() {
        // libvirt 9.0 refuses '/' in every name and a newline in a domain name
        assertThatThrownBy(() -> DomainDef.parse("<domain type='test'><name>a/b</name><memory>1024</memory>"
                + "<os><type>hvm</type></os></domain>"))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.getMessage()).contains("'/'"));
        assertThatThrownBy(() -> DomainDef.parse("<domain type='test'><name>a&#10;b</name><memory>1024</memory>"
                + "<os><type>hvm</type></os></domain>"))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR);
                    assertThat(e.getMessage()).contains("invalid char in name");
                });
        assertThatThrownBy(() -> NetworkDef.parse("<network><name>a/b</name></network>"))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.getMessage()).contains("/"));
        assertThatThrownBy(() -> StoragePoolDef.parse("<pool type='dir'><name>a/b</name><target><path>/x</path>"
                + "</target></pool>")).isInstanceOf(VirtException.class);
        // XML 1.0 itself cannot carry other control characters, even as references
        assertThatThrownBy(() -> DomainDef.parse("<domain type='test'><name>a&#1;b</name><memory>1024</memory>"
                + "<os><type>hvm</type></os></domain>")).isInstanceOfSatisfying(VirtException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.XML_ERROR));
        // what libvirt accepts is accepted: a tab, and a very long name (libvirt sets no length limit)
        assertThat(DomainDef.parse("<domain type='test'><name>a&#9;b</name><memory>1024</memory>"
                + "<os><type>hvm</type></os></domain>").name()).isEqualTo("a\tb");
        String longName = "n".repeat(100_000);
        assertThat(DomainDef.parse("<domain type='test'><name>" + longName + "</name><memory>1024</memory>"
                + "<os><type>hvm</type></os></domain>").name()).hasSize(100_000);
    }
}
