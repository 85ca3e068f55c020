package org.virtlayer.remote.protocol.http;

import java.io.IOException;

/** The peer broke HTTP/1.1 framing or a bound: the connection is closed after (at most) one error reply. */
public final class HttpProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpProtocolException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The status to answer with: 400, 413 (too large), 431 (head too large), 501. */
    public int status() {
        return status;
    }
}
