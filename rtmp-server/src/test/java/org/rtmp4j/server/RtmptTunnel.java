package org.rtmp4j.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * A test RTMPT client in front of a TCP socket: {@link #port()} accepts one RTMP connection (an {@code RtmpClient})
 * and carries its bytes to a server's HTTP listener as RTMPT requests, as ffmpeg does: {@code POST /open/1}, then
 * {@code /send/ID/SEQ} with what the client wrote or {@code /idle/ID/SEQ} with one padding byte when it wrote
 * nothing for 20 ms, each reply's bytes after the polling-delay byte back to the client; {@code /close} when the
 * client closes. It stops at the first reply that is not 200 ({@link #ended()} completes with that status, or 0
 * after its own {@code /close}) and then closes the client's socket. One thread; {@link #close()} ends it.
 */
final class RtmptTunnel implements AutoCloseable {
    private final ServerSocket listening;
    private final int httpPort;
    private final javax.net.SocketFactory sockets;
    private final CompletableFuture<Integer> ended = new CompletableFuture<>();
    private final CompletableFuture<String> sessionId = new CompletableFuture<>();
    private final Thread thread;
    private volatile Socket client;
    private volatile RawHttp http;

    RtmptTunnel(int httpPort) throws IOException {
        this(javax.net.SocketFactory.getDefault(), httpPort);
    }

    /** A tunnel whose HTTP connection comes from {@code sockets}: an {@code SSLSocketFactory} makes it RTMPTS. */
    RtmptTunnel(javax.net.SocketFactory sockets, int httpPort) throws IOException {
        this.sockets = sockets;
        this.httpPort = httpPort;
        this.listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::run, "rtmpt-tunnel");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return the TCP port an RTMP client connects to */
    int port() {
        return listening.getLocalPort();
    }

    /** @return completes with the status of the reply that ended the tunnel, 0 after the client closed */
    CompletableFuture<Integer> ended() {
        return ended;
    }

    /** @return completes with the session id once {@code /open/1} was answered */
    CompletableFuture<String> sessionId() {
        return sessionId;
    }

    private void run() {
        int status = -1;
        try (Socket c = listening.accept(); RawHttp h = new RawHttp(sockets, httpPort)) {
            client = c;
            http = h;
            c.setSoTimeout(20);
            RawHttp.Response open = post(h, "/open/1", new byte[1]);
            if (open.status() != 200) {
                status = open.status();
                return;
            }
            String id = open.bodyText().trim();
            sessionId.complete(id);
            InputStream in = c.getInputStream();
            byte[] buf = new byte[64 * 1024];
            for (long seq = 0; ; seq++) {
                int n = read(in, buf);
                if (n < 0) {
                    post(h, "/close/" + id + "/" + seq, new byte[1]);
                    status = 0;
                    return;
                }
                RawHttp.Response r = n > 0 ? post(h, "/send/" + id + "/" + seq, Arrays.copyOf(buf, n))
                        : post(h, "/idle/" + id + "/" + seq, new byte[1]);
                if (r.status() != 200) {
                    status = r.status();
                    return;
                }
                c.getOutputStream().write(r.body(), 1, r.body().length - 1);
            }
        } catch (IOException e) {
            status = -1;
        } finally {
            ended.complete(status);
        }
    }

    private static int read(InputStream in, byte[] buf) throws IOException {
        try {
            return in.read(buf);
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    private static RawHttp.Response post(RawHttp h, String path, byte[] body) throws IOException {
        h.send("POST " + path + " HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-fcs\r\nContent-Length: "
                + body.length + "\r\n\r\n");
        h.socket().getOutputStream().write(body);
        return h.read();
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        listening.close();
        Socket c = client;
        if (c != null) {
            c.close();
        }
        RawHttp h = http;
        if (h != null) {
            h.close();
        }
    }
}
