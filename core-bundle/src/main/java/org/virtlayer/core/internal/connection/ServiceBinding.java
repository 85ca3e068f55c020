package org.virtlayer.core.internal.connection;

import java.util.function.Function;
import org.virtlayer.core.internal.calls.Operation;
import org.virtlayer.core.internal.calls.ProviderCalls;
import org.virtlayer.core.internal.registry.ProviderEntry;

/**
 * A network or storage service opened for one connection, with the guard its calls go through and the provider it
 * came from (null when the hypervisor driver serves it itself).
 */
record ServiceBinding<S>(S service, ProviderCalls calls, ProviderEntry<?> provider) {
    <T> T call(Operation op, Function<S, T> body) {
        return calls.call(op, () -> body.apply(service));
    }

    void run(Operation op, java.util.function.Consumer<S> body) {
        calls.call(op, () -> {
            body.accept(service);
            return null;
        });
    }
}
