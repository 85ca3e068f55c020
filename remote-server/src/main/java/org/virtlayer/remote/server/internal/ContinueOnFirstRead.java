package org.virtlayer.remote.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An upload's body that tells the client "100 Continue" when the call first reads it, that is once the node accepted
 * the call (access, volume found). Until then the client sends nothing, so a refused upload costs no transfer and is
 * answered on a connection that is still in step.
 */
final class ContinueOnFirstRead extends InputStream {
    private final InputStream body;
    private final OutputStream out;
    private boolean continued;

    ContinueOnFirstRead(InputStream body, OutputStream out) {
        this.body = body;
        this.out = out;
    }

    private void go() throws IOException {
        if (!continued) {
            continued = true;
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    @Override
    public int read() throws IOException {
        go();
        return body.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        go();
        return body.read(b, off, len);
    }

    /** A body never asked for was never sent: nothing to drain. */
    @Override
    public void close() throws IOException {
        if (continued) {
            body.close();
        }
    }
}
