package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.command.Connect;
import org.rtmp4j.core.session.RtmpSession;
import org.rtmp4j.http.HttpHeaders;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.http.HttpRequestHead;
import org.rtmp4j.http.HttpVersion;

/** The query every play and publish decision sees, per protocol ({@link Queries}). */
class QueriesTest {
    private static RtmpSession connectedWith(String connectQuery) {
        Connect connect = new Connect("live", connectQuery, "rtmp://h/live", "", 0, List.of(), Map.of(), List.of());
        return (RtmpSession) Proxy.newProxyInstance(RtmpSession.class.getClassLoader(), new Class<?>[] {RtmpSession.class},
                (proxy, method, args) -> method.getName().equals("connectCommand") ? Optional.of(connect) : null);
    }

    @Test
    void rtmpJoinsTheNameQueryAndTheConnectQuery() {
        assertThat(Queries.rtmp("token=a", connectedWith(""))).isEqualTo("token=a");
        assertThat(Queries.rtmp("", connectedWith("token=b"))).isEqualTo("token=b");
        assertThat(Queries.rtmp("x=1", connectedWith("token=b"))).isEqualTo("x=1&token=b");
        assertThat(Queries.rtmp("", connectedWith(""))).isEmpty();
    }

    @Test
    void httpIsTheTargetsQueryWithoutAFragment() {
        assertThat(Queries.http(get("/live/cam.flv?token=a%20b&x"))).isEqualTo("token=a%20b&x");
        assertThat(Queries.http(get("/live/cam.flv?token=a#f"))).isEqualTo("token=a");
        assertThat(Queries.http(get("/live/cam.flv"))).isEmpty();
        assertThat(Queries.http(get("/live/cam.flv?"))).isEmpty();
    }

    private static HttpRequestHead get(String target) {
        return new HttpRequestHead(HttpMethod.GET, target, HttpVersion.HTTP_1_1, HttpHeaders.EMPTY, true, 0, false);
    }
}
