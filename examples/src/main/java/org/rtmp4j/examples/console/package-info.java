/**
 * The web console at {@code /} (issue 14 §4): a page, its script and style sheet and our MSE player, served from
 * the jar's resources by {@link org.rtmp4j.examples.console.ConsoleRoutes} on the server's HTTP port. The page reads
 * the HTTP API ({@code org.rtmp4j.examples.api}) from the browser; nothing here talks to the hub.
 */
package org.rtmp4j.examples.console;
