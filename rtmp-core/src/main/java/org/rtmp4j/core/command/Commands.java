package org.rtmp4j.core.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rtmp4j.amf.AmfEcmaArray;
import org.rtmp4j.core.message.AmfEncoding;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.DataMessage;

/**
 * Builders for the command messages (RTMP 1.0 §7.2) and data messages (§7.1.2) that servers and
 * clients send. Replies always echo the request's transaction id and message stream id. Every
 * result has timestamp 0; numbers are written as {@code Double} so that values survive an AMF0
 * round trip unchanged. Stateless and thread-safe; returned messages are immutable, but maps passed
 * in as command objects are not copied (do not mutate them afterwards).
 */
public final class Commands {
    /** Reply name for a successful call. */
    public static final String RESULT = "_result";
    /** Reply name for a failed call. */
    public static final String ERROR = "_error";
    /** Status notification name. */
    public static final String ON_STATUS = "onStatus";
    /** Bandwidth-check completion notification sent after connect. */
    public static final String ON_BW_DONE = "onBWDone";
    /** Data handler name that asks the server to store metadata for a stream. */
    public static final String SET_DATA_FRAME = "@setDataFrame";
    /** Data handler name of stream metadata (FLV 10.1 §E.5). */
    public static final String ON_META_DATA = "onMetaData";
    /** Data handler name that grants players raw access to samples. */
    public static final String SAMPLE_ACCESS = "|RtmpSampleAccess";
    /** Default {@code capabilities} value in the connect {@code _result}. */
    public static final double DEFAULT_CAPABILITIES = 31;
    /** Command name, RTMP 1.0 §7.2.1.1. */
    public static final String CONNECT = "connect";
    /** Command name, RTMP 1.0 §7.2.1.3. */
    public static final String CREATE_STREAM = "createStream";
    /** Command name, RTMP 1.0 §7.2.2.6. */
    public static final String PUBLISH = "publish";
    /** Command name, RTMP 1.0 §7.2.2.1. */
    public static final String PLAY = "play";
    /** Command name, RTMP 1.0 §7.2.2.3. */
    public static final String DELETE_STREAM = "deleteStream";
    /** Command name, RTMP 1.0 §7.2.2. */
    public static final String CLOSE_STREAM = "closeStream";
    /** Command name (FMS/FMLE convention, sent before {@code publish}). */
    public static final String RELEASE_STREAM = "releaseStream";
    /** Command name (FMS/FMLE convention, sent before {@code publish}). */
    public static final String FC_PUBLISH = "FCPublish";
    /** Command name (FMS/FMLE convention, sent when unpublishing). */
    public static final String FC_UNPUBLISH = "FCUnpublish";
    /** Command name (FMS convention: duration of a recorded stream). */
    public static final String GET_STREAM_LENGTH = "getStreamLength";

    /** Command name, RTMP 1.0 §7.2.2.2. */
    public static final String PLAY2 = "play2";
    /** Command name, RTMP 1.0 §7.2.2.8. */
    public static final String PAUSE = "pause";
    /** Command name, RTMP 1.0 §7.2.2.7. */
    public static final String SEEK = "seek";
    /** Command name, RTMP 1.0 §7.2.2.4. */
    public static final String RECEIVE_AUDIO = "receiveAudio";
    /** Command name, RTMP 1.0 §7.2.2.5. */
    public static final String RECEIVE_VIDEO = "receiveVideo";
    /** Command name (FMS/CDN convention, sent before {@code play}). */
    public static final String FC_SUBSCRIBE = "FCSubscribe";
    /** Command name (FMS convention): bandwidth check request. */
    public static final String CHECK_BW = "_checkbw";
    /** Notification answering {@code FCPublish}. */
    public static final String ON_FC_PUBLISH = "onFCPublish";
    /** Notification answering {@code FCUnpublish}. */
    public static final String ON_FC_UNPUBLISH = "onFCUnpublish";
    /** Notification answering {@code FCSubscribe}. */
    public static final String ON_FC_SUBSCRIBE = "onFCSubscribe";

    private Commands() {}

    /**
     * {@code _result} reply in a given encoding, for connections whose {@code objectEncoding} is 3
     * (type 17) or 0 (type 20) whatever the request's type was.
     *
     * @param encoding the connection's encoding (see {@link Connect#encoding()})
     * @param request the command being answered
     * @param commandObject the reply's command object, or {@code null}
     * @param args further values
     * @return the reply, on the request's message stream id with its transaction id
     */
    public static CommandMessage result(AmfEncoding encoding, CommandMessage request, Object commandObject, Object... args) {
        return inEncoding(result(request, commandObject, args), encoding);
    }

