package org.rtmp4j.examples.bench;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What TLS costs per core, for scale against the RTMPS fan-out (DESIGN-NOTES.md, "TLS (issue 16 §1)"): one op
 * encrypts one 16 KiB record, so bytes per second = ops/s × 16384. {@code aesGcm}: the JDK's AES-GCM cipher alone
 * ({@code Cipher}, a new 12-byte IV per record as TLS uses). {@code sslEngineWrap}: a TLS 1.3 {@link SSLEngine}
 * wrapping a 16 KiB record after a handshake done in memory (the server's per-player cost: record header,
 * sequence number, AEAD). Single-threaded: per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TlsRecordBenchmark {
    /** The record's plaintext: 16 KiB, TLS's largest. */
    static final int RECORD = 16 * 1024;

    /** AES key size in bits (TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384). */
    @Param({"128", "256"})
    public int keyBits;

    private Cipher cipher;
    private SecretKey key;
    private byte[] iv;
    private long counter;
    private ByteBuffer plain;
    private ByteBuffer sealed;
    private SSLEngine client;
    private ByteBuffer net;

    /** Keys, buffers and a completed in-memory TLS 1.3 handshake. */
    @Setup
    public void setUp() throws Exception {
        KeyGenerator kg = KeyGenerator.getInstance("AES");
        kg.init(keyBits);
        key = kg.generateKey();
        cipher = Cipher.getInstance("AES/GCM/NoPadding");
        iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        plain = ByteBuffer.allocate(RECORD);
        sealed = ByteBuffer.allocate(RECORD + 16);
        handshake();
    }

    private void handshake() throws Exception {
        SSLContext server = SelfSignedContext.server();
        SSLEngine s = server.createSSLEngine();
        s.setUseClientMode(false);
        client = SelfSignedContext.trustAll().createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        String suite = keyBits == 128 ? "TLS_AES_128_GCM_SHA256" : "TLS_AES_256_GCM_SHA384";
        for (SSLEngine e : new SSLEngine[] {s, client}) {
            SSLParameters p = e.getSSLParameters();
            p.setProtocols(new String[] {"TLSv1.3"});
            p.setCipherSuites(new String[] {suite});
            e.setSSLParameters(p);
        }
        int size = client.getSession().getPacketBufferSize();
        ByteBuffer c2s = ByteBuffer.allocate(size * 4);
        ByteBuffer s2c = ByteBuffer.allocate(size * 4);
        ByteBuffer sink = ByteBuffer.allocate(client.getSession().getApplicationBufferSize() * 2);
        ByteBuffer empty = ByteBuffer.allocate(0);
        client.beginHandshake();
        s.beginHandshake();
        for (int i = 0; i < 1000 && !(done(client) && done(s)); i++) {
            step(client, empty, c2s, s2c, sink);
            step(s, empty, s2c, c2s, sink);
        }
        if (!done(client) || !done(s)) {
            throw new IllegalStateException("in-memory handshake did not finish: " + client.getHandshakeStatus());
        }
        net = ByteBuffer.allocate(size);
    }

    private static boolean done(SSLEngine e) {
        return e.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }

    /** One engine's turn: run tasks, wrap into {@code out}, unwrap from {@code in}. */
    private static void step(SSLEngine e, ByteBuffer empty, ByteBuffer out, ByteBuffer in, ByteBuffer sink)
            throws Exception {
        Runnable t;
        while ((t = e.getDelegatedTask()) != null) {
            t.run();
        }
        if (e.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            e.wrap(empty, out);
        }
        in.flip();
        SSLEngineResult r;
        do {
            sink.clear();
            r = e.unwrap(in, sink);
            while ((t = e.getDelegatedTask()) != null) {
                t.run();
            }
        } while (r.getStatus() == SSLEngineResult.Status.OK && in.hasRemaining()
                && e.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP);
        in.compact();
    }

    /** @return the sealed record's size: AES-GCM over 16 KiB with a new IV */
    @Benchmark
    public int aesGcm() throws Exception {
        long n = ++counter;
        for (int i = 0; i < 8; i++) {
            iv[4 + i] = (byte) (n >>> (8 * i));
        }
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        plain.clear();
        sealed.clear();
        return cipher.doFinal(plain, sealed);
    }

    /** @return the TLS record's size: one 16 KiB application data record */
    @Benchmark
    public int sslEngineWrap() throws Exception {
        plain.clear();
        net.clear();
        return client.wrap(plain, net).bytesProduced();
    }
}
