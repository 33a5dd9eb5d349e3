/**
 * RTMPT: RTMP tunnelled through HTTP POST requests ({@code /open/1}, {@code /send/ID/SEQ}, {@code /idle/ID/SEQ},
 * {@code /close/ID/SEQ}), as Flash Player, librtmp, ffmpeg ({@code rtmpt://}) and Red5 speak it. {@link
 * org.rtmp4j.server.rtmpt.RtmptHandler} is an ordinary HTTP handler, so RTMPT runs on any HTTP listener, plain or
 * TLS (RTMPTS); each session is an ordinary RTMP connection of the server's engine and live hub. The server mounts
 * it on its HTTP listener by default ({@link org.rtmp4j.server.RtmpServer.Builder#rtmpt}); limits are in
 * {@link org.rtmp4j.server.rtmpt.RtmptOptions}.
 */
package org.rtmp4j.server.rtmpt;
