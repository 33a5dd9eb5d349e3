package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rtmp4j.examples.api.ApiAccess;
import org.rtmp4j.examples.api.Cidr;

/** The trusted address ranges and the token decision of the HTTP API. */
class CidrTest {
    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void rangesMatchTheirPrefixOnlyAndNeverAcrossAddressFamilies() throws Exception {
        Cidr ten = Cidr.parse("10.0.0.0/8");
        assertThat(ten.contains(ip("10.255.1.2"))).isTrue();
        assertThat(ten.contains(ip("11.0.0.1"))).isFalse();
        Cidr odd = Cidr.parse("192.168.1.128/25");
        assertThat(odd.contains(ip("192.168.1.200"))).isTrue();
        assertThat(odd.contains(ip("192.168.1.127"))).isFalse();
        Cidr one = Cidr.parse("127.0.0.1");
        assertThat(one.contains(ip("127.0.0.1"))).isTrue();
        assertThat(one.contains(ip("127.0.0.2"))).isFalse();
        assertThat(Cidr.parse("::1/128").contains(ip("::1"))).isTrue();
        assertThat(Cidr.parse("::1/128").contains(ip("127.0.0.1"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("8.8.8.8"))).isTrue();
        assertThat(Cidr.parseList("127.0.0.1, 10.0.0.0/8")).containsExactly(one, ten);
        assertThat(Cidr.LOOPBACK.get(0).toString()).isEqualTo("127.0.0.0/8");
    }

    @Test
    void badRangesAreRefusedWithTheTextAndNoLookupHappens() {
        for (String bad : List.of("localhost", "example.com", "10.0.0.0/33", "::1/129", "10.0.0.0/-1", "10.0.0.0/x", "", "1.2.3.4/",
                "fe80::1%eth0")) {
            assertThatThrownBy(() -> Cidr.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Cidr.parseList("127.0.0.1,,10.0.0.0/8")).hasMessageContaining("empty entry");
    }

    @Test
    void trustedPeersNeedNoTokenOthersNeedTheRightOne() {
        ApiAccess access = new ApiAccess(List.of(Cidr.parse("127.0.0.1")), "w", "r");
        InetSocketAddress trusted = new InetSocketAddress("127.0.0.1", 1000);
        InetSocketAddress other = new InetSocketAddress("127.0.0.2", 1000);
        assertThat(access.decide(trusted, Optional.empty(), ApiAccess.Right.WRITE)).isEqualTo(ApiAccess.Decision.ALLOWED);
        assertThat(access.decide(other, Optional.empty(), ApiAccess.Right.READ)).isEqualTo(ApiAccess.Decision.UNAUTHENTICATED);
        assertThat(access.decide(other, Optional.of("Bearer r"), ApiAccess.Right.READ)).isEqualTo(ApiAccess.Decision.ALLOWED);
        assertThat(access.decide(other, Optional.of("Bearer r"), ApiAccess.Right.WRITE)).isEqualTo(ApiAccess.Decision.FORBIDDEN);
        assertThat(access.decide(other, Optional.of("Bearer w"), ApiAccess.Right.WRITE)).isEqualTo(ApiAccess.Decision.ALLOWED);
        assertThat(access.decide(other, Optional.of("Bearer ww"), ApiAccess.Right.READ)).isEqualTo(ApiAccess.Decision.UNAUTHENTICATED);
        assertThat(access.decide(other, Optional.of("Bearer"), ApiAccess.Right.READ)).isEqualTo(ApiAccess.Decision.UNAUTHENTICATED);
        assertThat(access.decide(other, Optional.of("w"), ApiAccess.Right.READ)).isEqualTo(ApiAccess.Decision.UNAUTHENTICATED);
        assertThat(ApiAccess.loopbackOnly().decide(other, Optional.empty(), ApiAccess.Right.WRITE))
                .as("127.0.0.2 is loopback").isEqualTo(ApiAccess.Decision.ALLOWED);
        assertThat(ApiAccess.loopbackOnly().decide(new InetSocketAddress("192.0.2.1", 1000), Optional.of("Bearer w"),
                ApiAccess.Right.READ)).isEqualTo(ApiAccess.Decision.UNAUTHENTICATED);
        assertThat(access.toString()).doesNotContain("=w", "=r");
        assertThatThrownBy(() -> new ApiAccess(List.of(), "", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
