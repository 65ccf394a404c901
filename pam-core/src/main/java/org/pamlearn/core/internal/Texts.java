// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.internal;

import java.util.regex.Pattern;

/**
 * Offending text in one-line messages, one way for every module: at most {@value #MAX_SHOWN_CHARS} characters of
 * it, so that a megabyte-long cell, header name or line never becomes a megabyte-long message. Not API: may change
 * without notice.
 */
public final class Texts {

    /** At most this many characters of an offending text are shown. */
    public static final int MAX_SHOWN_CHARS = 40;

    /** Jackson's {@code [Source: ...; line: L, column: C]} location (the source is redacted anyway). */
    private static final Pattern JACKSON_SOURCE =
            Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");
    /** Jackson's pointer to its own API in constraint messages: {@code , from `StreamReadConstraints...`}. */
    private static final Pattern JACKSON_API = Pattern.compile(",? from `[^`]*`");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");

    private Texts() {
    }

    /**
     * Returns at most the first {@value #MAX_SHOWN_CHARS} characters of a text, followed by {@code ...} when it
     * was cut (never inside a surrogate pair).
     *
     * @param text the text
     * @return the text, or its prefix and {@code ...}
     */
    public static String prefix(String text) {
        if (text.length() <= MAX_SHOWN_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_SHOWN_CHARS - 1)) ? MAX_SHOWN_CHARS - 1 : MAX_SHOWN_CHARS;
        return text.substring(0, end) + "...";
    }

    /**
     * Returns {@link #prefix(String)} in single quotes: {@code 'text'} or {@code 'tex...'}.
     *
     * @param text the text
     * @return the quoted prefix
     */
    public static String quote(String text) {
        return "'" + prefix(text) + "'";
    }

    /**
     * Returns a Jackson parser message as one line for users: without the redacted source description and
     * Jackson's pointers to its own API (a location {@code [Source: ...; line: 3, column: 7]} becomes
     * {@code line 3, column 7}).
     *
     * @param message the parser's message ({@code getOriginalMessage()}); may be {@code null}
     * @return the cleaned message, {@code "(no reason given)"} for {@code null}
     */
    public static String parserMessage(String message) {
        if (message == null) {
            return "(no reason given)";
        }
        String text = JACKSON_SOURCE.matcher(message).replaceAll("line $1, column $2");
        text = JACKSON_API.matcher(text).replaceAll("");
        return LINE_BREAKS.matcher(text.strip()).replaceAll(" ");
    }
}
