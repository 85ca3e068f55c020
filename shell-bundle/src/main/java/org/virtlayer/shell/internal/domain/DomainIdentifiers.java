package org.virtlayer.shell.internal.domain;

import java.util.EnumSet;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.shell.internal.Attempt;
import org.virtlayer.shell.internal.domain.DomainResolver.By;

/**
 * One identifier of a domain from another: virsh's {@code domid}, {@code domuuid} and {@code domname}, each taking
 * the two identifiers it does not print.
 */
public final class DomainIdentifiers {
    private final Connection conn;

    public DomainIdentifiers(Connection conn) {
        this.conn = conn;
    }

    /** The running domain's ID, {@code -} when it is shut off, as virsh prints it. */
    public String id(String nameOrUuid) {
        Domain d = DomainResolver.resolve(conn, nameOrUuid, EnumSet.of(By.NAME, By.UUID));
        // the handle's ID is as of its lookup: the state tells whether the domain still runs
        boolean active = Attempt.get("failed to get domain '" + d.name() + "'", () -> d.state().state().isActive());
        return active && d.id() >= 0 ? Integer.toString(d.id()) : "-";
    }

    public String uuid(String idOrName) {
        return DomainResolver.resolve(conn, idOrName, EnumSet.of(By.ID, By.NAME)).uuid().toString();
    }

    public String name(String idOrUuid) {
        return DomainResolver.resolve(conn, idOrUuid, EnumSet.of(By.ID, By.UUID)).name();
    }
}
