/**
 * The service provider interface: what a hypervisor driver, a network backend and a storage backend implement and
 * register as OSGi services, found by the core at run time. Every operation has a default that fails with
 * {@link org.virtlayer.api.ErrorCode#NO_SUPPORT}: a driver implements what it supports and nothing else.
 *
 * <p>Objects are named by small value records ({@link org.virtlayer.spi.DomainRef}, {@link org.virtlayer.spi.PoolRef},
 * ...), as libvirt's drivers receive a {@code virDomainPtr}: the core turns them into API handles.
 *
 * <p>Implementations are third parties' ({@code @ConsumerType}); {@link org.virtlayer.spi.DriverContext},
 * {@link org.virtlayer.spi.EventSink} and {@link org.virtlayer.spi.HostIntrospection} are the core's
 * ({@code @ProviderType}). The package grows additively.
 */
@Export
@Version("1.1.0")
package org.virtlayer.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
