/**
 * Engine detail of the sans-I/O core that {@code rtmp-server} needs across module boundaries: the
 * shared "encode once, write many" media ({@link org.rtmp4j.core.internal.EncodedMedia}), the hooks
 * through which the live hub's fan-out ({@code org.rtmp4j.live}) reaches a player's connection
 * ({@link org.rtmp4j.core.internal.FanoutTarget}) and the two-byte media classifier of the engine's
 * own drop policy for {@code RtmpSession.sendMedia} ({@link org.rtmp4j.core.internal.MediaClassifier};
 * the relay classifies with rtmp-flv once per message and hands the result down).
 *
 * <p><b>Not API.</b> Everything here may change without notice; see the section "API and engine
 * detail" of DESIGN-NOTES.md for what is API.
 */
package org.rtmp4j.core.internal;
