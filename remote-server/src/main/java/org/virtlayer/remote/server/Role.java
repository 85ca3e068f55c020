package org.virtlayer.remote.server;

/**
 * What a remote client may do. The role only chooses the kind of connection the node opens for the client: read-only
 * clients get read-only connections, so the core's one operation table decides what they may call (queries and
 * events) and refuses the rest with OPERATION_DENIED. Rules per object can later narrow an admin's reach.
 */
public enum Role {
    /** Queries and events only. */
    READ_ONLY,
    /** Every operation. */
    ADMIN;

    /** Parses {@code read-only}, {@code readonly}, {@code admin} (any case), as a console would pass them. */
    public static Role parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT).replace("_", "-");
        return switch (t) {
            case "read-only", "readonly", "ro" -> READ_ONLY;
            case "admin", "rw" -> ADMIN;
            default -> throw new IllegalArgumentException("unknown role '" + text + "': read-only or admin");
        };
    }
}
