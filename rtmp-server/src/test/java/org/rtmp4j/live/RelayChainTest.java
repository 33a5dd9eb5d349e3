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
        String here = chain.serverId() + "/live/cam";
        assertThat(chain.outgoing(CAM)).as("not live: this server only").isEqualTo(here);
        Ingest ingest = hub.publish(CAM, relayed("aaaa/live/x, bbbb/in/y"));
        assertThat(chain.outgoing(CAM)).isEqualTo("aaaa/live/x,bbbb/in/y," + here);
        assertThat(chain.connectProperties(CAM, Map.of("flashVer", "x")))
                .containsEntry("flashVer", "x").containsEntry(RelayChain.PROPERTY, "aaaa/live/x,bbbb/in/y," + here);
        ingest.close();
        hub.publish(CAM, relayed(null));
        assertThat(chain.outgoing(CAM)).isEqualTo(here);
        assertThat(chain.hop(new StreamKey("live", "a,b%c"))).as("the separator is escaped in names")
                .isEqualTo(chain.serverId() + "/live/a%2Cb%25c");
    }

    @Test
    void aPublishThatCameThroughThisServerIsRefusedAndLoggedOncePerStream() {
        assertThat(chain.refusal(CAM, relayed(null))).isNull();
        assertThat(chain.refusal(CAM, relayed("aaaa/live/cam,bbbb/live/cam"))).as("other servers' hops").isNull();
        assertThat(chain.refusal(CAM, relayed(chain.serverId() + "/live/other")))
                .as("another stream of this server pushed into this name (the console's live/cam to live/copy)").isNull();
        assertThat(chain.refusal(new StreamKey("live", "other_b_a"), relayed(chain.serverId() + "/live/other,bbbb/live/other_b")))
                .as("a stream that left this server and comes back renamed").isNotNull();
        try (LogLines log = new LogLines()) {
            for (int i = 0; i < 3; i++) {
                assertThat(chain.refusal(CAM, relayed("aaaa/live/x," + chain.serverId() + "/live/cam,bbbb/live/cam")))
                        .satisfies(s -> {
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
        assertThat(RelayChain.parse("a".repeat(2000) + ",,b")).containsExactly("a".repeat(RelayChain.MAX_HOP_LENGTH), "b");
        assertThat(RelayChain.parse(",".repeat(10_000))).isEmpty();
        assertThat(RelayChain.parse("x,".repeat(10_000))).hasSize(RelayChain.MAX_SERVERS + 1);
        assertThat(RelayChain.chainOf(relayed(null))).isEqualTo(List.of());
    }
}
