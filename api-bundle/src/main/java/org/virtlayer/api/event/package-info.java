/**
 * Events of a connection: domain, network and storage pool lifecycle events, the listeners that receive them and
 * the registration handle that removes a listener.
 */
@Export
@Version("1.1.0")
package org.virtlayer.api.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
