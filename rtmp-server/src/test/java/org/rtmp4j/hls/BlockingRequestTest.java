package org.rtmp4j.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlockingRequestTest {
    @Test
    void noDirectives() throws HlsRequestException {
        assertThat(BlockingRequest.parse(null)).isEqualTo(BlockingRequest.NONE);
        assertThat(BlockingRequest.parse("")).isEqualTo(BlockingRequest.NONE);
        assertThat(BlockingRequest.parse("hls_ctx=abc&&x&_HLS_future=1&_HLS_other")).isEqualTo(BlockingRequest.NONE);
        assertThat(BlockingRequest.NONE.blocking()).isFalse();
    }

    @Test
    void allDirectivesInAnyOrderAmongOtherParameters() throws HlsRequestException {
        BlockingRequest r = BlockingRequest.parse("_HLS_skip=YES&hls_ctx=k1&_HLS_part=3&_HLS_msn=18446744");
        assertThat(r).isEqualTo(new BlockingRequest(OptionalLong.of(18446744), OptionalInt.of(3), true));
        assertThat(r.blocking()).isTrue();
        assertThat(BlockingRequest.parse("_HLS_msn=0")).isEqualTo(
                new BlockingRequest(OptionalLong.of(0), OptionalInt.empty(), false));
        assertThat(BlockingRequest.parse("_HLS_skip=v2").skip()).isTrue();
        assertThat(BlockingRequest.parse("_HLS_msn=007&_HLS_part=0").msn()).hasValue(7);
        assertThat(BlockingRequest.parse("_HLS_msn=" + Long.MAX_VALUE).msn()).hasValue(Long.MAX_VALUE);
        assertThat(BlockingRequest.parse("_HLS_msn=1&_HLS_part=" + Integer.MAX_VALUE).part()).hasValue(Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "_HLS_part=1|0|_HLS_part without _HLS_msn",
        "a=b&_HLS_part=1&_HLS_skip=YES|4|_HLS_part without _HLS_msn",
        "_HLS_msn=1&_HLS_msn=2|11|_HLS_msn repeated",
        "_HLS_msn=1&_HLS_part=1&_HLS_part=1|23|_HLS_part repeated",
        "_HLS_skip=YES&_HLS_skip=YES|14|_HLS_skip repeated",
        "_HLS_msn=|9|_HLS_msn has an empty value",
        "_HLS_msn|0|_HLS_msn without a value",
        "x=1&_HLS_msn&_HLS_part=1|4|_HLS_msn without a value",
        "_HLS_msn=-1|9|_HLS_msn must be a decimal-integer",
        "_HLS_msn=1x|10|_HLS_msn must be a decimal-integer",
        "_HLS_msn=+1|9|_HLS_msn must be a decimal-integer",
        "_HLS_msn=%31|9|_HLS_msn must be a decimal-integer",
        "'_HLS_msn=1 '|10|_HLS_msn must be a decimal-integer",
        "_HLS_msn=9223372036854775808|9|_HLS_msn exceeds 9223372036854775807",
        "_HLS_msn=18446744073709551615|9|_HLS_msn exceeds 9223372036854775807",
        "_HLS_msn=99999999999999999999999999|9|_HLS_msn exceeds 9223372036854775807",
        "_HLS_msn=1&_HLS_part=2147483648|21|_HLS_part exceeds 2147483647",
        "_HLS_msn=1&_HLS_part=٣|21|_HLS_part must be a decimal-integer",
        "_HLS_skip=yes|10|_HLS_skip must be YES or v2",
        "_HLS_skip=|10|_HLS_skip must be YES or v2",
        "_HLS_skip=YES=|10|_HLS_skip must be YES or v2",
    })
    void malformedDirectivesAre400WithOffsetAndReason(String query, int offset, String reason) {
        assertThatThrownBy(() -> BlockingRequest.parse(query)).isInstanceOfSatisfying(HlsRequestException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.offset()).isEqualTo(offset);
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).isEqualTo("status 400 at offset " + offset + ": " + reason);
        });
    }

    @Test
    void toQueryReadsBack() throws HlsRequestException {
        for (String q : new String[] {"", "_HLS_msn=5", "_HLS_msn=5&_HLS_part=0", "_HLS_skip=YES",
            "_HLS_msn=5&_HLS_part=2&_HLS_skip=YES"}) {
            BlockingRequest r = BlockingRequest.parse(q);
            assertThat(r.toQuery()).isEqualTo(q);
            assertThat(BlockingRequest.parse(r.toQuery())).isEqualTo(r);
        }
    }

    @Test
    void theRecordRefusesAPartWithoutAnMsn() {
        assertThatThrownBy(() -> new BlockingRequest(OptionalLong.empty(), OptionalInt.of(1), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BlockingRequest(OptionalLong.of(-1), OptionalInt.empty(), false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
