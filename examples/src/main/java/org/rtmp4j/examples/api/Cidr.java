package org.rtmp4j.examples.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An IP address range in CIDR notation (RFC 4632 §3.1; IPv6 RFC 4291 §2.3): {@code 10.0.0.0/8},
 * {@code ::1/128}, or a single address ({@code 127.0.0.1} = {@code /32}). Only literal addresses, never
 * host names (no DNS lookups). Immutable.
 *
 * @param network the address bytes (4 or 16), host bits as given
 * @param prefix the number of leading bits that must match, 0..32 or 0..128
 */
public record Cidr(byte[] network, int prefix) {
    /** The loopback ranges, {@code 127.0.0.0/8} and {@code ::1/128}: the default trusted set. */
    public static final List<Cidr> LOOPBACK = List.of(parse("127.0.0.0/8"), parse("::1/128"));

    /**
     * @throws IllegalArgumentException if the address is neither 4 nor 16 bytes or the prefix is out of range
     */
    public Cidr {
        if (network.length != 4 && network.length != 16) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes: " + network.length);
        }
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix length " + prefix + " outside 0.." + network.length * 8);
        }
        network = network.clone();
    }

    /**
     * @param text {@code ADDRESS} or {@code ADDRESS/PREFIX}, the address an IPv4 dotted quad or an IPv6 literal
     * @return the range
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static Cidr parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        if (address.isEmpty() || !address.matches("[0-9A-Fa-f:.]+") || !address.contains(".") && !address.contains(":")) {
            throw new IllegalArgumentException("not an IP address literal in '" + text + "'");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal in '" + text + "'", e);
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (!p.matches("[0-9]{1,3}")) {
                throw new IllegalArgumentException("prefix length is not a number in '" + text + "'");
            }
            prefix = Integer.parseInt(p);
            if (prefix > bytes.length * 8) {
                throw new IllegalArgumentException("prefix length " + prefix + " over " + bytes.length * 8 + " in '" + text + "'");
            }
        }
        return new Cidr(bytes, prefix);
    }

    /**
     * @param list comma-separated ranges, e.g. {@code 127.0.0.1,10.0.0.0/8}
     * @return the ranges, in order
     * @throws IllegalArgumentException if one does not parse, or the list is empty
     */
    public static List<Cidr> parseList(String list) {
        List<Cidr> out = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("empty entry in the address list '" + list + "'");
            }
            out.add(parse(part));
        }
        return List.copyOf(out);
    }

    /**
     * @param address an address
     * @return whether it is in this range (an IPv4 address never matches an IPv6 range, and back)
     */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes always make an address
        }
    }
}
