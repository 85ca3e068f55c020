package org.virtlayer.shell.internal.domain;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.shell.internal.CommandFailure;
import org.virtlayer.shell.internal.ObjectLookup;

/** Finds the domain a command names the way virsh does: by ID if it is a number, by UUID if it is one, else by name. */
public final class DomainResolver {
    /** The ways a command may name a domain; virsh's {@code domname} takes an ID or UUID only, for one. */
    public enum By { ID, UUID, NAME }

    private DomainResolver() {
    }

    public static Domain resolve(Connection c, String text) {
        return resolve(c, text, EnumSet.allOf(By.class));
    }

    public static Domain resolve(Connection c, String text, Set<By> by) {
        try {
            Integer id = by.contains(By.ID) ? asId(text) : null;
            if (id != null) {
                try {
                    return c.lookupDomainById(id);
                } catch (VirtException e) {
                    if (e.code() != ErrorCode.NO_DOMAIN || !by.contains(By.NAME)) {
                        throw e;
                    }
                    // a domain may be named like a number: fall through to the name
                }
            }
            UUID uuid = by.contains(By.UUID) ? ObjectLookup.uuidOrNull(text) : null;
            if (uuid != null) {
                try {
                    return c.lookupDomainByUuid(uuid);
                } catch (VirtException e) {
                    if (e.code() != ErrorCode.NO_DOMAIN || !by.contains(By.NAME)) {
                        throw e;
                    }
                }
            }
            if (!by.contains(By.NAME)) {
                throw new CommandFailure("failed to get domain '" + text + "': not a domain "
                        + (by.contains(By.ID) ? "ID or UUID" : "UUID"));
            }
            return c.lookupDomainByName(text);
        } catch (VirtException e) {
            throw new CommandFailure("failed to get domain '" + text + "'", e);
        }
    }

    private static Integer asId(String text) {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.valueOf(text);
    }
}
