/**
 * The RTMP chunk stream (RTMP 1.0 §5.3): {@link org.rtmp4j.core.chunk.ChunkDecoder} reassembles
 * {@link org.rtmp4j.core.chunk.RawMessage}s from interleaved chunks and
 * {@link org.rtmp4j.core.chunk.ChunkEncoder} splits them back into chunks with compressed headers.
 * Sans-I/O, single-threaded per connection, no payload copies on the outbound path and exactly one
 * on the inbound path.
 */
package org.rtmp4j.core.chunk;
