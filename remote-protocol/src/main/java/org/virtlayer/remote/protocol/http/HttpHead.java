package org.virtlayer.remote.protocol.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The start line and headers of an HTTP/1.1 request or response, read under fixed bounds: a line of at most
 * {@link #MAX_LINE} bytes, at most {@link #MAX_HEADERS} headers. Header names are lower-cased.
 */
public record HttpHead(String startLine, Map<String, String> headers) {
    public static final int MAX_LINE = 8192;
    public static final int MAX_HEADERS = 64;

    /**
     * Reads a head; null when the stream ends before its first byte (the peer closed an idle connection).
     *
     * @throws HttpProtocolException for a line or a header count over the bounds, or a malformed header
     */
    public static HttpHead read(InputStream in) throws IOException {
        String start = readLine(in, true);
        if (start == null) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        while (true) {
            String line = readLine(in, false);
            if (line.isEmpty()) {
                break;
            }
            if (headers.size() >= MAX_HEADERS) {
                throw new HttpProtocolException(431, "more than " + MAX_HEADERS + " headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new HttpProtocolException(400, "malformed header line");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            String old = headers.putIfAbsent(name, value);
            if (old != null && (name.equals("content-length") || name.equals("transfer-encoding"))) {
                // two framing headers are how request smuggling starts: refuse
                throw new HttpProtocolException(400, "repeated " + name + " header");
            }
        }
        return new HttpHead(start, Collections.unmodifiableMap(headers));
    }

    private static String readLine(InputStream in, boolean eofAllowed) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                if (eofAllowed && buf.size() == 0) {
                    return null;
                }
                throw new HttpProtocolException(400, "connection closed inside an HTTP head");
            }
            if (buf.size() >= MAX_LINE) {
                throw new HttpProtocolException(431, "HTTP head line longer than " + MAX_LINE + " bytes");
            }
            buf.write(b);
        }
        byte[] bytes = buf.toByteArray();
        int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
    }

    public String header(String name) {
        return headers.get(name);
    }

    public boolean isChunked() {
        String te = headers.get("transfer-encoding");
        return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
    }

    /** The declared body length, -1 when none is declared. */
    public long contentLength() throws HttpProtocolException {
        String v = headers.get("content-length");
        if (v == null) {
            return -1;
        }
        if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(Character::isDigit)) {
            throw new HttpProtocolException(400, "malformed Content-Length");
        }
        return Long.parseLong(v);
    }

    /** True when the peer asked to close the connection after this message. */
    public boolean wantsClose() {
        String c = headers.get("connection");
        return c != null && c.toLowerCase(Locale.ROOT).contains("close");
    }

    /**
     * The body as a stream: chunked, of the declared length, or empty. A declared length over {@code maxBytes}
     * ({@code -1}: unbounded, for volume content) is refused with 413 before anything is read.
     */
    public InputStream body(InputStream in, long maxBytes) throws HttpProtocolException {
        if (isChunked()) {
            return new ChunkedInputStream(in, maxBytes);
        }
        long n = contentLength();
        if (n < 0) {
            n = 0;
        }
        if (maxBytes >= 0 && n > maxBytes) {
            throw new HttpProtocolException(413, "body of " + n + " bytes is over the limit of " + maxBytes);
        }
        return new FixedLengthInputStream(in, n);
    }

    /** Writes a head: the start line, the headers, the blank line. */
    public static void write(OutputStream out, String startLine, Map<String, String> headers) throws IOException {
        StringBuilder sb = new StringBuilder(256).append(startLine).append("\r\n");
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        sb.append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }
}
