package org.rtmp4j.examples.load;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Spreads load-test clients over loopback source addresses (127.0.1.1, 127.0.1.2, ...), so a
 * server's per-IP connection limit (rtmp4j: 64 by default) does not cap a test against 127.x.y.z.
 */
final class LoopbackSources {
    private LoopbackSources() {}

    /**
     * @param host the server's host name or address
     * @param perSource clients per source address; {@code <= 0} turns spreading off
     * @param index the client's index, from 0
     * @return the local address client {@code index} binds to, or {@code null} (any) when spreading
     *     is off or the server is not an IPv4 loopback address
     */
    static InetAddress forClient(String host, int perSource, int index) {
        if (perSource <= 0) {
            return null;
        }
        try {
            InetAddress target = InetAddress.getByName(host);
            if (!(target instanceof Inet4Address) || !target.isLoopbackAddress()) {
                return null;
            }
            int n = 256 + index / perSource; // 127.0.1.1 onwards
            return InetAddress.getByAddress(new byte[] {127, (byte) (n >> 16), (byte) (n >> 8), (byte) (1 + (n & 0xFF) % 254)});
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
