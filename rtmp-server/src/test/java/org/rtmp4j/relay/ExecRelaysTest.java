package org.rtmp4j.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rtmp4j.testkit.Eventually.eventually;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.live.Ingest;
import org.rtmp4j.live.IngestSource;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.StreamKey;

/** Exec relays started by publishes and by requests, ended by the publish's end, through a real hub. */
@Timeout(120)
class ExecRelaysTest {
    private static final ExecOptions OPTIONS = ExecOptions.DEFAULT.withLiveAfter(Duration.ZERO)
            .withGrace(Duration.ofSeconds(2));

    private final Relays relays = new Relays();
    private final LiveBroadcastController live = new LiveBroadcastController();

    @AfterEach
    void tearDown() {
        relays.close();
    }

    private static String line(List<String> args) {
        StringBuilder b = new StringBuilder();
        for (String a : args) {
            b.append('\'').append(a).append("' ");
        }
        return b.toString();
    }

    private Ingest publish(String app, String name) {
        return live.publish(new StreamKey(app, name), new IngestSource() {
            @Override
            public String id() {
                return "test";
            }

            @Override
            public void close() {}
        });
    }

    @Test
    void eachPublishRunsTheCommandWithItsPlaceholdersAndItsEndStopsIt() throws Exception {
        ExecCommand command = ExecCommand.parse(line(FakeChild.command("print")) + "{url} {app} {key}");
        ExecRelays exec = ExecRelays.attach(relays, live, List.of(command), OPTIONS)
                .serverAddress(new InetSocketAddress("0.0.0.0", 1935));
        Ingest ingest = publish("live", "cam one");

        eventually("the relay", () -> relays.size() == 1);
        ExecRelay relay = (ExecRelay) relays.get(relays.list().get(0).id()).orElseThrow();
        eventually("the output", () -> relay.logTail().contains("arg:cam one"));
        assertThat(relay.logTail()).contains("arg:rtmp://127.0.0.1:1935/live/cam one", "arg:live");
        assertThat(relay.info().source()).isEqualTo("live/cam one");
        assertThat(exec.running()).isEqualTo(1);
        long pid = relay.pid().orElseThrow();

        ingest.close();
        relay.whenDone().get(20, TimeUnit.SECONDS);
        assertThat(relay.info().state()).isEqualTo(RelayState.STOPPED);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        eventually("the relay is forgotten", () -> relays.size() == 0 && exec.running() == 0);
    }

    @Test
    void aCommandWithASelectorRunsOnlyForTheStreamsItSelects() throws Exception {
        ExecCommand command = ExecCommand.parse("live/cam*=" + line(FakeChild.command("print")) + "{key}");
        ExecRelays exec = ExecRelays.attach(relays, live, List.of(command), OPTIONS)
                .serverAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1935));
        publish("live", "other");
        publish("studio", "cam1");
        assertThat(relays.size()).as("published on the publisher's thread: no relay for unselected streams").isZero();
        publish("live", "cam2");
        assertThat(relays.list()).extracting(RelayInfo::source).containsExactly("live/cam2");
        assertThat(exec.running()).isEqualTo(1);

        exec.acceptRequests();
        assertThatThrownBy(() -> relays.create(new RelayRequest(RelayKind.EXEC, "live/cam2",
                "vod/*=" + line(FakeChild.command("print")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not select live/cam2");
    }

    @Test
    void publishesBeyondTheBoundStartNoMoreRelays() throws Exception {
        ExecCommand command = ExecCommand.parse(line(FakeChild.command("print")) + "{key}");
        ExecRelays exec = ExecRelays.attach(relays, live, List.of(command), OPTIONS.withMaxProcesses(1))
                .serverAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1935));
        publish("live", "a");
        publish("live", "b");
        assertThat(relays.size()).isEqualTo(1);
        assertThat(exec.running()).isEqualTo(1);
        assertThat(relays.list().get(0).source()).isEqualTo("live/a");
    }

    @Test
    void aRequestRunsACommandForALiveStreamAndStaysListedAfterItsEnd() throws Exception {
        ExecRelays.attach(relays, live, List.of(), OPTIONS).serverAddress(new InetSocketAddress("127.0.0.1", 19350))
                .acceptRequests();
        String line = line(FakeChild.command("print")) + "{url}";
        assertThatThrownBy(() -> relays.create(new RelayRequest(RelayKind.EXEC, "live/cam", line)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not live");
        assertThatThrownBy(() -> relays.create(new RelayRequest(RelayKind.EXEC, "cam", line)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("APP/KEY");
        Ingest ingest = publish("live", "cam");
        assertThatThrownBy(() -> relays.create(new RelayRequest(RelayKind.EXEC, "live/cam", "x 'y")))
                .isInstanceOf(CommandLineException.class);

        ExecRelay relay = (ExecRelay) relays.create(new RelayRequest(RelayKind.EXEC, "live/cam", line));
        eventually("the output", () -> relay.logTail().contains("arg:rtmp://127.0.0.1:19350/live/cam"));
        ingest.close();
        relay.whenDone().get(20, TimeUnit.SECONDS);
        assertThat(relays.get(relay.id())).isPresent();
        assertThat(relay.info().state()).isEqualTo(RelayState.STOPPED);
    }

    @Test
    void theUrlBracketsIpv6AndCarriesThePlayQuery() {
        ExecRelays exec = ExecRelays.attach(relays, live, List.of(), OPTIONS.withPlayQuery("token=s"))
                .serverAddress(new InetSocketAddress("::1", 1935));
        assertThat(exec.url(new StreamKey("live", "k"))).isEqualTo("rtmp://[0:0:0:0:0:0:0:1]:1935/live/k?token=s");
    }
}
