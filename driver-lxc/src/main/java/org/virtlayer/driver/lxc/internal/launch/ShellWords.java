package org.virtlayer.driver.lxc.internal.launch;

/** Words for the setup script and lines of its mount tables, quoted so that no name or path can change either. */
final class ShellWords {
    private ShellWords() {
    }

    /** A shell word that is exactly {@code s}: single-quoted, a single quote written as {@code '\''}. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** A field of an fstab line: blanks, newlines and backslashes as octal escapes, as getmntent(3) reads them. */
    static String fstabField(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case ' ' -> sb.append("\\040");
                case '\t' -> sb.append("\\011");
                case '\n' -> sb.append("\\012");
                case '\\' -> sb.append("\\134");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
