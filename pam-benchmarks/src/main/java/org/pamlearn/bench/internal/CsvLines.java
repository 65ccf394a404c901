// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.internal;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.pamlearn.core.internal.Texts;

/**
 * One line of a comma-separated result file ({@code compare.csv}, {@code depth.csv}) to cells and back, through
 * Jackson's CSV module: a cell with a comma, a quote or a line break is quoted, so every line splits back into the
 * cells it was made of. Not API: may change without notice. Thread-safe.
 */
public final class CsvLines {

    /** Strict quoting: only cells with a comma, a quote or a line break (the loose default also quotes '+'). */
    private static final CsvFactory CSV = CsvFactory.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withLineSeparator("");

    private CsvLines() {
    }

    /**
     * Joins cells into one line, without a line separator.
     *
     * @param cells the cells, as text
     * @return the line
     */
    public static String join(String... cells) {
        StringWriter text = new StringWriter();
        try (CsvGenerator g = CSV.createGenerator(text)) {
            g.setSchema(SCHEMA);
            g.writeStartArray();
            for (String cell : cells) {
                g.writeString(cell);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * Splits one line into its cells.
     *
     * @param line the line, without a line separator
     * @return the cells; one empty cell for an empty line
     * @throws IllegalArgumentException if the line is not one CSV record (an open quote, a second record); the
     *     message quotes at most 40 characters of it
     */
    public static String[] split(String line) {
        List<String> cells = new ArrayList<>();
        try (CsvParser p = CSV.createParser(line)) {
            p.setSchema(SCHEMA);
            JsonToken token = p.nextToken();
            if (token == null) {
                return new String[] {""};
            }
            if (token == JsonToken.START_ARRAY) {
                for (token = p.nextToken(); token == JsonToken.VALUE_STRING; token = p.nextToken()) {
                    cells.add(p.getText());
                }
            }
            if (token != JsonToken.END_ARRAY || p.nextToken() != null) {
                throw malformed(line);
            }
        } catch (IOException e) {
            throw malformed(line);
        }
        return cells.isEmpty() ? new String[] {""} : cells.toArray(new String[0]);
    }

    /**
     * Quotes at most 40 characters of a text for a message, as every module does ({@link Texts#quote}).
     *
     * @param text the text
     * @return {@code 'text'}, cut with {@code ...} when long
     */
    public static String quote(String text) {
        return Texts.quote(text);
    }

    private static IllegalArgumentException malformed(String line) {
        return new IllegalArgumentException("not one CSV line: " + quote(line));
    }
}
