package org.virtlayer.remote.protocol;

/**
 * Bounds every decoder checks before it allocates (the class of libvirt's CVE-2024-2494: a length or count taken from
 * the peer must be bounded first). The request body itself is bounded by the server's {@code maxRequestBytes}.
 */
public final class WireLimits {
    /** Deepest JSON nesting accepted: our requests are at most 3 levels deep. */
    public static final int MAX_DEPTH = 16;
    /** Longest number literal, in characters. */
    public static final int MAX_NUMBER_CHARS = 40;
    /** Longest JSON string (a domain XML is far smaller). */
    public static final int MAX_STRING_CHARS = 16 * 1024 * 1024;
    /** Most elements of any array argument (e.g. the domains of a statistics call). */
    public static final int MAX_ARRAY = 10_000;
    /** Most flags in one flags array. */
    public static final int MAX_FLAGS = 32;
    /** Longest event line a client reads. */
    public static final int MAX_EVENT_LINE = 64 * 1024;
    /** Largest reply a client reads into memory (lists of many domains with XML are well below). */
    public static final int MAX_REPLY_BYTES = 64 * 1024 * 1024;

    private WireLimits() {
    }
}
