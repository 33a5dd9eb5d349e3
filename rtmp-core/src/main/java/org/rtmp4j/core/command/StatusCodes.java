package org.rtmp4j.core.command;

/** Status codes used in {@code onStatus} and {@code _error} info objects (RTMP 1.0 §7.2; Flash NetStatusEvent). */
public final class StatusCodes {
    /** Connect accepted. */
    public static final String CONNECT_SUCCESS = "NetConnection.Connect.Success";
    /** Connect refused. */
    public static final String CONNECT_REJECTED = "NetConnection.Connect.Rejected";
    /** Connect failed. */
    public static final String CONNECT_FAILED = "NetConnection.Connect.Failed";
    /** Connection closed. */
    public static final String CONNECT_CLOSED = "NetConnection.Connect.Closed";
    /** Unknown or failed call. */
    public static final String CALL_FAILED = "NetConnection.Call.Failed";
    /** Publish started. */
    public static final String PUBLISH_START = "NetStream.Publish.Start";
    /** Publish refused: name in use or not allowed. */
    public static final String PUBLISH_BAD_NAME = "NetStream.Publish.BadName";
    /** Publish refused by the application. */
    public static final String PUBLISH_REJECTED = "NetStream.Publish.Rejected";
    /** Publishing stopped. */
    public static final String UNPUBLISH_SUCCESS = "NetStream.Unpublish.Success";
    /** Play started. */
    public static final String PLAY_START = "NetStream.Play.Start";
    /** Playlist reset. */
    public static final String PLAY_RESET = "NetStream.Play.Reset";
    /** Play stopped. */
    public static final String PLAY_STOP = "NetStream.Play.Stop";
    /** Play failed. */
    public static final String PLAY_FAILED = "NetStream.Play.Failed";
    /** No such stream. */
    public static final String PLAY_STREAM_NOT_FOUND = "NetStream.Play.StreamNotFound";
    /** The played name went live. */
    public static final String PLAY_PUBLISH_NOTIFY = "NetStream.Play.PublishNotify";
    /** The played name stopped publishing. */
    public static final String PLAY_UNPUBLISH_NOTIFY = "NetStream.Play.UnpublishNotify";

    /** E-RTMP v2: the server asks the client to reconnect (optionally to the info object's {@code tcUrl}). */
    public static final String CONNECT_RECONNECT_REQUEST = "NetConnection.Connect.ReconnectRequest";
    /** Connection closed by the server because the client was idle. */
    public static final String CONNECT_IDLE_TIMEOUT = "NetConnection.Connect.IdleTimeOut";
    /** Connect refused: no such application. */
    public static final String CONNECT_INVALID_APP = "NetConnection.Connect.InvalidApp";
    /** The publisher has been idle too long. */
    public static final String PUBLISH_IDLE = "NetStream.Publish.Idle";
    /** Paused (RTMP 1.0 §7.2.2.8). */
    public static final String PAUSE_NOTIFY = "NetStream.Pause.Notify";
    /** Resumed (RTMP 1.0 §7.2.2.8). */
    public static final String UNPAUSE_NOTIFY = "NetStream.Unpause.Notify";
    /** Seek done (RTMP 1.0 §7.2.2.7); also sent when {@code receiveAudio/receiveVideo} turns on. */
    public static final String SEEK_NOTIFY = "NetStream.Seek.Notify";
    /** Seek failed, e.g. the stream is not seekable. */
    public static final String SEEK_FAILED = "NetStream.Seek.Failed";
    /** Seek target out of range. */
    public static final String SEEK_INVALID_TIME = "NetStream.Seek.InvalidTime";
    /** Playback reached the end of a recorded stream (sent as {@code onPlayStatus}). */
    public static final String PLAY_COMPLETE = "NetStream.Play.Complete";
    /** {@code play2} transition started. */
    public static final String PLAY_TRANSITION = "NetStream.Play.Transition";
    /** {@code play2} transition finished (sent as {@code onPlayStatus}). */
    public static final String PLAY_TRANSITION_COMPLETE = "NetStream.Play.TransitionComplete";
    /** The client is too slow for the stream; data is being dropped. */
    public static final String PLAY_INSUFFICIENT_BW = "NetStream.Play.InsufficientBW";
    /** Recording started. */
    public static final String RECORD_START = "NetStream.Record.Start";
    /** Recording stopped. */
    public static final String RECORD_STOP = "NetStream.Record.Stop";
    /** Recording failed. */
    public static final String RECORD_FAILED = "NetStream.Record.Failed";
    /** Recording refused, e.g. no write access. */
    public static final String RECORD_NO_ACCESS = "NetStream.Record.NoAccess";
    /** Data (e.g. metadata) starts on the stream ({@code onStatus} before {@code onMetaData}). */
    public static final String DATA_START = "NetStream.Data.Start";
    /** Generic stream failure. */
    public static final String FAILED = "NetStream.Failed";

    private StatusCodes() {}
}
