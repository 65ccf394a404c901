// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Short prefixes of offending text, and Jackson's messages in the user's words. */
class TextsTest {

    @ParameterizedTest
    @CsvSource({"0, ''", "1, 'x'", "40, 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'",
        "41, 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'", "10000000, 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'"})
    void quoteShowsAtMostFortyCharacters(int length, String expected) {
        assertEquals("'" + expected + "'", Texts.quote("x".repeat(length)));
    }

    @ParameterizedTest
    @CsvSource({"38, 40", "39, 39", "40, 40"})
    void prefixNeverSplitsASurrogatePair(int xs, int kept) {
        String text = "x".repeat(xs) + "\uD83D\uDE00" + "tail";
        assertEquals(text.substring(0, kept) + "...", Texts.prefix(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Unexpected end-of-input: expected close marker for Array (start marker at [Source: REDACTED"
            + " (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 9, column: 9])"
            + "|Unexpected end-of-input: expected close marker for Array (start marker at line 9, column 9)",
        "Document length (300) exceeds the maximum allowed (200, from"
            + " `StreamReadConstraints.getMaxDocumentLength()`)"
            + "|Document length (300) exceeds the maximum allowed (200)",
        "plain|plain"})
    void parserMessagesLoseTheParsersInternals(String message, String expected) {
        assertEquals(expected, Texts.parserMessage(message));
    }
}
