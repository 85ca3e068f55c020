package org.virtlayer.remote.protocol.http;

import java.io.IOException;
import java.io.InputStream;

/** A body of a declared length: reads no further, and reports a peer that closed early. */
public final class FixedLengthInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    public FixedLengthInputStream(InputStream in, long length) {
        this.in = in;
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new HttpProtocolException(400, "connection closed " + remaining + " bytes before the body's end");
        }
        remaining -= n;
        return n;
    }

    /** Reads what is left, so that the connection can carry the next message. */
    @Override
    public void close() throws IOException {
        byte[] skip = new byte[8192];
        while (read(skip, 0, skip.length) >= 0) {
            // drain
        }
    }
}
