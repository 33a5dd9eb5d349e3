package org.rtmp4j.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads PEM files (RFC 7468) with the JDK only: a certificate chain ({@code CERTIFICATE} blocks,
 * leaf first, as certbot's {@code fullchain.pem}) and an unencrypted PKCS#8 private key ({@code
 * PRIVATE KEY}, RSA or EC, as certbot's {@code privkey.pem}). Text outside blocks (comments,
 * OpenSSL's "Bag Attributes") is ignored. PKCS#1 ({@code RSA PRIVATE KEY}), SEC1 ({@code EC
 * PRIVATE KEY}) and encrypted keys are refused with the {@code openssl} command that converts them.
 *
 * <p>Limits: at most {@link #MAX_FILE_BYTES} (1 MiB) per file and {@link #MAX_BLOCKS} (64) blocks.
 * Stateless and thread-safe.
 */
public final class PemFiles {
    /** The largest PEM file read: 1 MiB. */
    public static final int MAX_FILE_BYTES = 1 << 20;
    /** The most blocks in one text: 64. */
    public static final int MAX_BLOCKS = 64;
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private PemFiles() {}

    /**
     * One decoded block.
     *
     * @param label the label, e.g. {@code CERTIFICATE}
     * @param der the decoded body
     * @param offset the character offset of its BEGIN line
     */
    public record Block(String label, byte[] der, int offset) {}

    /**
     * Splits a PEM text into its blocks.
     *
     * @param text the text
     * @return the blocks in order, possibly empty
     * @throws PemFormatException on an unterminated block, a mismatched END label, bad Base64 or too many blocks
     */
    public static List<Block> blocks(String text) throws PemFormatException {
        if (text.length() > MAX_FILE_BYTES) {
            throw new PemFormatException(-1, "longer than " + MAX_FILE_BYTES + " characters");
        }
        List<Block> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int begin = text.indexOf(BEGIN, from);
            if (begin < 0) {
                return out;
            }
            int labelStart = begin + BEGIN.length();
            int labelEnd = text.indexOf(DASHES, labelStart);
            int eol = lineEnd(text, labelStart);
            if (labelEnd < 0 || labelEnd > eol) {
                throw new PemFormatException(begin, "BEGIN line without closing dashes");
            }
            String label = text.substring(labelStart, labelEnd);
            String endLine = END + label + DASHES;
            int end = text.indexOf(endLine, labelEnd + DASHES.length());
            if (end < 0) {
                throw new PemFormatException(begin, "no '" + endLine + "' for this block");
            }
            int nextBegin = text.indexOf(BEGIN, labelEnd);
            if (nextBegin >= 0 && nextBegin < end) {
                throw new PemFormatException(nextBegin, "BEGIN inside the '" + label + "' block");
            }
            if (out.size() == MAX_BLOCKS) {
                throw new PemFormatException(begin, "more than " + MAX_BLOCKS + " blocks");
            }
            String body = text.substring(labelEnd + DASHES.length(), end);
            if (body.indexOf(':') >= 0) {
                throw new PemFormatException(begin, "encrypted or RFC 1421 headers in '" + label
                        + "' (decrypt it: openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem)");
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(strict(body, labelEnd + DASHES.length()));
            } catch (IllegalArgumentException e) {
                throw new PemFormatException(labelEnd + DASHES.length(), "bad Base64 in '" + label + "': " + e.getMessage());
            }
            if (der.length == 0) {
                throw new PemFormatException(begin, "empty '" + label + "' block");
            }
            out.add(new Block(label, der, begin));
            from = end + endLine.length();
        }
    }

    /** Only Base64 characters and whitespace may appear between the lines (the MIME decoder skips others). */
    private static String strict(String body, int base) throws PemFormatException {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/' || c == '=' || c == '\r' || c == '\n' || c == ' ' || c == '\t';
            if (!ok) {
                throw new PemFormatException(base + i, "character 0x" + Integer.toHexString(c) + " is not Base64");
            }
        }
        return body;
    }

    private static int lineEnd(String text, int from) {
        int n = text.indexOf('\n', from);
        return n < 0 ? text.length() : n;
    }

    /**
     * Parses the {@code CERTIFICATE} blocks of a text, in order (leaf first in a chain file).
     *
     * @param text the PEM text
     * @return at least one certificate
     * @throws PemFormatException if there is none or one is not an X.509 certificate
     */
    public static List<X509Certificate> certificates(String text) throws PemFormatException {
        CertificateFactory cf;
        try {
            cf = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 factory", e);
        }
        List<X509Certificate> certs = new ArrayList<>();
        for (Block b : blocks(text)) {
            if (!b.label().equals("CERTIFICATE")) {
                continue;
            }
            try {
                certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
            } catch (CertificateException | RuntimeException e) {
                throw new PemFormatException(b.offset(), "not an X.509 certificate: " + e.getMessage(), e);
            }
        }
        if (certs.isEmpty()) {
            throw new PemFormatException(-1, "no CERTIFICATE block");
        }
        return certs;
    }

    /**
     * Parses the first private key block of a text: PKCS#8 {@code PRIVATE KEY}, RSA or EC.
     *
     * @param text the PEM text
     * @return the key
     * @throws PemFormatException if there is no key block, it is PKCS#1, SEC1 or encrypted, or the
     *     JDK rejects it
     */
    public static PrivateKey privateKey(String text) throws PemFormatException {
        for (Block b : blocks(text)) {
            switch (b.label()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(b);
                }
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new PemFormatException(b.offset(),
                        "'" + b.label() + "' is not PKCS#8; convert it: openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem");
                case "ENCRYPTED PRIVATE KEY" -> throw new PemFormatException(b.offset(),
                        "the key is encrypted; decrypt it: openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem");
                default -> { }
            }
        }
        throw new PemFormatException(-1, "no PRIVATE KEY block");
    }

    private static PrivateKey pkcs8(Block b) throws PemFormatException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(b.der());
        GeneralSecurityException last = null;
        for (String alg : new String[] {"RSA", "EC", "RSASSA-PSS", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException | RuntimeException e) {
                last = e instanceof GeneralSecurityException g ? g : new GeneralSecurityException(e);
            }
        }
        throw new PemFormatException(b.offset(), "not an RSA or EC PKCS#8 key: " + last.getMessage(), last);
    }

    /**
     * Reads a file as text, at most {@link #MAX_FILE_BYTES}.
     *
     * @param file the file
     * @return its text (US-ASCII; other bytes fail the Base64 check)
     * @throws IOException if it cannot be read or is too large
     */
    public static String read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new PemFormatException(-1, file + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }
}
