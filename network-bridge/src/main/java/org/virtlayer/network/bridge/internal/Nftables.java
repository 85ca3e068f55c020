package org.virtlayer.network.bridge.internal;

import java.util.List;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/** Loads and removes networks' nftables tables with {@code nft}. */
final class Nftables {
    private final HostCommands commands;

    Nftables(HostCommands commands) {
        this.commands = commands;
    }

    /** Replaces the table with the script's, in one transaction: no moment without rules, none half-written. */
    void apply(String script) {
        commands.run(List.of("nft", "-f", "-"), script);
    }

    boolean exists(String table) {
        return commands.runAllowingFailure(List.of("nft", "list", "table", "inet", table), null).exitCode() == 0;
    }

    /** Deletes the table with every chain and rule in it; one that is not there is fine. */
    void delete(String table) {
        HostCommands.Result r = commands.runAllowingFailure(List.of("nft", "delete", "table", "inet", table), null);
        if (r.exitCode() != 0 && exists(table)) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, "internal error: cannot delete nftables table " + table
                    + ": " + r.stderr().strip());
        }
    }
}