    /**
     * {@code _error} reply in a given encoding (see {@link #result(AmfEncoding, CommandMessage, Object, Object...)}).
     *
     * @param encoding the connection's encoding
     * @param request the command being answered
     * @param status the information object
     * @return the reply
     */
    public static CommandMessage error(AmfEncoding encoding, CommandMessage request, Status status) {
        return inEncoding(error(request, status), encoding);
    }

    /**
     * {@code onStatus} notification in a given encoding: type 17 for AMF3 connections, 20 otherwise.
     *
     * @param streamId the message stream id it concerns (0 for NetConnection status)
     * @param encoding the connection's encoding
     * @param status the information object
     * @return the notification
     */
    public static CommandMessage onStatus(int streamId, AmfEncoding encoding, Status status) {
        return inEncoding(onStatus(streamId, status), encoding);
    }

    /**
     * @param message any command message
     * @param encoding the wanted encoding
     * @return {@code message} itself if already in {@code encoding}, else a copy with it (same
     *     timestamp, message stream id, name, transaction id, command object and arguments)
     */
    public static CommandMessage inEncoding(CommandMessage message, AmfEncoding encoding) {
        return message.encoding() == encoding ? message : new CommandMessage(message.timestamp(), message.streamId(),
                encoding, message.name(), message.transactionId(), message.commandObject(), message.arguments());
    }

    /**
     * {@code _error} for a call to a method the server does not have: {@code level=error}, {@code
     * code=NetConnection.Call.Failed}, {@code description="Method not found (name)."}, as FMS
     * answers. Only meaningful when the request's transaction id is not 0.
     *
     * @param request the unknown call
     * @return the reply in the request's encoding
     */
    public static CommandMessage callFailed(CommandMessage request) {
        return error(request, Status.error(StatusCodes.CALL_FAILED, "Method not found (" + request.name() + ")."));
    }

    /**
     * {@code _result} for {@code getStreamLength}: {@code "_result", txId, null, duration}.
     *
     * @param request the {@code getStreamLength} request
     * @param durationSeconds the recorded stream's duration in seconds (0 for live or unknown)
     * @return the reply in the request's encoding
     */
    public static CommandMessage streamLengthResult(CommandMessage request, double durationSeconds) {
        return result(request, null, durationSeconds);
    }

    /**
     * {@code _result} for {@code _checkbw}: {@code "_result", txId, null}; servers follow it with
     * {@link #onBWDone()}.
     *
     * @param request the {@code _checkbw} request
     * @return the reply in the request's encoding
     */
    public static CommandMessage checkBwResult(CommandMessage request) {
        return result(request, null);
    }

    /**
     * {@code "onFCPublish", 0, null, {level=status, code=NetStream.Publish.Start, description=name}}
     * on message stream id 0, answering {@code FCPublish}.
     *
     * @param name the stream name from {@code FCPublish}
     * @return the AMF0 notification (see {@link #inEncoding})
     */
    public static CommandMessage onFCPublish(String name) {
        return fcNotification(ON_FC_PUBLISH, StatusCodes.PUBLISH_START, name);
    }

    /**
     * {@code "onFCUnpublish", 0, null, {level=status, code=NetStream.Unpublish.Success,
     * description=name}} on message stream id 0, answering {@code FCUnpublish}.
     *
     * @param name the stream name from {@code FCUnpublish}
     * @return the AMF0 notification
     */
    public static CommandMessage onFCUnpublish(String name) {
        return fcNotification(ON_FC_UNPUBLISH, StatusCodes.UNPUBLISH_SUCCESS, name);
    }

    /**
     * {@code "onFCSubscribe", 0, null, {level=status, code=NetStream.Play.Start, description=name}}
     * on message stream id 0, answering {@code FCSubscribe}.
     *
     * @param name the stream name from {@code FCSubscribe}
     * @return the AMF0 notification
     */
    public static CommandMessage onFCSubscribe(String name) {
        return fcNotification(ON_FC_SUBSCRIBE, StatusCodes.PLAY_START, name);
    }

    private static CommandMessage fcNotification(String command, String code, String name) {
        return new CommandMessage(0, command, 0, null, List.of(Status.status(code, name).toMap()));
    }

    /**
     * {@code _result} reply: {@code "_result", request.txId, commandObject, args...} on the
     * request's message stream id and AMF encoding.
     *
     * @param request the command being answered
     * @param commandObject the reply's command object (properties), or {@code null}
     * @param args further values, e.g. the information object or a new stream id as a number
     * @return the reply
     */
    public static CommandMessage result(CommandMessage request, Object commandObject, Object... args) {
        return reply(request, RESULT, commandObject, args);
    }

