package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.testkit.LogLines;

/** Push loop detection: the chain a publish came through, the chain a push announces, the refusal of a loop. */
class RelayChainTest {
    private static final StreamKey CAM = new StreamKey("live", "cam");

    private final LiveBroadcastController hub = new LiveBroadcastController();
    private final RelayChain chain = hub.relayChain();

    private static RtmpIngestSource relayed(String via) {
        FakeSession s = new FakeSession(via == null ? Map.of() : Map.of(RelayChain.PROPERTY, via));
        return new RtmpIngestSource(s, s.newStream(), "");
    }

    @Test
    void eachHubHasItsOwnRandomServerId() {
        assertThat(chain.serverId()).matches("[0-9a-f]{16}");
        assertThat(new LiveBroadcastController().relayChain().serverId()).isNotEqualTo(chain.serverId());
    }

    @Test
    void aPushOfALocalPublishAnnouncesThisServerAndOfARelayedOneTheWholeChain() {
        assertThat(chain.outgoing(CAM)).as("not live: this server only").isEqualTo(chain.serverId());
        Ingest ingest = hub.publish(CAM, relayed("aaaa, bbbb"));
        assertThat(chain.outgoing(CAM)).isEqualTo("aaaa,bbbb," + chain.serverId());
        assertThat(chain.connectProperties(CAM, Map.of("flashVer", "x")))
                .containsEntry("flashVer", "x").containsEntry(RelayChain.PROPERTY, "aaaa,bbbb," + chain.serverId());
        ingest.close();
        hub.publish(CAM, relayed(null));
        assertThat(chain.outgoing(CAM)).isEqualTo(chain.serverId());
    }

    @Test
    void aPublishThatCameThroughThisServerIsRefusedAndLoggedOncePerStream() {
        assertThat(chain.refusal(CAM, relayed(null))).isNull();
        assertThat(chain.refusal(CAM, relayed("aaaa,bbbb"))).isNull();
        try (LogLines log = new LogLines()) {
            for (int i = 0; i < 3; i++) {
                assertThat(chain.refusal(CAM, relayed("aaaa," + chain.serverId() + ",bbbb"))).satisfies(s -> {
                    assertThat(s.code()).isEqualTo(StatusCodes.PUBLISH_REJECTED);
                    assertThat(s.description()).contains("relay loop", chain.serverId(), "live/cam");
                });
            }
            assertThat(log.containing("WARN")).filteredOn(l -> l.contains("relay loop")).hasSize(1);
        }
    }

    @Test
    void aChainLongerThanTheBoundIsRefusedAndIdsAreCut() {
        String longChain = String.join(",", Collections.nCopies(RelayChain.MAX_SERVERS + 1, "x"));
        assertThat(chain.refusal(CAM, relayed(longChain))).isNotNull();
        assertThat(chain.refusal(CAM, relayed(String.join(",", Collections.nCopies(RelayChain.MAX_SERVERS, "x")))))
                .isNull();
        assertThat(RelayChain.parse("a".repeat(100) + ",,b")).containsExactly("a".repeat(RelayChain.MAX_ID_LENGTH), "b");
        assertThat(RelayChain.parse(",".repeat(10_000))).isEmpty();
        assertThat(RelayChain.parse("x,".repeat(10_000))).hasSize(RelayChain.MAX_SERVERS + 1);
        assertThat(RelayChain.chainOf(relayed(null))).isEqualTo(List.of());
    }
}
