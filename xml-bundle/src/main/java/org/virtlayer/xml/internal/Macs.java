package org.virtlayer.xml.internal;

/** MAC address rules as libvirt applies them: six hex octets of one or two digits, separated by colons. */
public final class Macs {
    private Macs() {
    }

    /** True for {@code aa:bb:cc:dd:ee:ff} with one or two hex digits per octet (no regular expression: hot path). */
    public static boolean isValid(String s) {
        int octets = 0;
        int digits = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                if (digits == 0) {
                    return false;
                }
                octets++;
                digits = 0;
            } else if (Character.digit(c, 16) >= 0 && c < 0x80) {
                if (++digits > 2) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return octets == 5 && digits > 0;
    }

    /** The address with two lower-case digits per octet, as libvirt prints it. */
    public static String canonical(String valid) {
        StringBuilder sb = new StringBuilder(17);
        for (String part : valid.split(":")) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            if (part.length() == 1) {
                sb.append('0');
            }
            sb.append(Character.toLowerCase(part.charAt(0)));
            if (part.length() == 2) {
                sb.append(Character.toLowerCase(part.charAt(1)));
            }
        }
        return sb.toString();
    }

    /** The group bit of the first octet. */
    public static boolean isMulticast(String valid) {
        int colon = valid.indexOf(':');
        return (Integer.parseInt(valid.substring(0, colon), 16) & 1) == 1;
    }
}
