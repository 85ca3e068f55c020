package org.virtlayer.driver.qemu.internal.argv;

import org.virtlayer.spi.kit.Json;

/**
 * QEMU's option syntax, {@code type,key=value,key=value}: a comma inside a value ends it unless doubled, so every
 * user value goes through {@link #escape} (libvirt's {@code name-escape} case: {@code guest=foo=1,,bar=2}). JSON
 * options ({@code -device '{...}'}) need no such escaping; {@link org.virtlayer.driver.qemu.internal.qmp.Json} quotes
 * them.
 */
public final class QemuOptions {
    private final StringBuilder sb = new StringBuilder();

    private QemuOptions() {
    }

    /** Doubles every comma. */
    public static String escape(String value) {
        return value.indexOf(',') < 0 ? value : value.replace(",", ",,");
    }

    /** An option string starting with a bare word (the backend type), e.g. {@code socket}. */
    public static QemuOptions of(String first) {
        QemuOptions o = new QemuOptions();
        o.sb.append(escape(first));
        return o;
    }

    /** An option string starting with the first key=value pair. */
    public static QemuOptions keys() {
        return new QemuOptions();
    }

    /** Appends {@code key=value}, the value escaped; a null value is skipped. */
    public QemuOptions add(String key, Object value) {
        if (value == null) {
            return this;
        }
        if (sb.length() > 0) {
            sb.append(',');
        }
        sb.append(key).append('=').append(escape(value.toString()));
        return this;
    }

    /** Appends a bare flag word. */
    public QemuOptions flag(String word) {
        if (sb.length() > 0) {
            sb.append(',');
        }
        sb.append(word);
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
