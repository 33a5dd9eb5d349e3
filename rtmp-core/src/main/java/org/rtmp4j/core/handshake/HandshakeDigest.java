package org.rtmp4j.core.handshake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The FP9 "digest" handshake arithmetic used by Flash Player, Flash Media Server, ffmpeg and nginx
 * on top of the simple handshake of RTMP 1.0 §5.2 (not part of that spec).
 *
 * <p>A 1536-byte C1/S1 carries a 32-byte HMAC-SHA256 digest at an offset derived from four bytes
 * at a scheme-dependent base: scheme 0 sums bytes 8..11 and places the digest at
 * {@code sum % 728 + 12}; scheme 1 sums bytes 772..775 and places it at {@code sum % 728 + 776}.
 * The digest is computed over the packet without those 32 bytes. A digest-style C2/S2 is 1504
 * bytes followed by an HMAC-SHA256 over them, keyed with HMAC-SHA256(full peer key, peer digest).
 *
 * <p>Stateless and thread-safe (each call creates its own {@link Mac}).
 */
final class HandshakeDigest {
    /** Length of C1/S1/C2/S2 in bytes (RTMP 1.0 §5.2.3). */
    static final int PACKET_SIZE = 1536;
    /** Length of an HMAC-SHA256 digest in bytes. */
    static final int DIGEST_SIZE = 32;
    /** Number of schemes (0: base 8, 1: base 772). */
    static final int SCHEMES = 2;

    private static final byte[] KEY_TAIL = {
        (byte) 0xF0, (byte) 0xEE, (byte) 0xC2, (byte) 0x4A, (byte) 0x80, (byte) 0x68, (byte) 0xBE, (byte) 0xE8,
        (byte) 0x2E, (byte) 0x00, (byte) 0xD0, (byte) 0xD1, (byte) 0x02, (byte) 0x9E, (byte) 0x7E, (byte) 0x57,
        (byte) 0x6E, (byte) 0xEC, (byte) 0x5D, (byte) 0x2D, (byte) 0x29, (byte) 0x80, (byte) 0x6F, (byte) 0xAB,
        (byte) 0x93, (byte) 0xB8, (byte) 0xE6, (byte) 0x36, (byte) 0xCF, (byte) 0xEB, (byte) 0x31, (byte) 0xAE
    };

    /** The 62-byte Flash Player key: "Genuine Adobe Flash Player 001" and 32 fixed bytes. */
    static final byte[] PLAYER_KEY = concat("Genuine Adobe Flash Player 001", KEY_TAIL);
    /** The 68-byte Flash Media Server key: "Genuine Adobe Flash Media Server 001" and 32 fixed bytes. */
    static final byte[] SERVER_KEY = concat("Genuine Adobe Flash Media Server 001", KEY_TAIL);
    /** Length of the text part of {@link #PLAYER_KEY}, the key for C1 digests. */
    static final int PLAYER_KEY_TEXT_LENGTH = 30;
    /** Length of the text part of {@link #SERVER_KEY}, the key for S1 digests. */
    static final int SERVER_KEY_TEXT_LENGTH = 36;

    private HandshakeDigest() {}

    private static byte[] concat(String text, byte[] tail) {
        byte[] head = text.getBytes(StandardCharsets.US_ASCII);
        byte[] key = new byte[head.length + tail.length];
        System.arraycopy(head, 0, key, 0, head.length);
        System.arraycopy(tail, 0, key, head.length, tail.length);
        return key;
    }

    /**
     * @param packet a 1536-byte C1/S1 (without the C0/S0 byte)
     * @param scheme 0 or 1
     * @return the offset of the 32-byte digest for that scheme
     */
    static int digestOffset(byte[] packet, int scheme) {
        int base = scheme == 0 ? 8 : 772;
        int sum = (packet[base] & 0xFF) + (packet[base + 1] & 0xFF) + (packet[base + 2] & 0xFF) + (packet[base + 3] & 0xFF);
        return sum % 728 + base + 4;
    }

    /**
     * HMAC-SHA256 of {@code packet} without the 32 bytes at {@code skip}.
     *
     * @param skip offset of the excluded 32 bytes, or -1 to include everything
     * @param length how many bytes of {@code packet} to cover
     */
    static byte[] hmac(byte[] packet, int length, int skip, byte[] key, int keyLength) {
        Mac mac = newMac(key, keyLength);
        if (skip < 0) {
            mac.update(packet, 0, length);
        } else {
            mac.update(packet, 0, skip);
            mac.update(packet, skip + DIGEST_SIZE, length - skip - DIGEST_SIZE);
        }
        return mac.doFinal();
    }

    /**
     * Finds a valid digest in a C1/S1.
     *
     * @return the scheme (0 or 1) whose digest validates, or -1 if none does
     */
    static int findDigest(byte[] packet, byte[] key, int keyLength) {
        for (int scheme = 0; scheme < SCHEMES; scheme++) {
            int offset = digestOffset(packet, scheme);
            byte[] expected = hmac(packet, PACKET_SIZE, offset, key, keyLength);
            if (equalsAt(packet, offset, expected)) {
                return scheme;
            }
        }
        return -1;
    }

    /** Writes the digest for {@code scheme} into {@code packet} (a 1536-byte C1/S1). */
    static void writeDigest(byte[] packet, int scheme, byte[] key, int keyLength) {
        int offset = digestOffset(packet, scheme);
        byte[] digest = hmac(packet, PACKET_SIZE, offset, key, keyLength);
        System.arraycopy(digest, 0, packet, offset, DIGEST_SIZE);
    }

    /** @return the 32-byte digest stored in {@code packet} for {@code scheme} */
    static byte[] digestAt(byte[] packet, int scheme) {
        int offset = digestOffset(packet, scheme);
        byte[] digest = new byte[DIGEST_SIZE];
        System.arraycopy(packet, offset, digest, 0, DIGEST_SIZE);
        return digest;
    }

    /**
     * Signs a digest-style C2/S2 in place: its last 32 bytes become HMAC-SHA256 over the first 1504,
     * keyed with HMAC-SHA256(fullKey, peerDigest).
     */
    static void signResponse(byte[] packet, byte[] fullKey, byte[] peerDigest) {
        byte[] signature = responseSignature(packet, fullKey, peerDigest);
        System.arraycopy(signature, 0, packet, PACKET_SIZE - DIGEST_SIZE, DIGEST_SIZE);
    }

    /** @return whether a digest-style C2/S2 carries the signature {@link #signResponse} would write */
    static boolean verifyResponse(byte[] packet, byte[] fullKey, byte[] peerDigest) {
        return equalsAt(packet, PACKET_SIZE - DIGEST_SIZE, responseSignature(packet, fullKey, peerDigest));
    }

    private static byte[] responseSignature(byte[] packet, byte[] fullKey, byte[] peerDigest) {
        Mac keyMac = newMac(fullKey, fullKey.length);
        byte[] key = keyMac.doFinal(peerDigest);
        return hmac(packet, PACKET_SIZE - DIGEST_SIZE, -1, key, key.length);
    }

    private static boolean equalsAt(byte[] packet, int offset, byte[] expected) {
        byte[] actual = new byte[expected.length];
        System.arraycopy(packet, offset, actual, 0, expected.length);
        return MessageDigest.isEqual(actual, expected);
    }

    private static Mac newMac(byte[] key, int keyLength) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, 0, keyLength, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
