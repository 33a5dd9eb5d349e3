package org.rtmp4j.amf;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An AMF0 ECMA array (marker 0x08, AMF0 §2.10): an associative array whose keys keep their order.
 * A distinct type from a plain {@code Map} (decoded from an anonymous object, marker 0x03) so that
 * values round-trip byte-exactly. {@code onMetaData} is usually an ECMA array.
 */
public class AmfEcmaArray extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;

    /** Creates an empty ECMA array. */
    public AmfEcmaArray() {}

    /** @param entries entries to copy, in iteration order */
    public AmfEcmaArray(Map<String, ?> entries) {
        super(entries);
    }
}
