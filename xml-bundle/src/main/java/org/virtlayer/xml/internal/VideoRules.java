package org.virtlayer.xml.internal;

import java.util.List;
import org.virtlayer.api.VirtException;
import org.virtlayer.xml.XmlElement;

/** libvirt's rule for video devices: exactly one is primary, marked {@code primary='yes'} and listed first. */
final class VideoRules {
    private VideoRules() {
    }

    static void primaryFirst(XmlElement devices) {
        List<XmlElement> videos = devices.children("video");
        if (videos.isEmpty()) {
            return;
        }
        XmlElement primary = null;
        for (XmlElement v : videos) {
            XmlElement model = v.child("model");
            if (model != null && "yes".equals(model.attr("primary"))) {
                if (primary != null) {
                    throw VirtException.xml("Only one primary video device is supported");
                }
                primary = v;
            }
        }
        if (primary == null) {
            primary = videos.get(0);
            XmlElement model = primary.child("model");
            if (model == null) {
                return;
            }
            model.attr("primary", "yes");
        } else if (primary != videos.get(0)) {
            devices.remove(primary);
            devices.add(devices.indexOf(videos.get(0)), primary);
        }
    }
}
