package org.virtlayer.remote.server.internal;

import java.io.IOException;
import java.io.OutputStream;
import org.virtlayer.remote.protocol.http.ChunkedOutputStream;

/**
 * A streamed reply that writes its 200 head only when the first byte is written, so that a call failing before it
 * produced anything (e.g. OPERATION_DENIED) can still answer with a JSON error.
 */
final class LazyChunkedBody extends OutputStream {
    private final OutputStream out;
    private final String contentType;
    private ChunkedOutputStream body;

    LazyChunkedBody(OutputStream out, String contentType) {
        this.out = out;
        this.contentType = contentType;
    }

    boolean committed() {
        return body != null;
    }

    private ChunkedOutputStream body() throws IOException {
        if (body == null) {
            HttpReply.streamHead(out, contentType);
            body = new ChunkedOutputStream(out);
        }
        return body;
    }

    @Override
    public void write(int b) throws IOException {
        body().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        body().write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        if (body != null) {
            body.flush();
        }
    }

    /** Ends the reply (an empty one if nothing was written). */
    @Override
    public void close() throws IOException {
        body().close();
    }
}
