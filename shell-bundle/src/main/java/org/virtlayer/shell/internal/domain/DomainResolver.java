package org.virtlayer.shell.internal.domain;

import java.util.UUID;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.shell.internal.CommandFailure;

/** Finds the domain a command names the way virsh does: by ID if it is a number, by UUID if it is one, else by name. */
public final class DomainResolver {
    private DomainResolver() {
    }

    public static Domain resolve(Connection c, String text) {
        try {
            Integer id = asId(text);
            if (id != null) {
                try {
                    return c.lookupDomainById(id);
                } catch (VirtException e) {
                    if (e.code() != ErrorCode.NO_DOMAIN) {
                        throw e;
                    }
                    // a domain may be named like a number: fall through to the name
                }
            }
            UUID uuid = asUuid(text);
            if (uuid != null) {
                try {
                    return c.lookupDomainByUuid(uuid);
                } catch (VirtException e) {
                    if (e.code() != ErrorCode.NO_DOMAIN) {
                        throw e;
                    }
                }
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

    static UUID asUuid(String text) {
        if (text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
