/**
 * The NIO runtime under {@link org.rtmp4j.server.RtmpServer}: event loops (one {@code Selector} and
 * one thread each), the acceptor, and {@link org.rtmp4j.server.internal.NioTransport}, the
 * {@code Transport} the sans-I/O engines write to.
 *
 * <p><b>Not API.</b> Everything here may change without notice; it is excluded from the javadoc.
 */
package org.rtmp4j.server.internal;
