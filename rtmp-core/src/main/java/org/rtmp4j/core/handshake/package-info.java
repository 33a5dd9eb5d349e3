/**
 * The RTMP handshake (RTMP 1.0 §5.2): C0/C1/C2 and S0/S1/S2, simple and the FP9 digest variant
 * sent by Flash Player and ffmpeg. Sans-I/O: {@link org.rtmp4j.core.handshake.Handshake} takes
 * received bytes and returns bytes to send.
 */
package org.rtmp4j.core.handshake;
