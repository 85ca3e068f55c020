package org.virtlayer.shell.internal.storage;

import java.io.StringReader;
import java.io.StringWriter;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.virtlayer.shell.internal.CommandFailure;
import org.virtlayer.shell.internal.XmlText;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/** The volume definitions virsh writes for {@code vol-create-as} and {@code vol-clone}. */
public final class VolumeXml {
    private VolumeXml() {
    }

    /** A volume of this size; allocation and format only when given, so that the pool's defaults apply. */
    public static String createAs(String name, long capacity, Long allocation, String format) {
        StringBuilder xml = new StringBuilder("<volume>\n");
        xml.append("  <name>").append(XmlText.escape(name)).append("</name>\n");
        xml.append("  <capacity>").append(capacity).append("</capacity>\n");
        if (allocation != null) {
            xml.append("  <allocation>").append(allocation).append("</allocation>\n");
        }
        if (format != null) {
            xml.append("  <target>\n    <format type='").append(XmlText.escape(format)).append("'/>\n  </target>\n");
        }
        return xml.append("</volume>\n").toString();
    }

    /**
     * The source volume's definition under a new name, as virsh clones: the pool gives the copy its own key and
     * path.
     */
    public static String renamed(String volumeXml, String newName) {
        try {
            Document doc = parser().parse(new InputSource(new StringReader(volumeXml)));
            Element root = doc.getDocumentElement();
            Element name = child(root, "name");
            if (name == null) {
                name = doc.createElement("name");
                root.insertBefore(name, root.getFirstChild());
            }
            name.setTextContent(newName);
            for (String drop : new String[] {"key"}) {
                Element e = child(root, drop);
                if (e != null) {
                    root.removeChild(e);
                }
            }
            Element target = child(root, "target");
            Element path = target == null ? null : child(target, "path");
            if (path != null) {
                target.removeChild(path);
            }
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new CommandFailure("failed to make the clone's definition: " + e.getMessage());
        }
    }

    private static DocumentBuilder parser() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        // the XML comes from a driver, but a definition never needs a DTD or external entities
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder();
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
