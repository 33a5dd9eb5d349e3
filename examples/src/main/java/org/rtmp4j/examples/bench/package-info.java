/**
 * JMH benchmarks of the hot paths: chunk decoding and encoding (RTMP 1.0 §5.3), AMF0 (AMF0 §2)
 * and the relay fan-out (one media message to many players). Run with {@code java -jar
 * examples/target/rtmp4j-benchmarks.jar [regex] [-prof gc]}.
 */
package org.rtmp4j.examples.bench;
