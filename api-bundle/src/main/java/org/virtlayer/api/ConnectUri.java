package org.virtlayer.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A libvirt-style connection URI, {@code driver[+transport]://[user@host[:port]]/path[?query]}: {@code test:///default},
 * {@code qemu:///system}, {@code lxc:///}, {@code qemu+tls://host/system}, {@code test:///ABSOLUTE/PATH/node.xml}.
 * The scheme's driver part chooses the driver, the transport part (if any) says the node is reached remotely.
 */
public final class ConnectUri {
    /** Longest URI accepted: a URI is typed or configured by a person, never megabytes long. */
    public static final int MAX_LENGTH = 4096;

    private final String text;
    private final String driver;
    private final String transport;
    private final String user;
    private final String host;
    private final int port;
    private final String path;
    private final Map<String, String> query;

    private ConnectUri(String text, String driver, String transport, String user, String host, int port, String path,
            Map<String, String> query) {
        this.text = text;
        this.driver = driver;
        this.transport = transport;
        this.user = user;
        this.host = host;
        this.port = port;
        this.path = path;
        this.query = query;
    }

    /**
     * Parses a URI.
     *
     * @throws VirtException {@link ErrorCode#INVALID_ARG} naming the URI when it is not of the form above
     */
    public static ConnectUri parse(String text) {
        if (text == null || text.isBlank()) {
            throw VirtException.invalidArg("connection URI must not be empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw VirtException.invalidArg("connection URI is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw VirtException.invalidArg("malformed connection URI '" + text + "': " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null || uri.isOpaque()) {
            throw VirtException.invalidArg("connection URI '" + text + "' has no driver: expected driver:///path");
        }
        scheme = scheme.toLowerCase(java.util.Locale.ROOT);
        String driver = scheme;
        String transport = null;
        int plus = scheme.indexOf('+');
        if (plus >= 0) {
            driver = scheme.substring(0, plus);
            transport = scheme.substring(plus + 1);
            if (driver.isEmpty() || transport.isEmpty()) {
                throw VirtException.invalidArg("connection URI '" + text + "' has a malformed scheme '" + scheme + "'");
            }
        }
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                String v = eq < 0 ? "" : pair.substring(eq + 1);
                query.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            }
        }
        return new ConnectUri(text.strip(), driver, transport, uri.getUserInfo(), uri.getHost(), uri.getPort(), path,
                Collections.unmodifiableMap(query));
    }

    /** The driver part of the scheme: {@code qemu} in {@code qemu+tls://host/system}. */
    public String driver() {
        return driver;
    }

    /** The transport part of the scheme ({@code tls} in {@code qemu+tls://...}), if any. */
    public Optional<String> transport() {
        return Optional.ofNullable(transport);
    }

    /** The whole scheme as written: {@code qemu+tls}. */
    public String scheme() {
        return transport == null ? driver : driver + "+" + transport;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    /** The port, or -1 when none is given. */
    public int port() {
        return port;
    }

    /** The path, never empty: {@code /system}, {@code /default}, {@code /} for {@code lxc://}. */
    public String path() {
        return path;
    }

    public Map<String, String> query() {
        return query;
    }

    /** True when the node is reached through a transport or a host, not in this process. */
    public boolean isRemote() {
        return transport != null || (host != null && !host.isEmpty());
    }

    /** The same URI with the transport and host removed: what the remote node opens locally. */
    public ConnectUri local() {
        return new ConnectUri(driver + "://" + path + (query.isEmpty() ? "" : "?" + rawQuery()), driver, null, null,
                null, -1, path, query);
    }

    private String rawQuery() {
        StringBuilder sb = new StringBuilder();
        query.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8));
            if (!v.isEmpty()) {
                sb.append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return sb.toString();
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectUri && ((ConnectUri) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }
}
