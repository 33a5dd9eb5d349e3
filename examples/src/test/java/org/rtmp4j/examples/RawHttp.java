package org.rtmp4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Test helper: HTTP/1.1 over a plain socket bound to a chosen local address (the JDK 17 HttpClient cannot bind
 * one), sending the request target exactly as given (no normalisation of {@code ..} or percent-encoding). Reads one
 * response with a {@code Content-Length} body; keeps the connection for another request. Read timeout 10 s.
 */
final class RawHttp implements AutoCloseable {
    private final Socket socket = new Socket();
    private final InputStream in;

    /** A response: status, header fields (lower-case names), body as text. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    RawHttp(String localAddress, InetSocketAddress server) throws IOException {
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(server, 5_000);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
    }

    /** One request from {@code from} on a fresh connection. */
    static Response call(String from, InetSocketAddress server, String method, String target, String authorization)
            throws IOException {
        try (RawHttp c = new RawHttp(from, server)) {
            return c.send(method, target, authorization);
        }
    }

    Response send(String method, String target, String authorization) throws IOException {
        String req = method + " " + target + " HTTP/1.1\r\nHost: test\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
        socket.getOutputStream().write(req.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l = line(); !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).strip().toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed inside a response head");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
