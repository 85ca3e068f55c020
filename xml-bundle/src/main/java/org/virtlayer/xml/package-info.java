/**
 * libvirt's XML language for virtlayer: {@link org.virtlayer.xml.SafeXmlParser} (the only way XML enters),
 * {@link org.virtlayer.xml.XmlWriter} (libvirt's formatting) and the definitions the core and the drivers share:
 * {@link org.virtlayer.xml.DomainDef}, {@link org.virtlayer.xml.NetworkDef}, {@link org.virtlayer.xml.StoragePoolDef},
 * {@link org.virtlayer.xml.StorageVolDef}.
 */
@Export
@Version("1.1.0")
package org.virtlayer.xml;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
