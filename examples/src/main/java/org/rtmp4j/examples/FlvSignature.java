package org.rtmp4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rtmp4j.flv.FlvFormatException;

/**
 * Checks that a file starts with the FLV signature ({@code "FLV"}, FLV 10.1 §E.2) before {@code publish} connects,
 * and names what the file is instead, with the ffmpeg command that remuxes it. Stateless.
 */
final class FlvSignature {
    private FlvSignature() {}

    /**
     * Requires {@code file} to start with {@code "FLV"}.
     *
     * @throws FlvFormatException (offset 0) if it does not; the message names the file, the container it looks
     *     like (MP4/MOV, Matroska/WebM, MPEG-TS, RIFF, MP3) and {@code ffmpeg -i FILE -c copy -f flv OUT.flv}
     * @throws IOException naming the file, if it cannot be read
     */
    static void require(Path file) throws IOException {
        byte[] head = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + " to publish it: " + e.getMessage(), e);
        }
        if (n >= 3 && head[0] == 'F' && head[1] == 'L' && head[2] == 'V') {
            return;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String out = (dot > 0 ? name.substring(0, dot) : name) + (name.endsWith(".flv") ? "-remuxed" : "") + ".flv";
        Path target = file.resolveSibling(out);
        throw new FlvFormatException(file.toString(), 0, "not an FLV file" + looksLike(head, n)
                + "; publish sends FLV only, remux it first (no re-encoding): ffmpeg -i " + file + " -c copy -f flv " + target,
                null);
    }

    private static String looksLike(byte[] h, int n) {
        if (n == 0) {
            return " (it is empty)";
        }
        if (n >= 8 && ascii(h, 4, 4).equals("ftyp")) {
            return " (it is an MP4/MOV file: 'ftyp' box at byte 4)";
        }
        if (n >= 4 && (h[0] & 0xFF) == 0x1A && (h[1] & 0xFF) == 0x45 && (h[2] & 0xFF) == 0xDF && (h[3] & 0xFF) == 0xA3) {
            return " (it is a Matroska/WebM file)";
        }
        if ((h[0] & 0xFF) == 0x47) {
            return " (it looks like MPEG-TS: sync byte 0x47)";
        }
        if (n >= 4 && ascii(h, 0, 4).equals("RIFF")) {
            return " (it is a RIFF file: AVI or WAV)";
        }
        if (n >= 3 && ascii(h, 0, 3).equals("ID3")) {
            return " (it is an MP3 file)";
        }
        return " (it does not start with the signature 'FLV')";
    }

    private static String ascii(byte[] b, int from, int length) {
        return new String(b, from, length, StandardCharsets.ISO_8859_1);
    }
}
