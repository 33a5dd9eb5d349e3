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

    private StatusCodes() {}
}