    /**
     * {@code _error} reply: {@code "_error", request.txId, null, status.toMap()} on the request's
     * message stream id and AMF encoding.
     *
     * @param request the command being answered
     * @param status the information object, usually {@code level=error}
     * @return the reply
     */
    public static CommandMessage error(CommandMessage request, Status status) {
        return reply(request, ERROR, null, status.toMap());
    }

    /**
     * {@code onStatus} notification: {@code "onStatus", 0, null, status.toMap()}.
     *
     * @param streamId the message stream id it concerns (0 for NetConnection status)
     * @param status the information object
     * @return the notification
     */
    public static CommandMessage onStatus(int streamId, Status status) {
        return new CommandMessage(streamId, ON_STATUS, 0, null, List.of(status.toMap()));
    }

    /** @return the {@code onBWDone} notification: {@code "onBWDone", 0, null} on message stream id 0 */
    public static CommandMessage onBWDone() {
        return new CommandMessage(0, ON_BW_DONE, 0, null, List.of());
    }

    /**
     * Client {@code connect} (RTMP 1.0 §7.2.1.1): {@code "connect", txId, commandObject} on stream 0.
     *
     * @param txId transaction id (1 by convention)
     * @param commandObject app, tcUrl, flashVer, ... (not copied)
     * @return the request
     */
    public static CommandMessage connect(double txId, Map<String, Object> commandObject) {
        return new CommandMessage(0, CONNECT, txId, commandObject, List.of());
    }

    /**
     * Client {@code createStream} (RTMP 1.0 §7.2.1.3): {@code "createStream", txId, null} on stream 0.
     *
     * @param txId transaction id
     * @return the request
     */
    public static CommandMessage createStream(double txId) {
        return new CommandMessage(0, CREATE_STREAM, txId, null, List.of());
    }

    /**
     * Client {@code publish} (RTMP 1.0 §7.2.2.6): {@code "publish", txId, null, name, type}, type as
     * {@link PublishType#wireName()}.
     *
     * @param streamId the message stream id from {@code createStream}
     * @param txId transaction id
     * @param name publishing name, optionally with {@code ?query}
     * @param type publishing type
     * @return the request
     */
    public static CommandMessage publish(int streamId, double txId, String name, PublishType type) {
        return new CommandMessage(streamId, PUBLISH, txId, null, List.of(name, type.wireName()));
    }

    /**
     * Client {@code play} (RTMP 1.0 §7.2.2.1): {@code "play", txId, null, name, start}.
     *
     * @param streamId the message stream id from {@code createStream}
     * @param txId transaction id
     * @param name stream name, optionally with {@code ?query}
     * @param start start in seconds: -2 live or recorded, -1 live only, ≥ 0 recorded from there
     * @return the request
     */
    public static CommandMessage play(int streamId, double txId, String name, double start) {
        return new CommandMessage(streamId, PLAY, txId, null, List.of(name, start));
    }

    /**
     * Client {@code play} with every optional argument (RTMP 1.0 §7.2.2.1): {@code "play", txId,
     * null, name, start, duration, reset} on the stream's message stream id.
     *
     * @param streamId the message stream id to play on
     * @param txId transaction id (0: no reply expected)
     * @param name stream name
     * @param start start in seconds (-2 live or recorded, -1 live only, ≥ 0 recorded from there)
     * @param duration seconds to play (-1 all)
     * @param reset whether to flush any previous playlist
     * @return the request
     */
    public static CommandMessage play(int streamId, double txId, String name, double start, double duration, boolean reset) {
        return new CommandMessage(streamId, PLAY, txId, null, List.of(name, start, duration, reset));
    }

    /**
     * Client {@code deleteStream} (RTMP 1.0 §7.2.2.3): {@code "deleteStream", txId, null, streamId}
     * on message stream id 0.
     *
     * @param txId transaction id
     * @param streamId the message stream id to delete
     * @return the request
     */
    public static CommandMessage deleteStream(double txId, int streamId) {
        return new CommandMessage(0, DELETE_STREAM, txId, null, List.of((double) streamId));
    }

    /**
     * Client {@code releaseStream}: {@code "releaseStream", txId, null, name} on stream 0.
     *
     * @param txId transaction id
     * @param name publishing name
     * @return the request
     */
    public static CommandMessage releaseStream(double txId, String name) {
        return new CommandMessage(0, RELEASE_STREAM, txId, null, List.of(name));
    }

    /**
     * Client {@code FCPublish}: {@code "FCPublish", txId, null, name} on stream 0.
     *
     * @param txId transaction id
     * @param name publishing name
     * @return the request
     */
    public static CommandMessage fcPublish(double txId, String name) {
        return new CommandMessage(0, FC_PUBLISH, txId, null, List.of(name));
    }

