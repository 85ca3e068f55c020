package org.virtlayer.remote.server.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.remote.protocol.WireError;
import org.virtlayer.remote.protocol.WireJson;
import org.virtlayer.remote.protocol.http.HttpHead;

/** Writes the server's replies: JSON results, JSON errors, and the head of streamed ones. */
final class HttpReply {
    /** A successful call's body: {@code {"result": ...}}. */
    record Result(Object result) {
    }

    private HttpReply() {
    }

    static void json(OutputStream out, int status, Object body, boolean close) throws IOException {
        byte[] bytes = WireJson.write(body);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("Content-Length", Integer.toString(bytes.length));
        if (close) {
            h.put("Connection", "close");
        }
        HttpHead.write(out, "HTTP/1.1 " + status + " " + reason(status), h);
        out.write(bytes);
        out.flush();
    }

    static void error(OutputStream out, VirtException e, boolean close) throws IOException {
        json(out, WireError.httpStatus(e.code()), new WireError.Reply(WireError.of(e)), close);
    }

    static void error(OutputStream out, int status, ErrorCode code, String message, boolean close)
            throws IOException {
        json(out, status, new WireError.Reply(new WireError(code.name(), code.number(), message)), close);
    }

    static void streamHead(OutputStream out, String contentType) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", contentType);
        h.put("Transfer-Encoding", "chunked");
        h.put("Cache-Control", "no-store");
        HttpHead.write(out, "HTTP/1.1 200 OK", h);
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        };
    }
}
