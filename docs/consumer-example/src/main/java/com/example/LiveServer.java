package com.example;

import java.net.InetSocketAddress;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.server.RtmpServer;

/** Relays rtmp://HOST:1935/live/KEY from publishers to players until Ctrl-C. */
public final class LiveServer {
    public static void main(String[] args) throws Exception {
        RtmpServer server = RtmpServer.builder()
                .bind(new InetSocketAddress("0.0.0.0", 1935))   // the default is loopback only
                .controller(new LiveBroadcastController())
                .build()
                .start();                                       // binds before it returns
        // On Ctrl-C (SIGINT) close the server gracefully; main waits until it has ended
        // (terminationFuture() completes), so the program's last line runs after shutdown.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("Publish and play rtmp://HOST:" + server.port() + "/live/KEY");
        server.terminationFuture().join();
    }
}
