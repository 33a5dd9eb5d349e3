package org.rtmp4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.rtmp4j.flv.FlvDemuxer;
import org.rtmp4j.flv.FlvHeader;
import org.rtmp4j.flv.FlvTag;

/** What an HTTP-FLV player (a browser's flv.js, the JDK's HttpClient) checks of a stream's response. */
public final class HttpFlvResponses {
    private HttpFlvResponses() {
    }

    /** The tags read and the FLV header that came before them. */
    public record Body(FlvHeader header, List<FlvTag> tags) {}

    /**
     * Asserts the headers a browser needs (status 200, {@code video/x-flv}, no caching, CORS {@code *}), then reads
     * the body until {@code count} FLV tags arrived.
     *
     * @param response the response to a GET with an {@code Origin} header
     * @param count how many tags to read
     * @return the header and the first {@code count} tags (or more, when they came in the same read)
     * @throws IOException if the body cannot be read
     * @throws AssertionError if a header is wrong or the body ends early
     */
    public static Body browserBody(HttpResponse<InputStream> response, int count) throws IOException {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("video/x-flv");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        FlvDemuxer demuxer = new FlvDemuxer();
        List<FlvTag> tags = new ArrayList<>();
        try (InputStream in = response.body()) {
            byte[] buf = new byte[4096];
            while (tags.size() < count) {
                int n = in.read(buf);
                assertThat(n).as("the body goes on until the GOP is through").isPositive();
                demuxer.feed(ByteBuffer.wrap(buf, 0, n), tags::add);
            }
        }
        return new Body(demuxer.header().orElseThrow(), tags);
    }
}
