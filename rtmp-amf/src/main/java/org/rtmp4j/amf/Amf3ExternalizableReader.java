package org.rtmp4j.amf;

/**
 * Reads the body of an externalizable AMF3 object (AMF3 §3.12, U29O-traits-ext: after the class
 * name follows a body only the class can read). Register one per class name with {@link
 * Amf3Reader#Amf3Reader(java.nio.ByteBuffer, AmfLimits, java.util.Map)}; an externalizable class
 * without a registered reader is an {@link AmfException}, and the data never chooses a JVM class.
 */
@FunctionalInterface
public interface Amf3ExternalizableReader {
    /**
     * A reader for bodies that are exactly one AMF3 value, as written by {@code
     * flex.messaging.io.ArrayCollection} and {@code flex.messaging.io.ObjectProxy}.
     */
    Amf3ExternalizableReader SINGLE_VALUE = (className, in) -> in.readValue();

    /**
     * Reads the body, positioned just after the class name, using the reader's value and raw
     * methods (which enforce the reader's limits and share its reference tables).
     *
     * @param className the class name of the traits
     * @param in the reader to read the body from
     * @return the body, stored as {@link Amf3Externalizable#body()}
     * @throws AmfException if the body is malformed; other runtime exceptions are wrapped in one
     */
    Object readExternal(String className, Amf3Reader in);
}
