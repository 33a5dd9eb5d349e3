package org.rtmp4j.core.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rtmp4j.core.message.CommandMessage;

/**
 * Client-side builders for the playback-control and FMS-convention requests (RTMP 1.0 §7.2.2.2,
 * §7.2.2.4, §7.2.2.5, §7.2.2.7, §7.2.2.8): the inverse of {@link Play2}, {@link Pause}, {@link
 * Seek}, {@link ReceiveAudio}, {@link ReceiveVideo}, {@link FcSubscribe}, {@link GetStreamLength}
 * and {@link CheckBw}. All are AMF0 with a null command object; use {@link
 * Commands#inEncoding(CommandMessage, org.rtmp4j.core.message.AmfEncoding)} for AMF3 connections.
 * Numbers are written as {@code Double}. Stateless and thread-safe.
 */
public final class PlaybackRequests {
    private PlaybackRequests() {}

    /**
     * {@code "play2", 0, null, {streamName, oldStreamName, start, len, transition}} (RTMP 1.0 §7.2.2.2).
     *
     * @param streamId the playing message stream id
     * @param play2 the options; empty {@code oldStreamName}/{@code transition} are omitted and a
     *     non-empty query is appended to the name after {@code ?}
     * @return the request
     */
    public static CommandMessage play2(int streamId, Play2 play2) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("streamName", play2.query().isEmpty() ? play2.streamName() : play2.streamName() + "?" + play2.query());
        if (!play2.oldStreamName().isEmpty()) {
            p.put("oldStreamName", play2.oldStreamName());
        }
        p.put("start", play2.start());
        p.put("len", play2.len());
        if (!play2.transition().isEmpty()) {
            p.put("transition", play2.transition());
        }
        return new CommandMessage(streamId, Commands.PLAY2, 0, null, List.of(p));
    }

    /**
     * {@code "pause", 0, null, pause, milliseconds} (RTMP 1.0 §7.2.2.8).
     *
     * @param streamId the playing message stream id
     * @param pause true to pause, false to resume
     * @param milliseconds the current stream time in ms
     * @return the request
     */
    public static CommandMessage pause(int streamId, boolean pause, double milliseconds) {
        return new CommandMessage(streamId, Commands.PAUSE, 0, null, List.of(pause, milliseconds));
    }

    /**
     * {@code "seek", 0, null, milliseconds} (RTMP 1.0 §7.2.2.7).
     *
     * @param streamId the playing message stream id
     * @param milliseconds the offset in ms
     * @return the request
     */
    public static CommandMessage seek(int streamId, double milliseconds) {
        return new CommandMessage(streamId, Commands.SEEK, 0, null, List.of(milliseconds));
    }

    /**
     * {@code "receiveAudio", 0, null, flag} (RTMP 1.0 §7.2.2.4).
     *
     * @param streamId the playing message stream id
     * @param receive whether to receive audio
     * @return the request
     */
    public static CommandMessage receiveAudio(int streamId, boolean receive) {
        return new CommandMessage(streamId, Commands.RECEIVE_AUDIO, 0, null, List.of(receive));
    }

    /**
     * {@code "receiveVideo", 0, null, flag} (RTMP 1.0 §7.2.2.5).
     *
     * @param streamId the playing message stream id
     * @param receive whether to receive video
     * @return the request
     */
    public static CommandMessage receiveVideo(int streamId, boolean receive) {
        return new CommandMessage(streamId, Commands.RECEIVE_VIDEO, 0, null, List.of(receive));
    }

    /**
     * {@code "FCSubscribe", txId, null, name} on message stream id 0.
     *
     * @param txId transaction id
     * @param name the stream name, optionally with {@code ?query}
     * @return the request
     */
    public static CommandMessage fcSubscribe(double txId, String name) {
        return new CommandMessage(0, Commands.FC_SUBSCRIBE, txId, null, List.of(name));
    }

    /**
     * {@code "getStreamLength", txId, null, name}.
     *
     * @param streamId the message stream id (players send it on the playing stream)
     * @param txId transaction id
     * @param name the stream name
     * @return the request
     */
    public static CommandMessage getStreamLength(int streamId, double txId, String name) {
        return new CommandMessage(streamId, Commands.GET_STREAM_LENGTH, txId, null, List.of(name));
    }

    /**
     * {@code "_checkbw", txId, null} on message stream id 0.
     *
     * @param txId transaction id
     * @return the request
     */
    public static CommandMessage checkBw(double txId) {
        return new CommandMessage(0, Commands.CHECK_BW, txId, null, List.of());
    }
}
