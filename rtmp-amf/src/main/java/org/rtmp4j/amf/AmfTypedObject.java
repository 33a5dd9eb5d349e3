package org.rtmp4j.amf;

import java.util.Map;

/**
 * An AMF0 typed object (marker 0x10, AMF0 §2.18): a class name and its properties. Decoding never
 * instantiates a JVM class chosen by the data.
 *
 * @param className the class alias as sent
 * @param properties the properties in wire order
 */
public record AmfTypedObject(String className, Map<String, Object> properties) {}
