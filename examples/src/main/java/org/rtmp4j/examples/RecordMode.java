package org.rtmp4j.examples;

/**
 * What {@link RecordToFlv} does when a stream key is published again (an OBS reconnect after a network drop)
 * and its earlier recording is still in the directory. Chosen with {@code --record-mode} (env
 * {@code RTMP_RECORD_MODE}) on the {@code server} and {@code record} commands.
 */
public enum RecordMode {
    /**
     * The default: every publish gets its own file, {@code KEY-yyyyMMdd-HHmmss.flv} (UTC, the time the stream's
     * first message arrived, as SRS names them), and {@code KEY-yyyyMMdd-HHmmss-N.flv} (N = 1, 2...) if that name
     * is taken. Files are created with {@code CREATE_NEW}, so nothing is ever overwritten.
     */
    UNIQUE,
    /**
     * Continue {@code KEY.flv} when its codecs match the new stream's (same audio and video codec and the same
     * sequence headers as the last ones in the file): timestamps continue after the file's last one, and
     * {@code duration}, {@code filesize} and the key frame index of its {@code onMetaData} are patched on close.
     * A file that does not exist is created; when the codecs differ or the file is not a readable FLV file, the
     * stream goes to a {@link #UNIQUE} name instead and the reason is logged at WARN.
     */
    APPEND,
    /** Replace {@code KEY.flv} (the behaviour before unique names: the earlier recording is lost). */
    OVERWRITE
}
