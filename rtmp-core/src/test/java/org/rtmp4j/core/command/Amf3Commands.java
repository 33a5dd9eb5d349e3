package org.rtmp4j.core.command;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.rtmp4j.amf.Amf0Writer;
import org.rtmp4j.amf.Amf3Writer;
import org.rtmp4j.core.chunk.RawMessage;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.MessageCodec;

/**
 * Test helper: builds command message bodies the way Flash Player writes them, then decodes them
 * with {@link MessageCodec}. AMF0 (type 20): every value in AMF0. AMF3 (type 17): the 0x00 format
 * byte, name and transaction id in AMF0, then each further non-null value as the AVM+ marker 0x11 followed
 * by the value in AMF3, null as AMF0 null (E-RTMP v2, "Enabling AMF3 in RTMP").
 */
final class Amf3Commands {
    private Amf3Commands() {}

    /** @return the AMF0 body {@code name, txId, values...} */
    static byte[] amf0Body(String name, double txId, Object... values) {
        Amf0Writer w = new Amf0Writer();
        w.write(name).write(txId);
        for (Object v : values) {
            w.write(v);
        }
        return w.toByteArray();
    }

    /** @return the AMF3 body {@code 0x00, name, txId, 0x11 value...} */
    static byte[] amf3Body(String name, double txId, Object... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x00);
        out.writeBytes(new Amf0Writer().write(name).write(txId).toByteArray());
        for (Object v : values) {
            if (v == null) {
                out.write(0x05); // AMF0 null, as Flash Player writes the absent command object
            } else {
                out.write(0x11);
                out.writeBytes(new Amf3Writer().write(v).toByteArray());
            }
        }
        return out.toByteArray();
    }

    /** @return the decoded type 20 message with {@code values} after name and txId (first is the command object) */
    static CommandMessage amf0(int streamId, String name, double txId, Object... values) {
        return decode(20, streamId, amf0Body(name, txId, values));
    }

    /** @return the decoded type 17 message with {@code values} after name and txId, each AVM+-switched */
    static CommandMessage amf3(int streamId, String name, double txId, Object... values) {
        return decode(17, streamId, amf3Body(name, txId, values));
    }

    static CommandMessage decode(int typeId, int streamId, byte[] body) {
        return (CommandMessage) MessageCodec.decode(
                new RawMessage(typeId, 0, streamId, ByteBuffer.wrap(body).asReadOnlyBuffer()));
    }
}
