/**
 * Relays: the live hub's outputs and inputs that reach other servers and processes (issue 15).
 *
 * <ul>
 *   <li>A <b>push</b> relay publishes a local stream to another server ({@code rtmp://host/app/KEY},
 *       nginx-rtmp's {@code push}): an output of the hub with its own connection and bounded queue.</li>
 *   <li>A <b>pull</b> relay plays a stream from another server and publishes it locally (nginx-rtmp's
 *       {@code pull}, SRS's edge): an input of the hub, static or on demand.</li>
 *   <li>An <b>exec</b> relay runs a supervised process per published stream (nginx-rtmp's {@code exec}).</li>
 * </ul>
 *
 * <p>Every relay has an id, a {@link org.rtmp4j.relay.RelayKind}, a source, a destination and a
 * {@link org.rtmp4j.relay.RelayState}, reported as a {@link org.rtmp4j.relay.RelayInfo}; the
 * {@link org.rtmp4j.relay.Relays} registry holds them for the host (the HTTP API, the console) and stops
 * them; {@link org.rtmp4j.relay.Backoff} is the one retry schedule (exponential with jitter) and
 * {@link org.rtmp4j.relay.RelayStatus} the one bookkeeping every kind shares.
 */
package org.rtmp4j.relay;
