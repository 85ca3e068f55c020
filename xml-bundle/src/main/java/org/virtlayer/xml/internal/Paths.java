package org.virtlayer.xml.internal;

/** Path tidying as libvirt does it for storage paths: repeated slashes collapsed, trailing slashes removed. */
public final class Paths {
    private Paths() {
    }

    /** {@code ///var//lib/} becomes {@code /var/lib}; a leading {@code //} alone is kept, as POSIX allows it. */
    public static String sanitize(String path) {
        if (path == null || path.isEmpty()) {
            return path;
        }
        StringBuilder sb = new StringBuilder(path.length());
        int i = 0;
        if (path.startsWith("//") && (path.length() == 2 || path.charAt(2) != '/')) {
            sb.append('/');
            i = 1;
        }
        for (; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '/' && sb.length() > 0 && sb.charAt(sb.length() - 1) == '/') {
                continue;
            }
            sb.append(c);
        }
        while (sb.length() > 1 && sb.charAt(sb.length() - 1) == '/') {
            sb.setLength(sb.length() - 1);
        }
        return sb.toString();
    }
}
