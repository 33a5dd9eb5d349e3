/**
 * The {@code load} command: one publisher (synthetic video carrying its send time, or an FLV file)
 * and N players on one {@link org.rtmp4j.client.NioClientGroup}, reporting players kept up, bytes
 * delivered, end-to-end latency and time to first keyframe. Works against any RTMP server.
 */
package org.rtmp4j.examples.load;
