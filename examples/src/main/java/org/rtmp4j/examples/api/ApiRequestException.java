package org.rtmp4j.examples.api;

/**
 * A request the API refuses: the status (4xx) and the reason sent as {@code {"error": reason}}.
 */
final class ApiRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status the HTTP status, 400..499
     * @param reason what is wrong, with the offending value
     */
    ApiRequestException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    /** @return the HTTP status */
    int status() {
        return status;
    }
}
