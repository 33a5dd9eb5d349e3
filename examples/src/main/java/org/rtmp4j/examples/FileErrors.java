package org.rtmp4j.examples;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** File errors in words: the JDK's {@code NoSuchFileException} message is only the path. Stateless. */
final class FileErrors {
    private FileErrors() {}

    /**
     * What went wrong, e.g. {@code "no such file or directory"}.
     *
     * @param e the file-system error
     * @return the reason, without the path
     */
    static String reason(FileSystemException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
    }

    /**
     * The path, the other path if any, and the reason, e.g. {@code "out/x.flv: no such file or directory"}.
     *
     * @param e the file-system error
     * @return one line
     */
    static String describe(FileSystemException e) {
        return e.getFile() + (e.getOtherFile() != null ? " -> " + e.getOtherFile() : "") + ": " + reason(e);
    }
}
