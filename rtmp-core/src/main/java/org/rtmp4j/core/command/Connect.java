package org.rtmp4j.core.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.message.AmfEncoding;
import org.rtmp4j.core.message.CommandMessage;

/**
 * Typed view of {@code connect} (RTMP 1.0 §7.2.1.1; E-RTMP v2 "Enhancing NetConnection connect
 * Command"). Immutable.
 *
 * @param app application name, without any query string (e.g. {@code live})
 * @param query the query string after {@code ?} in the app or tcUrl, or {@code ""}
 * @param tcUrl server URL, e.g. {@code rtmp://host/live}, or {@code ""}
 * @param flashVer client version string, or {@code ""}
 * @param objectEncoding 0 (AMF0) or 3 (AMF3)
 * @param fourCcList E-RTMP FourCCs the client supports; empty when not announced
 * @param commandObject the whole command object as received
 * @param arguments optional user arguments after the command object
 */
public record Connect(
        String app,
        String query,
        String tcUrl,
        String flashVer,
        double objectEncoding,
        List<String> fourCcList,
        Map<String, Object> commandObject,
        List<Object> arguments) {

    /**
     * Reads the command object's properties: {@code app} (split at the first {@code ?}: the part
     * after it becomes {@link #query()}; when the app has none, the query of {@code tcUrl} is used),
     * {@code tcUrl}, {@code flashVer} (missing → {@code ""}), {@code objectEncoding} (missing → 0),
     * and {@code fourCcList} (E-RTMP v2: a strict array of strings such as {@code "avc1"}, {@code
     * "hvc1"}, or {@code "*"}; missing → empty). In an AMF3 command message the command object may
     * be an AMF3 object and {@code fourCcList} an AMF3 dense array. {@link #commandObject()} is an
     * unmodifiable copy in wire order; {@link #arguments()} are the values after the command object.
     * The E-RTMP info maps and {@code capsEx} are read on demand by {@link #enhanced()}.
     *
     * @param message the decoded {@code connect} command
     * @return the view
     * @throws RtmpProtocolException if the command object is missing or not an object, if {@code
     *     app}, {@code tcUrl} or {@code flashVer} is present but not a string, {@code objectEncoding}
     *     is present but not a number, or {@code fourCcList} is present but not a strict array of
     *     strings
     */
    public static Connect from(CommandMessage message) {
        Map<String, Object> props = CommandArgs.asMap(message.commandObject());
        if (props == null) {
            throw CommandArgs.malformed(message, "command object is "
                    + CommandArgs.describe(message.commandObject()) + ", expected an object");
        }
        String[] appAndQuery = CommandArgs.splitQuery(string(message, props, "app"));
        String tcUrl = string(message, props, "tcUrl");
        String query = appAndQuery[1];
        if (query.isEmpty()) {
            query = CommandArgs.splitQuery(tcUrl)[1];
        }
        Object enc = props.get("objectEncoding");
        if (enc != null && !(enc instanceof Number)) {
            throw CommandArgs.malformed(message, "objectEncoding is " + CommandArgs.describe(enc) + ", expected a number");
        }
        return new Connect(
                appAndQuery[0],
                query,
                tcUrl,
                string(message, props, "flashVer"),
                enc == null ? 0 : ((Number) enc).doubleValue(),
                fourCcList(message, props.get("fourCcList")),
                Collections.unmodifiableMap(props),
                message.arguments());
    }

    /**
     * The E-RTMP v2 capabilities announced in the command object ("Enhancing NetConnection connect
     * Command"): {@code fourCcList}, {@code videoFourCcInfoMap}, {@code audioFourCcInfoMap} and
     * {@code capsEx}. Computed on each call.
     *
     * @return the capabilities; {@link EnhancedCapabilities#NONE} for a legacy client
     * @throws RtmpProtocolException if one of those properties has the wrong AMF type (see {@link
     *     EnhancedCapabilities#from(Map)})
     */
    public EnhancedCapabilities enhanced() {
        return EnhancedCapabilities.from(commandObject);
    }

    /**
     * The AMF encoding replies and server-initiated commands should use on this connection: {@link
     * AmfEncoding#AMF3} (command type 17, data type 15) when {@link #objectEncoding()} is 3, else
     * {@link AmfEncoding#AMF0} (E-RTMP v2, "Enabling AMF3 in RTMP"). The connect {@code _result}
     * itself answers in the encoding of the connect request.
     *
     * @return the encoding for this connection
     */
    public AmfEncoding encoding() {
        return AmfEncoding.ofObjectEncoding(objectEncoding);
    }

    /**
     * @param fourCc a FourCC such as {@code "hvc1"}
     * @return whether the client listed {@code fourCc} (or the wildcard {@code "*"}) in {@code
     *     fourCcList}; see {@link EnhancedCapabilities#supportsVideo(String)} for the info maps too
     */
    public boolean supportsFourCc(String fourCc) {
        return fourCcList.contains(fourCc) || fourCcList.contains("*");
    }

    private static String string(CommandMessage m, Map<String, Object> props, String key) {
        Object v = props.get(key);
        if (v == null) {
            return "";
        }
        if (!(v instanceof String s)) {
            throw CommandArgs.malformed(m, key + " is " + CommandArgs.describe(v) + ", expected a string");
        }
        return s;
    }

    private static List<String> fourCcList(CommandMessage m, Object v) {
        if (v == null) {
            return List.of();
        }
        List<?> list = CommandArgs.asList(v);
        if (list == null) {
            throw CommandArgs.malformed(m, "fourCcList is " + CommandArgs.describe(v) + ", expected a strict array");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw CommandArgs.malformed(m, "fourCcList element is " + CommandArgs.describe(o) + ", expected a string");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }
}
