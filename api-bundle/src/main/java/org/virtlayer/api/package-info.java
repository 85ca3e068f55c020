/**
 * virtlayer's public, stable API: {@link org.virtlayer.api.ConnectionFactory} opens a
 * {@link org.virtlayer.api.Connection} from a libvirt-style URI; through it, domains, networks, storage pools and
 * volumes, node devices and the node itself. Every failure is a {@link org.virtlayer.api.VirtException} with a typed
 * {@link org.virtlayer.api.ErrorCode}. Only virtlayer implements these interfaces ({@code @ProviderType}).
 */
@Export
@Version("1.1.0")
package org.virtlayer.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