    /**
     * Client {@code FCUnpublish}: {@code "FCUnpublish", txId, null, name} on stream 0.
     *
     * @param txId transaction id
     * @param name publishing name
     * @return the request
     */
    public static CommandMessage fcUnpublish(double txId, String name) {
        return new CommandMessage(0, FC_UNPUBLISH, txId, null, List.of(name));
    }

    /**
     * Client {@code closeStream} (RTMP 1.0 §7.2.2): {@code "closeStream", 0, null}.
     *
     * @param streamId the message stream id to close
     * @return the request
     */
    public static CommandMessage closeStream(int streamId) {
        return new CommandMessage(streamId, CLOSE_STREAM, 0, null, List.of());
    }

    /**
     * Publisher metadata: data message {@code "@setDataFrame", "onMetaData", ecmaArray}.
     *
     * @param streamId the publishing message stream id
     * @param metadata FLV metadata properties (FLV 10.1 §E.5), copied into an {@link AmfEcmaArray}
     * @return the AMF0 data message
     */
    public static DataMessage setDataFrame(int streamId, Map<String, Object> metadata) {
        return data(streamId, SET_DATA_FRAME, ON_META_DATA, new AmfEcmaArray(metadata));
    }

    /**
     * Metadata as players receive it: {@code "onMetaData", ecmaArray}.
     *
     * @param streamId the playing message stream id
     * @param metadata FLV metadata properties, copied into an {@link AmfEcmaArray}
     * @return the AMF0 data message
     */
    public static DataMessage onMetaData(int streamId, Map<String, Object> metadata) {
        return data(streamId, ON_META_DATA, new AmfEcmaArray(metadata));
    }

    /**
     * {@code "|RtmpSampleAccess", true, true}: allows the player audio and video sample access.
     *
     * @param streamId the playing message stream id
     * @return the AMF0 data message
     */
    public static DataMessage sampleAccess(int streamId) {
        return data(streamId, SAMPLE_ACCESS, true, true);
    }

    /**
     * The properties object of a connect {@code _result}: {@code fmsVer}, {@code capabilities},
     * {@code mode=1}. Returns a new mutable map, so callers may add e.g. E-RTMP {@code fourCcList}.
     *
     * @param fmsVer server version string, e.g. {@code "FMS/3,0,1,123"}
     * @param capabilities capability bits; {@link #DEFAULT_CAPABILITIES} (31) is usual
     * @return the properties object
     */
    public static Map<String, Object> connectResultProperties(String fmsVer, double capabilities) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fmsVer", fmsVer);
        m.put("capabilities", capabilities);
        m.put("mode", 1.0);
        return m;
    }

    /**
     * The properties object of a connect {@code _result} with the server's E-RTMP v2 capabilities:
     * {@code fmsVer}, {@code capabilities}, {@code mode=1}, then what {@link
     * EnhancedCapabilities#writeTo(Map)} adds ({@code fourCcList}, {@code videoFourCcInfoMap},
     * {@code audioFourCcInfoMap} when non-empty, {@code capsEx}). Returns a new mutable map.
     *
     * @param fmsVer server version string
     * @param capabilities capability bits; {@link #DEFAULT_CAPABILITIES} (31) is usual
     * @param serverCaps the server's E-RTMP capabilities
     * @return the properties object
     */
    public static Map<String, Object> connectResultProperties(String fmsVer, double capabilities,
            EnhancedCapabilities serverCaps) {
        Map<String, Object> m = connectResultProperties(fmsVer, capabilities);
        serverCaps.writeTo(m);
        return m;
    }

    /**
     * The information object of a connect {@code _result}: {@code level=status}, {@code
     * code=NetConnection.Connect.Success}, {@code description="Connection succeeded."}, {@code
     * objectEncoding}. Returns a new mutable map.
     *
     * @param objectEncoding the object encoding the client asked for (0 or 3)
     * @return the information object
     */
    public static Map<String, Object> connectResultInformation(double objectEncoding) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", "status");
        m.put("code", StatusCodes.CONNECT_SUCCESS);
        m.put("description", "Connection succeeded.");
        m.put("objectEncoding", objectEncoding);
        return m;
    }

    private static CommandMessage reply(CommandMessage request, String name, Object commandObject, Object... args) {
        List<Object> list = new ArrayList<>(Arrays.asList(args));
        return new CommandMessage(0, request.streamId(), request.encoding(), name, request.transactionId(),
                commandObject, list);
    }

    private static DataMessage data(int streamId, Object... values) {
        return new DataMessage(0, streamId, AmfEncoding.AMF0, Arrays.asList(values));
    }
}
