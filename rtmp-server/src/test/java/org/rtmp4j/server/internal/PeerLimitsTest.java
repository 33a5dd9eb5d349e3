package org.rtmp4j.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class PeerLimitsTest {
    private static final InetSocketAddress A1 = new InetSocketAddress("127.0.0.2", 1000);
    private static final InetSocketAddress A2 = new InetSocketAddress("127.0.0.2", 1001);
    private static final InetSocketAddress A3 = new InetSocketAddress("127.0.0.2", 1002);
    private static final InetSocketAddress B = new InetSocketAddress("127.0.0.3", 1000);
    private static final InetAddress A = A1.getAddress();

    @Test
    void onePendingConnectionTooManyDisplacesTheOldestOfThatAddressOnly() {
        PeerLimits limits = new PeerLimits(2, 0);
        PeerLimits.Admission first = limits.admit(A1, null);
        PeerLimits.Admission second = limits.admit(A2, null);
        PeerLimits.Admission other = limits.admit(B, null);
        assertThat(first.evicted()).isNull();
        assertThat(second.evicted()).isNull();
        assertThat(other.evicted()).isNull();

        PeerLimits.Admission third = limits.admit(A3, null);
        assertThat(third.evicted()).isSameAs(first.slot());
        assertThat(limits.pendingFrom(A)).isEqualTo(2);
        assertThat(limits.pendingFrom(B.getAddress())).isEqualTo(1);
        assertThat(limits.evictedPending()).isEqualTo(1);
        limits.release(first.slot()); // its close arrives later: already forgotten
        assertThat(limits.pendingFrom(A)).isEqualTo(2);
        assertThat(limits.admit(A1, null).evicted()).as("the next oldest").isSameAs(second.slot());
    }

    @Test
    void establishedConnectionsDoNotCountAgainstThePendingLimit() {
        PeerLimits limits = new PeerLimits(2, 0);
        for (int i = 0; i < 70; i++) {
            PeerLimits.Admission a = limits.admit(A1, null);
            assertThat(a.evicted()).isNull();
            assertThat(limits.tryEstablish(a.slot())).isTrue();
        }
        assertThat(limits.establishedFrom(A)).isEqualTo(70);
        assertThat(limits.pendingFrom(A)).isZero();
        assertThat(limits.admit(A1, null).evicted()).isNull();
        assertThat(limits.admit(A1, null).evicted()).isNull();
        assertThat(limits.admit(A1, null).evicted()).as("only the pending ones count").isNotNull();
    }

    @Test
    void theEstablishedLimitRefusesAndAReleasedConnectionMakesRoom() {
        PeerLimits limits = new PeerLimits(64, 2);
        PeerSlot a = limits.admit(A1, null).slot();
        PeerSlot b = limits.admit(A2, null).slot();
        PeerSlot c = limits.admit(A3, null).slot();
        PeerSlot other = limits.admit(B, null).slot();
        assertThat(limits.tryEstablish(a)).isTrue();
        assertThat(limits.tryEstablish(a)).as("already established").isTrue();
        assertThat(limits.tryEstablish(b)).isTrue();
        assertThat(limits.tryEstablish(c)).isFalse();
        assertThat(limits.tryEstablish(other)).as("another address").isTrue();
        assertThat(limits.refusedEstablished()).isEqualTo(1);
        assertThat(limits.pendingFrom(A)).as("the refused one is still pending").isEqualTo(1);

        limits.release(a);
        limits.release(a);
        assertThat(limits.establishedFrom(A)).isEqualTo(1);
        assertThat(limits.tryEstablish(c)).isTrue();
    }

    @Test
    void aDemotedConnectionIsTheNewestPendingOne() {
        PeerLimits limits = new PeerLimits(2, 0);
        PeerSlot a = limits.admit(A1, null).slot();
        PeerSlot b = limits.admit(A2, null).slot();
        assertThat(limits.tryEstablish(a)).isTrue();
        PeerSlot c = limits.admit(A3, null).slot();
        assertThat(limits.demote(a)).as("b is the oldest pending").isSameAs(b);
        assertThat(limits.pendingFrom(A)).isEqualTo(2);
        assertThat(limits.establishedFrom(A)).isZero();
        assertThat(limits.admit(A1, null).evicted()).isSameAs(c);
        assertThat(limits.demote(a)).as("not established").isNull();
    }

    @Test
    void unknownAddressesAreNotLimitedAndBadLimitsAreRefused() {
        PeerLimits limits = new PeerLimits(1, 1);
        PeerSlot x = limits.admit(null, null).slot();
        PeerSlot y = limits.admit(null, null).slot();
        assertThat(limits.tryEstablish(x)).isTrue();
        assertThat(limits.tryEstablish(y)).isTrue();
        assertThatThrownBy(() -> new PeerLimits(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PeerLimits(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
