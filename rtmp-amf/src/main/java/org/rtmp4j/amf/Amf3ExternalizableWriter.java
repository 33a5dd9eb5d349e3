package org.rtmp4j.amf;

/**
 * Writes the body of an {@link Amf3Externalizable} (AMF3 §3.12, U29O-traits-ext), the inverse of
 * an {@link Amf3ExternalizableReader}. Register one per class name with {@link
 * Amf3Writer#Amf3Writer(AmfLimits, java.util.Map)}.
 */
@FunctionalInterface
public interface Amf3ExternalizableWriter {
    /** Writes {@link Amf3Externalizable#body()} as one AMF3 value; inverse of {@link Amf3ExternalizableReader#SINGLE_VALUE}. */
    Amf3ExternalizableWriter SINGLE_VALUE = (value, out) -> out.write(value.body());

    /**
     * Writes the body, after the writer has written the marker, traits and class name.
     *
     * @param value the externalizable value being written
     * @param out the writer, sharing its reference tables with the enclosing value
     * @throws AmfException if the body cannot be written
     */
    void writeExternal(Amf3Externalizable value, Amf3Writer out);
}
