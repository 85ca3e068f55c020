package org.virtlayer.api.event;

import org.osgi.annotation.versioning.ProviderType;

/** The handle returned when a listener is registered; closing it removes the listener. Closing twice is harmless. */
@ProviderType
public interface EventRegistration extends AutoCloseable {
    @Override
    void close();
}
