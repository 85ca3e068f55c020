package org.virtlayer.core.internal.host;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The host's UUID for {@code <host><uuid>}: the firmware's (SMBIOS system UUID, readable by root only), else the
 * systemd/D-Bus machine id written as a UUID, else a random one for this process's life.
 *
 * <p>libvirt's default takes SMBIOS and, failing that, a random UUID per daemon start; its
 * {@code host_uuid_source = "machine-id"} setting gives the machine-id form used here. The machine id is preferred
 * over randomness because it stays the same across restarts.
 */
final class HostUuid {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern MACHINE_ID = Pattern.compile("[0-9a-f]{32}");

    private HostUuid() {
    }

    static String read(HostFiles files) {
        for (String dmi : new String[] {"sys/class/dmi/id/product_uuid", "sys/devices/virtual/dmi/id/product_uuid"}) {
            String uuid = normalise(files.readLine(dmi));
            if (uuid != null && UUID_TEXT.matcher(uuid).matches() && isMeaningful(uuid)) {
                return uuid;
            }
        }
        for (String idFile : new String[] {"etc/machine-id", "var/lib/dbus/machine-id"}) {
            String id = normalise(files.readLine(idFile));
            if (id != null && MACHINE_ID.matcher(id).matches() && isMeaningful(id)) {
                return id.substring(0, 8) + "-" + id.substring(8, 12) + "-" + id.substring(12, 16) + "-"
                        + id.substring(16, 20) + "-" + id.substring(20);
            }
        }
        return UUID.randomUUID().toString();
    }

    private static String normalise(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    /** Firmware often ships placeholders such as all zeros or all 0xff: 16 equal bytes identify nothing. */
    private static boolean isMeaningful(String hex) {
        String digits = hex.replace("-", "");
        for (int i = 2; i < digits.length(); i += 2) {
            if (!digits.regionMatches(i, digits, 0, 2)) {
                return true;
            }
        }
        return false;
    }
}
