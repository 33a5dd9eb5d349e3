/**
 * Test helpers shared by rtmp-server's tests and, through rtmp-server's test-jar (classifier {@code tests}, only this
 * package), by the examples module's tests: a generated TLS certificate and a bounded poller. Never on a runtime
 * class path.
 */
package org.rtmp4j.testkit;
