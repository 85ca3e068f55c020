package org.virtlayer.xml.fuzz;

import java.util.Arrays;
import java.util.Random;

/**
 * Random damage to a document's bytes, of the kinds that find parser bugs: flipped bytes, truncation, a duplicated
 * span, two tags swapped, an element's name replaced by another's.
 */
public final class XmlMutator {
    private final Random random;

    public XmlMutator(Random random) {
        this.random = random;
    }

    public byte[] mutate(byte[] in) {
        byte[] out = in;
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds && out.length > 0; i++) {
            out = switch (random.nextInt(5)) {
                case 0 -> flip(out);
                case 1 -> Arrays.copyOf(out, random.nextInt(out.length));
                case 2 -> duplicate(out);
                case 3 -> swapTags(out);
                default -> renameTag(out);
            };
        }
        return out;
    }

    private byte[] flip(byte[] in) {
        byte[] out = in.clone();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            int at = random.nextInt(out.length);
            // mostly XML's own metacharacters, sometimes any byte (invalid UTF-8 included)
            byte[] special = {'<', '>', '/', '\'', '"', '&', '=', ' ', 0, (byte) 0xC3, (byte) 0xFF};
            out[at] = random.nextBoolean() ? special[random.nextInt(special.length)] : (byte) random.nextInt(256);
        }
        return out;
    }

    private byte[] duplicate(byte[] in) {
        int from = random.nextInt(in.length);
        int len = Math.min(in.length - from, 1 + random.nextInt(200));
        int at = random.nextInt(in.length + 1);
        byte[] out = new byte[in.length + len];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(in, from, out, at, len);
        System.arraycopy(in, at, out, at + len, in.length - at);
        return out;
    }

    /** Swaps two whole tags ({@code <...>}), which breaks nesting or reorders elements. */
    private byte[] swapTags(byte[] in) {
        int[] a = tagAt(in, random.nextInt(in.length));
        int[] b = tagAt(in, random.nextInt(in.length));
        if (a == null || b == null || a[0] == b[0]) {
            return flip(in);
        }
        if (a[0] > b[0]) {
            int[] t = a;
            a = b;
            b = t;
        }
        if (a[1] > b[0]) {
            return in;
        }
        byte[] out = new byte[in.length];
        int p = 0;
        p = put(out, p, in, 0, a[0]);
        p = put(out, p, in, b[0], b[1]);
        p = put(out, p, in, a[1], b[0]);
        p = put(out, p, in, a[0], a[1]);
        put(out, p, in, b[1], in.length);
        return out;
    }

    /** Replaces one element name with a random known one, keeping the rest. */
    private byte[] renameTag(byte[] in) {
        int[] t = tagAt(in, random.nextInt(in.length));
        if (t == null) {
            return flip(in);
        }
        int start = t[0] + 1;
        if (start < t[1] && in[start] == '/') {
            start++;
        }
        int end = start;
        while (end < t[1] && in[end] != ' ' && in[end] != '>' && in[end] != '/') {
            end++;
        }
        String[] names = {"domain", "devices", "disk", "source", "target", "interface", "name", "uuid", "memory",
            "os", "type", "cputune", "graphics", "listen", "forward", "bridge", "ip", "dhcp", "pool", "volume",
            "capacity", "permissions", "channel", "video", "model", "cachetune", "cache", "x:y", ""};
        byte[] name = names[random.nextInt(names.length)].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = new byte[in.length - (end - start) + name.length];
        int p = put(out, 0, in, 0, start);
        System.arraycopy(name, 0, out, p, name.length);
        put(out, p + name.length, in, end, in.length);
        return out;
    }

    private static int put(byte[] out, int p, byte[] in, int from, int to) {
        System.arraycopy(in, from, out, p, to - from);
        return p + to - from;
    }

    /** The tag around or after a position, as [start, end), or null. */
    private static int[] tagAt(byte[] in, int pos) {
        int s = pos;
        while (s < in.length && in[s] != '<') {
            s++;
        }
        if (s >= in.length) {
            return null;
        }
        int e = s;
        while (e < in.length && in[e] != '>') {
            e++;
        }
        return e < in.length ? new int[] {s, e + 1} : null;
    }
}
