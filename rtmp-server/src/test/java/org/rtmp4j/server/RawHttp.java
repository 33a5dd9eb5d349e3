package org.rtmp4j.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A raw HTTP/1.x client socket for tests that need what java.net.http hides: pipelining, trickling,
 * malformed requests, HTTP/1.0. Reads responses framed by Content-Length, chunked, or the close.
 * Every read waits at most 5 s.
 */
final class RawHttp implements AutoCloseable {
    /** A response as read. */
    record Response(String statusLine, int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port) throws IOException {
        this(javax.net.SocketFactory.getDefault(), port);
    }

    /** Connects through {@code sockets}, e.g. an {@code SSLSocketFactory} for HTTPS. */
    RawHttp(javax.net.SocketFactory sockets, int port) throws IOException {
        socket = sockets.createSocket("127.0.0.1", port);
        socket.setSoTimeout(5_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    RawHttp send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** @return the next response; the body is read by its framing (for HEAD pass {@code headOnly}) */
    Response read() throws IOException {
        return read(false);
    }

    Response read(boolean headOnly) throws IOException {
        String statusLine = line();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l = line(); !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headOnly || status == 101 || status == 204) {
            return new Response(statusLine, status, headers, body.toByteArray());
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(), 16); size > 0; size = Integer.parseInt(line(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            line();
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else {
            body.write(in.readAllBytes());
        }
        return new Response(statusLine, status, headers, body.toByteArray());
    }

    /** @return whether the server closed the connection (EOF) within the read timeout */
    boolean closedByPeer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    InputStream input() {
        return in;
    }

    Socket socket() {
        return socket;
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) c);
        }
        throw new IOException("connection closed in a line: " + sb);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
