package org.virtlayer.driver.test.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.DomainDefineFlag;
import org.virtlayer.api.DomainStartFlag;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.core.internal.ConnectionFactoryImpl;

/** {@code define --validate} and {@code create --validate}: libvirt's domain schema is checked before parsing. */
class ValidateFlagTest {
    static final String VALID = """
            <domain type='test'>
              <name>checked</name>
              <memory unit='MiB'>64</memory>
              <os><type>hvm</type></os>
            </domain>
            """;
    /** Well-formed and accepted by the parser, but {@code <bogus>} is not in libvirt's schema. */
    static final String INVALID = """
            <domain type='test'>
              <name>unchecked</name>
              <memory unit='MiB'>64</memory>
              <os><type>hvm</type></os>
              <bogus/>
            </domain>
            """;

    private ConnectionFactoryImpl factory;
    private Connection conn;

    @BeforeEach
    void open() {
        factory = TestFactories.withTestDriver();
        conn = factory.open("test:///default");
    }

    @AfterEach
    void close() {
        conn.close();
        factory.deactivate();
    }

    @Test
    void validDomainIsDefinedWithValidation() {
        Domain d = conn.defineDomain(VALID, DomainDefineFlag.VALIDATE);
        assertThat(d.name()).isEqualTo("checked");
        assertThat(conn.lookupDomainByName("checked").xml()).contains("<memory unit='KiB'>65536</memory>");
    }

    @Test
    void invalidDomainIsRefusedNamingTheElementAndNothingIsDefined() {
        List<String> before = names();
        assertThatThrownBy(() -> conn.defineDomain(INVALID, DomainDefineFlag.VALIDATE))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.XML_INVALID_SCHEMA);
                    assertThat(e.getMessage()).contains("bogus").contains("line 5");
                });
        assertThatThrownBy(() -> conn.createDomain(INVALID, DomainStartFlag.VALIDATE))
                .isInstanceOfSatisfying(VirtException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.XML_INVALID_SCHEMA));
        assertThat(names()).isEqualTo(before);
    }

    @Test
    void withoutTheFlagTheSameDocumentIsAccepted() {
        assertThat(conn.defineDomain(INVALID).name()).isEqualTo("unchecked");
    }

    private List<String> names() {
        return conn.listDomains().stream().map(Domain::name).sorted().toList();
    }
}
