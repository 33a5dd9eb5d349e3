/**
 * AMF (Action Message Format) value codec, as used by RTMP command and data messages and by FLV
 * script-data tags. No dependencies and no logging.
 *
 * <p>AMF0 (Adobe "AMF 0 Specification", referred to as AMF0 §n): {@link org.rtmp4j.amf.Amf0Reader}
 * decodes every AMF0 marker (§2.1–§2.18) from a {@link java.nio.ByteBuffer} under {@link
 * org.rtmp4j.amf.AmfLimits}; {@link org.rtmp4j.amf.Amf0Writer} encodes Java values;
 * {@link org.rtmp4j.amf.Amf0} is the static facade with the type marker constants. The AVM+ switch
 * to AMF3 (AMF0 §3.1) is reported as unsupported for now.
 *
 * <p>Java mapping: {@code null} is AMF null, {@link org.rtmp4j.amf.AmfUndefined} is undefined,
 * objects are insertion-ordered maps, {@link org.rtmp4j.amf.AmfEcmaArray}, {@link
 * org.rtmp4j.amf.AmfTypedObject}, {@link org.rtmp4j.amf.AmfDate} and {@link
 * org.rtmp4j.amf.AmfXmlDocument} keep the distinctions needed to round-trip byte-exactly.
 *
 * <p>Malformed, hostile or unsupported input always fails with the unchecked {@link
 * org.rtmp4j.amf.AmfException}, whose message names the byte offset and the reason. Readers and
 * writers are not thread-safe; the value types are plain data.
 */
package org.rtmp4j.amf;
