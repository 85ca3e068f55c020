package org.virtlayer.storage.dir.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.virtlayer.api.StorageVolume;

/** Small volume contents for tests. */
final class Bytes {
    private Bytes() {
    }

    static byte[] pattern(int size, int seed) {
        byte[] b = new byte[size];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    static void upload(StorageVolume v, byte[] data) {
        v.upload(new ByteArrayInputStream(data), 0, 0);
    }

    static byte[] download(StorageVolume v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        v.download(out, 0, 0);
        return out.toByteArray();
    }
}
