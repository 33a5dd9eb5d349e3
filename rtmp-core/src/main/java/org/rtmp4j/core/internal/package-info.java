/**
 * Engine detail of the sans-I/O core that {@code rtmp-server} needs across module boundaries: the
 * shared "encode once, write many" media ({@link org.rtmp4j.core.internal.EncodedMedia}), the fan-out
 * that hands one message to many players ({@link org.rtmp4j.core.internal.MediaFanout}) and the
 * two-byte media classifier ({@link org.rtmp4j.core.internal.MediaClassifier}).
 *
 * <p><b>Not API.</b> Everything here may change without notice (the live hub redesign will replace
 * the fan-out); see the section "API and engine detail" of DESIGN-NOTES.md for what is API.
 */
package org.rtmp4j.core.internal;
