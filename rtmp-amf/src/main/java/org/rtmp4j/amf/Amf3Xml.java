package org.rtmp4j.amf;

import java.util.Objects;

/**
 * An AMF3 E4X XML value (marker 0x0B, AMF3 §3.13), kept as text and never parsed. The legacy
 * {@code flash.xml.XMLDocument} (marker 0x07, AMF3 §3.9) decodes to {@link AmfXmlDocument} instead.
 *
 * @param xml the XML text
 */
public record Amf3Xml(String xml) {
    /**
     * Validates the components.
     *
     * @param xml the XML text
     * @throws NullPointerException if {@code xml} is null
     */
    public Amf3Xml {
        Objects.requireNonNull(xml, "xml");
    }
}
