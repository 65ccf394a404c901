// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import org.pamlearn.core.internal.BoundedReading;

/**
 * The one place where the command line turns an I/O failure into the reason of a one-line message: {@code cannot
 * read <file>: <reason>} or {@code cannot write <file>: <reason>}. The JDK's own messages are often just a file
 * name ({@code FileAlreadyExistsException}, {@code NoSuchFileException}) or name its classes, so the reason is
 * said in words: "no such file", "no such directory", "permission denied", "is a directory", ...
 */
final class IoMessages {

    private IoMessages() {
    }

    /**
     * A file that cannot be read.
     *
     * @param what what the file is for, with a trailing space ({@code "model "}, {@code "track "}), or {@code ""}
     * @param file the file, as the user gave it
     * @param e the failure; may be {@code null}
     * @return {@code cannot read <what><file>: <reason>}
     */
    static UserInputException cannotRead(String what, Object file, IOException e) {
        return new UserInputException("cannot read " + what + file + ": " + reason(e, file, false), e);
    }

    /**
     * A file (or directory) that cannot be written.
     *
     * @param file the file, as the user gave it
     * @param e the failure; may be {@code null}
     * @return {@code cannot write <file>: <reason>}
     */
    static UserInputException cannotWrite(Object file, IOException e) {
        return new UserInputException("cannot write " + file + ": " + reason(e, file, true), e);
    }

    /**
     * The reason of an I/O failure in words.
     *
     * @param e the failure; may be {@code null}
     * @param target the file the message names
     * @param writing whether the file was written (a missing path then means a missing directory)
     * @return the reason, lower case, one line
     */
    static String reason(IOException e, Object target, boolean writing) {
        if (e == null) {
            return "I/O error";
        }
        if (e instanceof NoSuchFileException) {
            return writing ? "no such directory" : "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            // Files.createDirectories found a file where a directory was to be.
            String file = ((FileAlreadyExistsException) e).getFile();
            return file == null || file.equals(String.valueOf(target)) ? "it is a file, not a directory"
                    : file + " is a file, not a directory";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return lowerFirst(((FileSystemException) e).getReason());
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        if (e instanceof FileSystemException) {
            // Without a reason its message is only the file's name.
            return "file system error (" + e.getClass().getSimpleName() + ")";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        if (e instanceof BoundedReading.TooLargeException) {
            return e.getMessage();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : lowerFirst(message.strip());
    }

    /** The JDK's reasons are the C library's ({@code "Is a directory"}): lower case after the colon. */
    private static String lowerFirst(String text) {
        if (text.length() > 1 && Character.isUpperCase(text.charAt(0)) && Character.isLowerCase(text.charAt(1))) {
            return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
        }
        return text;
    }
}
