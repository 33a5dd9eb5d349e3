/**
 * The operator's HTTP endpoints of the example server: {@code /health}, the JSON API under {@code /api/v1/}
 * (Jackson) and {@code /metrics} (the official Prometheus client's text format), mounted on the library's own
 * HTTP listener by {@link org.rtmp4j.examples.api.ApiRoutes}. The library only provides the transport-neutral
 * snapshots ({@code LiveBroadcastController.control()}, {@code RtmpServer.clients()}); JSON and Prometheus stay here.
 */
package org.rtmp4j.examples.api;
