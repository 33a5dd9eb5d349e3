package org.rtmp4j.amf;

/**
 * An AMF0 XML document (marker 0x0F, AMF0 §2.17), kept as text; it is never parsed.
 *
 * @param xml the document text
 */
public record AmfXmlDocument(String xml) {}
