package org.rtmp4j.core.message;

/** The AMF version of a command or data message: type 20/18 (AMF0) or 17/15 (AMF3). */
public enum AmfEncoding {
    /** AMF0 (command 20, data 18, shared object 19). */
    AMF0,
    /** AMF3 (command 17, data 15, shared object 16); the body starts with a 0x00 format byte. */
    AMF3
}
