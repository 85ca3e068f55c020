package org.virtlayer.storage.dir.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.StoragePoolDef;
import org.virtlayer.xml.XmlElement;

/** Reads a dir pool's definition with the rules of libvirt's dir backend. */
final class DirPoolDefs {
    private DirPoolDefs() {
    }

    /**
     * Parses a definition: type {@code dir}, an absolute target path (kept in normal form, as libvirt cleans it, so
     * that two spellings of one folder are recognised as one).
     */
    static StoragePoolDef parse(String xml) {
        StoragePoolDef def = StoragePoolDef.parse(xml);
        if (!"dir".equals(def.type())) {
            throw new VirtException(ErrorCode.CONFIG_UNSUPPORTED, "unsupported configuration: storage pool type '"
                    + def.type() + "' is not served by the dir backend");
        }
        String path = def.targetPath();
        if (path == null || path.isBlank()) {
            throw VirtException.xml("missing storage pool target path");
        }
        Path p;
        try {
            p = Path.of(path.strip()).normalize();
        } catch (InvalidPathException e) {
            throw VirtException.xml("invalid storage pool target path '" + path + "'");
        }
        if (!p.isAbsolute()) {
            throw VirtException.xml("storage pool target path '" + path + "' must be absolute");
        }
        XmlElement target = def.root().child("target");
        target.setChildText("path", p.toString());
        XmlElement perms = target.child("permissions");
        if (perms != null) {
            String mode = perms.childText("mode");
            if (mode != null && !mode.matches("0?[0-7]{3,4}")) {
                throw VirtException.xml("malformed octal mode '" + mode + "'");
            }
            for (String id : new String[] {"owner", "group"}) {
                String v = perms.childText(id);
                if (v != null && !v.strip().matches("-1|\\d{1,10}")) {
                    throw VirtException.xml("malformed " + id + " '" + v + "' of storage pool '" + def.name() + "'");
                }
            }
        }
        return def;
    }
}
