package org.rtmp4j.amf;

/** The AMF {@code undefined} value (AMF0 marker 0x06, AMF3 marker 0x00). Java {@code null} is AMF null. */
public enum AmfUndefined {
    /** The single undefined value. */
    INSTANCE
}
