/**
 * Runnable demos of rtmp4j, packaged as the shaded {@code examples/target/rtmp4j.jar}.
 *
 * <ul>
 *   <li>{@link org.rtmp4j.examples.RecordToFlv}: records every published stream to an FLV file (the README
 *       headline, pyrtmp's {@code demo_flvdump} in Java).
 *   <li>{@link org.rtmp4j.examples.Main}: the command line ({@code server}, {@code record}, {@code publish},
 *       {@code play}, {@code flv-info}, {@code load}) built with picocli.
 * </ul>
 *
 * <p>Not a library: nothing here is API, and the module is never published. Unlike the library modules it
 * prints to the console and binds SLF4J to {@code slf4j-simple}.
 */
package org.rtmp4j.examples;
