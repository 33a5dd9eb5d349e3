package org.rtmp4j.amf;

/**
 * An AMF0 date (marker 0x0B, AMF0 §2.13).
 *
 * @param epochMillis milliseconds since 1970-01-01T00:00Z, as an IEEE-754 double
 * @param timezone the signed 16-bit time-zone field; the spec says it is reserved and should be 0
 */
public record AmfDate(double epochMillis, int timezone) {}
