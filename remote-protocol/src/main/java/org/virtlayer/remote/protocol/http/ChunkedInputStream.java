package org.virtlayer.remote.protocol.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * A chunked body. Chunk-size lines are bounded (16 hex digits, 1 KiB with extensions) and the total is checked against
 * a limit as it grows, so a peer cannot make us allocate or wait for more than we allow.
 */
public final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private final long maxBytes;
    private long chunkLeft;
    private long total;
    private boolean done;
    /** Set once the framing or the limit was broken: nothing more is read, not even to drain. */
    private boolean broken;

    /** @param maxBytes most bytes in the whole body, -1 for no limit (volume content) */
    public ChunkedInputStream(InputStream in, long maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (broken) {
            throw new HttpProtocolException(400, "chunked body already refused");
        }
        try {
            return readChunked(b, off, len);
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    private int readChunked(byte[] b, int off, int len) throws IOException {
        if (chunkLeft == 0) {
            chunkLeft = nextChunkSize();
            if (chunkLeft == 0) {
                // trailers: skip header lines until the blank one
                while (!line().isEmpty()) {
                    // ignore trailers
                }
                done = true;
                return -1;
            }
            if (maxBytes >= 0 && total + chunkLeft > maxBytes) {
                throw new HttpProtocolException(413, "chunked body over the limit of " + maxBytes + " bytes");
            }
            total += chunkLeft;
        }
        int n = in.read(b, off, (int) Math.min(len, chunkLeft));
        if (n < 0) {
            throw new HttpProtocolException(400, "connection closed inside a chunk");
        }
        chunkLeft -= n;
        if (chunkLeft == 0 && !line().isEmpty()) {
            throw new HttpProtocolException(400, "chunk not followed by CRLF");
        }
        return n;
    }

    private long nextChunkSize() throws IOException {
        String l = line();
        int semi = l.indexOf(';');
        String hex = (semi >= 0 ? l.substring(0, semi) : l).trim();
        if (hex.isEmpty() || hex.length() > 15) {
            throw new HttpProtocolException(400, "malformed chunk size");
        }
        try {
            return Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new HttpProtocolException(400, "malformed chunk size");
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new HttpProtocolException(400, "connection closed inside chunk framing");
            }
            if (sb.length() >= 1024) {
                throw new HttpProtocolException(400, "chunk framing line too long");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        if (broken) {
            return;
        }
        byte[] skip = new byte[8192];
        while (read(skip, 0, skip.length) >= 0) {
            // drain
        }
    }
}
