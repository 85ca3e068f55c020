package org.virtlayer.shell.internal.remote;

import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.virtlayer.remote.server.RemoteAccessAdmin;
import org.virtlayer.shell.internal.CommandFailure;

/**
 * The {@link RemoteAccess} service, following the remote server's {@code RemoteAccessAdmin} as it comes and goes.
 * This class names the server's types only in its annotation, so that it loads while the server's package is
 * absent (the shell imports it optionally); {@link RemoteAccessCommands}, which uses them, is loaded only once a
 * server is there.
 */
@Component(service = RemoteAccess.class)
public final class RemoteAccessService implements RemoteAccess {
    static final String NOT_INSTALLED = "the remote server is not installed: feature:install " + FEATURE;

    private final BundleContext context;

    @Reference(service = RemoteAccessAdmin.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC)
    private volatile ServiceReference<?> admin;

    @Activate
    public RemoteAccessService(BundleContext context) {
        this.context = context;
    }

    @Override
    public <T> T call(Function<RemoteAccessCommands, T> call) {
        ServiceReference<?> ref = admin;
        Object server = ref == null ? null : context.getService(ref);
        if (server == null) {
            throw new CommandFailure(NOT_INSTALLED);
        }
        try {
            return call.apply(commands(server));
        } finally {
            context.ungetService(ref);
        }
    }

    private static RemoteAccessCommands commands(Object server) {
        try {
            return RemoteAccessCommands.of(server);
        } catch (LinkageError e) {
            // the server came after the console resolved without its package; a refresh wires them together
            throw new CommandFailure("the console cannot see the remote server installed after it:"
                    + " bundle:refresh org.virtlayer.shell");
        }
    }
}
