package org.virtlayer.shell.internal.remote;

import java.util.function.Function;

/**
 * The remote server's access administration as the virt: commands reach it. The server is an optional feature: this
 * service is always there, and without the server every call fails with one line naming the feature to install.
 */
public interface RemoteAccess {
    /** The feature that brings the remote server. */
    String FEATURE = "virtlayer-remote-server";

    /**
     * Runs {@code call} on the server's administration as it is now.
     *
     * @throws org.virtlayer.shell.internal.CommandFailure when the remote server is not installed
     */
    <T> T call(Function<RemoteAccessCommands, T> call);
}
