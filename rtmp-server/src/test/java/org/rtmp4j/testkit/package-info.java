/**
 * Test helpers shared by rtmp-server's tests and, through rtmp-server's test-jar (classifier {@code tests}, only this
 * package), by the examples module's tests: a generated TLS certificate ({@link org.rtmp4j.testkit.TestCertificates}),
 * a bounded poller ({@link org.rtmp4j.testkit.Eventually}), captured log lines ({@link org.rtmp4j.testkit.LogLines}),
 * the checks of an HTTP-FLV response ({@link org.rtmp4j.testkit.HttpFlvResponses}) and malformed video messages
 * ({@link org.rtmp4j.testkit.MalformedVideo}). Never on a runtime class path.
 */
package org.rtmp4j.testkit;
