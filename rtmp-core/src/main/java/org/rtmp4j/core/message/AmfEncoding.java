package org.rtmp4j.core.message;

/**
 * The AMF version of a command, data or shared object message: type 20/18/19 (AMF0) or 17/15/16
 * (AMF3) (RTMP 1.0 §7.1.1–§7.1.3; E-RTMP v2, "Enabling AMF3 in RTMP").
 */
public enum AmfEncoding {
    /** AMF0 (command 20, data 18, shared object 19). */
    AMF0,
    /** AMF3 (command 17, data 15, shared object 16); the body starts with a 0x00 format byte. */
    AMF3;

    /**
     * Maps the {@code objectEncoding} of a connect command (RTMP 1.0 §7.2.1.1) to the encoding of
     * command and data messages: 3 → {@link #AMF3}, anything else (0 or absent) → {@link #AMF0}.
     *
     * @param objectEncoding the connect command object's {@code objectEncoding} value
     * @return the encoding
     */
    public static AmfEncoding ofObjectEncoding(double objectEncoding) {
        return objectEncoding == 3 ? AMF3 : AMF0;
    }

    /** @return the {@code objectEncoding} number of this encoding: 0 or 3 */
    public double objectEncoding() {
        return this == AMF3 ? 3 : 0;
    }
}
