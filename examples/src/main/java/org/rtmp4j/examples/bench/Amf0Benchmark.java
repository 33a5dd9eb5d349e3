package org.rtmp4j.examples.bench;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.rtmp4j.amf.Amf0;
import org.rtmp4j.amf.AmfEcmaArray;

/**
 * AMF0 (AMF0 §2) encode and decode of a {@code connect} command (name, transaction id, command
 * object with the ten properties FMLE sends; RTMP 1.0 §7.2.1.1) and of {@code onMetaData} with an
 * ECMA array of 14 typical properties (FLV 10.1 §E.5).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Amf0Benchmark {
    private Object[] connect;
    private Object[] metadata;
    private ByteBuffer connectBytes;
    private ByteBuffer metadataBytes;

    /** Builds the values and their encodings. */
    @Setup
    public void setup() {
        Map<String, Object> cmd = new LinkedHashMap<>();
        cmd.put("app", "live");
        cmd.put("flashVer", "FMLE/3.0 (compatible; rtmp4j)");
        cmd.put("tcUrl", "rtmp://127.0.0.1:1935/live");
        cmd.put("type", "nonprivate");
        cmd.put("fpad", false);
        cmd.put("capabilities", 15.0);
        cmd.put("audioCodecs", 4071.0);
        cmd.put("videoCodecs", 252.0);
        cmd.put("videoFunction", 1.0);
        cmd.put("objectEncoding", 0.0);
        connect = new Object[] {"connect", 1.0, cmd};
        AmfEcmaArray md = new AmfEcmaArray();
        md.put("duration", 0.0);
        md.put("width", 1280.0);
        md.put("height", 720.0);
        md.put("videodatarate", 2000.0);
        md.put("framerate", 25.0);
        md.put("videocodecid", 7.0);
        md.put("audiodatarate", 128.0);
        md.put("audiosamplerate", 48000.0);
        md.put("audiosamplesize", 16.0);
        md.put("stereo", true);
        md.put("audiocodecid", 10.0);
        md.put("encoder", "Lavf61.7.100");
        md.put("filesize", 0.0);
        md.put("title", "benchmark");
        metadata = new Object[] {"onMetaData", md};
        connectBytes = Amf0.encode(connect);
        metadataBytes = Amf0.encode(metadata);
    }

    /** Encodes the connect command. */
    @Benchmark
    public ByteBuffer encodeConnect() {
        return Amf0.encode(connect);
    }

    /** Decodes the connect command. */
    @Benchmark
    public List<Object> decodeConnect() {
        return Amf0.decode(connectBytes.duplicate());
    }

    /** Encodes onMetaData. */
    @Benchmark
    public ByteBuffer encodeMetadata() {
        return Amf0.encode(metadata);
    }

    /** Decodes onMetaData. */
    @Benchmark
    public List<Object> decodeMetadata() {
        return Amf0.decode(metadataBytes.duplicate());
    }
}
