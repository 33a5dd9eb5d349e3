package org.rtmp4j.core.message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.rtmp4j.amf.Amf0Reader;
import org.rtmp4j.amf.Amf0Writer;
import org.rtmp4j.amf.AmfException;
import org.rtmp4j.amf.AmfLimits;
import org.rtmp4j.core.RtmpProtocolException;

/**
 * AMF bodies of command (types 20/17, RTMP 1.0 §7.1.1) and data (types 18/15, §7.1.2) messages.
 * AMF3-typed bodies are a 0x00 format byte followed by AMF0 values. Stateless.
 */
final class AmfBodies {
    private AmfBodies() {}

    static DataMessage decodeData(int ts, int sid, AmfEncoding enc, ByteBuffer body, AmfLimits limits) {
        String what = enc == AmfEncoding.AMF3 ? "data (AMF3)" : "data";
        List<Object> values = new ArrayList<>();
        Amf0Reader reader = reader(what, enc, body, limits);
        try {
            while (reader.hasRemaining()) {
                values.add(reader.readValue());
            }
        } catch (AmfException e) {
            throw wrap(what, e);
        } catch (RuntimeException e) {
            throw unexpected(what, e);
        }
        return new DataMessage(ts, sid, enc, values);
    }

    static CommandMessage decodeCommand(int ts, int sid, AmfEncoding enc, ByteBuffer body, AmfLimits limits) {
        String what = enc == AmfEncoding.AMF3 ? "command (AMF3)" : "command";
        Amf0Reader reader = reader(what, enc, body, limits);
        try {
            if (!reader.hasRemaining()) {
                throw ControlCodec.malformed(what, "empty body, expected the command name");
            }
            Object name = reader.readValue();
            if (!(name instanceof String)) {
                throw ControlCodec.malformed(what, "command name is " + describe(name) + ", expected a string");
            }
            // ffmpeg as a server (-listen) sends onFCPublish with the name only: a missing
            // transaction id is read as 0 (no reply expected), as real servers and clients do.
            Object tx = reader.hasRemaining() ? reader.readValue() : (Object) 0.0;
            if (!(tx instanceof Number)) {
                throw ControlCodec.malformed(what, "'" + name + "' transaction id is " + describe(tx) + ", expected a number");
            }
            Object commandObject = reader.hasRemaining() ? reader.readValue() : null;
            List<Object> args = new ArrayList<>();
            while (reader.hasRemaining()) {
                args.add(reader.readValue());
            }
            return new CommandMessage(ts, sid, enc, (String) name, ((Number) tx).doubleValue(), commandObject, args);
        } catch (AmfException e) {
            throw wrap(what, e);
        } catch (RtmpProtocolException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unexpected(what, e);
        }
    }

    static ByteBuffer encodeCommand(CommandMessage c) {
        Amf0Writer w = new Amf0Writer();
        w.write(c.name()).write(c.transactionId()).write(c.commandObject());
        for (Object a : c.arguments()) {
            w.write(a);
        }
        return finish(w, c.encoding());
    }

    static ByteBuffer encodeData(DataMessage d) {
        Amf0Writer w = new Amf0Writer();
        for (Object v : d.values()) {
            w.write(v);
        }
        return finish(w, d.encoding());
    }

    private static ByteBuffer finish(Amf0Writer w, AmfEncoding enc) {
        byte[] amf0 = w.toByteArray();
        if (enc == AmfEncoding.AMF0) {
            return ByteBuffer.wrap(amf0).asReadOnlyBuffer();
        }
        byte[] withFormat = new byte[amf0.length + 1];
        System.arraycopy(amf0, 0, withFormat, 1, amf0.length);
        return ByteBuffer.wrap(withFormat).asReadOnlyBuffer();
    }

    private static Amf0Reader reader(String what, AmfEncoding enc, ByteBuffer body, AmfLimits limits) {
        ByteBuffer in = body.duplicate();
        if (enc == AmfEncoding.AMF3) {
            if (!in.hasRemaining()) {
                throw ControlCodec.malformed(what, "empty body, expected the 0x00 format byte");
            }
            int format = in.get() & 0xFF;
            if (format != 0) {
                throw ControlCodec.malformed(what, String.format(
                        "format byte at body offset 0 is 0x%02X, expected 0x00", format));
            }
        }
        return new Amf0Reader(in, limits);
    }

    private static RtmpProtocolException wrap(String what, AmfException e) {
        return new RtmpProtocolException(-1, what + " message: " + e.getMessage()
                + " (offsets relative to the AMF values" + (what.contains("AMF3") ? ", after the format byte)" : ")"), e);
    }

    private static RtmpProtocolException unexpected(String what, RuntimeException e) {
        return new RtmpProtocolException(-1, what + " message: malformed AMF body (" + e + ")", e);
    }

    private static String describe(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName();
    }
}
