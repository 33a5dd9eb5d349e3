/**
 * AMF (Action Message Format) value codec, as used by RTMP command and data messages and by FLV
 * script-data tags. No dependencies and no logging.
 *
 * <p>AMF0 (Adobe "AMF 0 Specification", referred to as AMF0 §n): {@link org.rtmp4j.amf.Amf0Reader}
 * decodes every AMF0 marker (§2.1–§2.18) from a {@link java.nio.ByteBuffer} under {@link
 * org.rtmp4j.amf.AmfLimits}; {@link org.rtmp4j.amf.Amf0Writer} encodes Java values;
 * {@link org.rtmp4j.amf.Amf0} is the static facade with the type marker constants. The AVM+ switch
 * (AMF0 §3.1, marker 0x11) decodes exactly one AMF3 value with fresh reference tables, then
 * continues in AMF0; {@link org.rtmp4j.amf.Amf0Writer#writeAmf3(Object)} writes one.
 *
 * <p>AMF3 (Adobe "AMF 3 Specification", January 2013, referred to as AMF3 §n): {@link
 * org.rtmp4j.amf.Amf3Reader} and {@link org.rtmp4j.amf.Amf3Writer} handle every AMF3 marker
 * (§3.2–§3.16) with the string, object and trait reference tables (§2.2), so that decode → encode of
 * typical encoder output is byte-exact; {@link org.rtmp4j.amf.Amf3} is their facade. AMF3 values
 * map to {@link org.rtmp4j.amf.Amf3Object}, {@link org.rtmp4j.amf.Amf3Array}, {@link
 * org.rtmp4j.amf.Amf3Vector}, {@link org.rtmp4j.amf.Amf3Dictionary}, {@link
 * org.rtmp4j.amf.Amf3Xml}, {@code byte[]} and the shared types below. Externalizable objects are
 * decoded only through an {@link org.rtmp4j.amf.Amf3ExternalizableReader} registered for their
 * class name; the data never selects a JVM class.
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
