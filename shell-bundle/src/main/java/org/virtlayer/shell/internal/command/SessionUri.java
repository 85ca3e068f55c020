package org.virtlayer.shell.internal.command;

import org.apache.karaf.shell.api.console.Session;
import org.virtlayer.shell.internal.VirtConsole;

/** Which URI a command works on: {@code -c}, else the session's ({@code virt:connect}), else the configured one. */
public final class SessionUri {
    /** The session variable {@code virt:connect} sets. */
    public static final String KEY = "virt.uri";

    private SessionUri() {
    }

    public static String resolve(String explicit, Session session, VirtConsole console) {
        if (explicit != null && !explicit.isBlank()) {
            return explicit.strip();
        }
        Object chosen = session == null ? null : session.get(KEY);
        if (chosen instanceof String s && !s.isBlank()) {
            return s;
        }
        return console.defaultUri();
    }

    public static void choose(Session session, String uri) {
        session.put(KEY, uri);
    }
}
