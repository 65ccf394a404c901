// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.jmh;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.pamlearn.bench.internal.ToolMain;
import org.pamlearn.core.internal.BoundedReading;
import org.pamlearn.core.internal.Texts;

/**
 * Turns a JMH JSON result file ({@code -rf json -rff target/jmh.json}) into a markdown table: one row per
 * result with the benchmark's short name ({@code Class.method}), its parameters ({@code k=v, ...}), the
 * score with its error and unit, and the bytes allocated per operation ({@code gc.alloc.rate.norm}, present
 * when the run used {@code -prof gc}; "&mdash;" otherwise).
 *
 * <p>Run from the repository root after a JMH run:
 * <pre>
 *   java -cp pam-benchmarks/target/benchmarks.jar org.pamlearn.bench.jmh.JmhTable target/jmh.json
 * </pre>
 *
 * <p>Numbers: the error is shown with 2 significant digits and the score rounded to the same place (to tens
 * or thousands when the error is that large), halves rounded away from zero; without an error (a single
 * measurement iteration gives {@code "NaN"}) the score has 3 significant digits, as does the allocation. The
 * table is written as UTF-8. A missing or unreadable file, one larger than 64 MiB, malformed JSON or JSON that is
 * not a JMH result array is reported as one line on stderr naming the file, with exit code 1.
 */
public final class JmhTable {

    /** Secondary-metric keys of the normalised allocation rate: JMH 1.37 and JMH before 1.36. */
    private static final String[] ALLOC_KEYS = {"gc.alloc.rate.norm", "\u00b7gc.alloc.rate.norm"};

    /** Shown for a missing value. */
    static final String NONE = "\u2014";

    /** The largest result file read, in bytes: 64 MiB (JMH writes some kilobytes per benchmark). */
    static final long MAX_BYTES = 64L << 20;

    /** Most decimals ever printed. */
    private static final int MAX_DECIMALS = 12;

    private JmhTable() {
    }

    /**
     * Prints the markdown table of one JMH JSON result file to stdout (UTF-8), or one error line to stderr
     * and exits with status 1.
     *
     * @param args exactly one argument, the JSON file; not modified
     */
    public static void main(String[] args) {
        ToolMain.run(args, JmhTable::run);
    }

    /**
     * Does the work of {@link #main(String[])} without exiting.
     *
     * @param args the command-line arguments; not modified
     * @param out where the table goes
     * @param err where the one-line error goes
     * @return the exit status: 0 on success, 1 on a usage, file or format error
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: java -cp benchmarks.jar org.pamlearn.bench.jmh.JmhTable FILE.json"
                    + " (one JMH result file written with -rf json), got " + args.length + " arguments");
            return 1;
        }
        String file = args[0];
        String json;
        try {
            json = BoundedReading.readString(Path.of(file), MAX_BYTES);
        } catch (NoSuchFileException e) {
            err.println("JmhTable: " + file + ": no such file");
            return 1;
        } catch (AccessDeniedException e) {
            err.println("JmhTable: " + file + ": permission denied");
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("JmhTable: " + file + ": cannot read: " + oneLine(String.valueOf(e.getMessage())));
            return 1;
        }
        try {
            out.print(markdown(parse(json)));
            return 0;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            err.println("JmhTable: " + file + ": malformed JSON" + where + ": "
                    + Texts.parserMessage(e.getOriginalMessage()));
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("JmhTable: " + file + ": not a JMH JSON result file: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Parses JSON text, rejecting trailing content after the first value.
     *
     * @param json the text
     * @return the root node
     * @throws JsonProcessingException if the text is not one JSON value
     */
    static JsonNode parse(String json) throws JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper();
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        JsonNode root = mapper.readTree(json);
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("the file is empty");
        }
        return root;
    }

    /**
     * The markdown table of parsed JMH results, one row per result in file order, ending with a newline.
     *
     * @param results the JSON array JMH writes; not modified
     * @return the table: header, separator and one row per result
     * @throws IllegalArgumentException if {@code results} is not a non-empty array of objects each with a
     *     textual {@code benchmark} and a {@code primaryMetric} with a numeric {@code score} and a textual
     *     {@code scoreUnit}; the message names the offending entry
     */
    static String markdown(JsonNode results) {
        if (!results.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of results, got " + kind(results));
        }
        if (results.isEmpty()) {
            throw new IllegalArgumentException("the array holds no results");
        }
        StringBuilder s = new StringBuilder();
        s.append("| benchmark | params | score | B/op |\n");
        s.append("| --- | --- | ---: | ---: |\n");
        for (int i = 0; i < results.size(); i++) {
            JsonNode r = results.get(i);
            String entry = "entry " + i;
            if (!r.isObject()) {
                throw new IllegalArgumentException(entry + " is " + kind(r) + ", not an object");
            }
            JsonNode name = r.get("benchmark");
            if (name == null || !name.isTextual()) {
                throw new IllegalArgumentException(entry + " has no textual \"benchmark\"");
            }
            entry += " (" + Texts.prefix(name.asText()) + ")";
            JsonNode primary = r.get("primaryMetric");
            if (primary == null || !primary.isObject()) {
                throw new IllegalArgumentException(entry + " has no \"primaryMetric\" object");
            }
            double score = number(primary.get("score"), entry + " primaryMetric.score");
            JsonNode errorNode = primary.get("scoreError");
            double error = errorNode == null ? Double.NaN : number(errorNode, entry + " primaryMetric.scoreError");
            JsonNode unit = primary.get("scoreUnit");
            if (unit == null || !unit.isTextual()) {
                throw new IllegalArgumentException(entry + " has no textual primaryMetric.scoreUnit");
            }
            s.append("| ").append(cell(shortName(name.asText())))
                    .append(" | ").append(cell(params(r.get("params"), entry)))
                    .append(" | ").append(cell(scoreWithError(score, error) + " " + unit.asText()))
                    .append(" | ").append(cell(allocation(r.get("secondaryMetrics"), entry)))
                    .append(" |\n");
        }
        return s.toString();
    }

    /**
     * The last two dot-separated parts of a benchmark name ({@code Class.method}).
     *
     * @param benchmark the fully qualified name, e.g. {@code org.pamlearn.bench.jmh.StepBenchmark.step}
     * @return e.g. {@code StepBenchmark.step}; the whole name if it has fewer than two dots
     */
    static String shortName(String benchmark) {
        int last = benchmark.lastIndexOf('.');
        if (last <= 0) {
            return benchmark;
        }
        int before = benchmark.lastIndexOf('.', last - 1);
        return before < 0 ? benchmark : benchmark.substring(before + 1);
    }

    /**
     * A score and its error: the error with 2 significant digits and the score with as many decimals; the
     * score alone with 3 significant digits when the error is NaN, infinite or 0.
     *
     * @param score the score
     * @param error the half-width of the confidence interval, NaN when unknown
     * @return e.g. {@code "3.04 ± 0.26"}, {@code "790 ± 470"} (785.4 &plusmn; 465.2: both rounded to tens, the
     *     error's second digit), {@code "30000 ± 110000"} or {@code "671"}
     */
    static String scoreWithError(double score, double error) {
        if (!Double.isFinite(score)) {
            return Double.toString(score);
        }
        if (!Double.isFinite(error) || error == 0) {
            return significant(score, 3);
        }
        int decimals = decimalsFor(Math.abs(error), 2);
        return fixed(score, decimals) + " \u00b1 " + fixed(Math.abs(error), decimals);
    }

    /**
     * A value with the given number of significant digits, in plain (not scientific) notation.
     *
     * @param value the value
     * @param digits significant digits, at least 1
     * @return e.g. {@code significant(0.0039885, 3) = "0.00399"}, {@code significant(4623.7, 3) = "4620"}
     */
    static String significant(double value, int digits) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return fixed(value, value == 0 ? 0 : decimalsFor(Math.abs(value), digits));
    }

    /**
     * Decimals that show {@code digits} significant digits of {@code magnitude > 0}, at most MAX_DECIMALS; negative
     * when the last significant digit is left of the units (-2: round to hundreds).
     */
    private static int decimalsFor(double magnitude, int digits) {
        int exponent = (int) Math.floor(Math.log10(magnitude));
        return Math.min(MAX_DECIMALS, digits - 1 - exponent);
    }

    /**
     * The value with {@code decimals} decimals, or rounded to {@code 10^-decimals} when that is negative; halves
     * away from zero either way (as {@code %.Nf} does), from the value's shortest decimal form.
     */
    private static String fixed(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /** {@code k=v, ...} in file order, or {@link #NONE} without parameters. */
    private static String params(JsonNode params, String entry) {
        if (params == null || params.isNull() || (params.isObject() && params.isEmpty())) {
            return NONE;
        }
        if (!params.isObject()) {
            throw new IllegalArgumentException(entry + " has \"params\" that is " + kind(params) + ", not an object");
        }
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, JsonNode> p : params.properties()) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(p.getKey()).append('=').append(p.getValue().isValueNode() ? p.getValue().asText()
                    : p.getValue().toString());
        }
        return s.toString();
    }

    /** The {@code gc.alloc.rate.norm} score with 3 significant digits, or {@link #NONE}. */
    private static String allocation(JsonNode secondary, String entry) {
        if (secondary == null || secondary.isNull()) {
            return NONE;
        }
        if (!secondary.isObject()) {
            throw new IllegalArgumentException(entry + " has \"secondaryMetrics\" that is " + kind(secondary)
                    + ", not an object");
        }
        for (String key : ALLOC_KEYS) {
            JsonNode metric = secondary.get(key);
            if (metric == null) {
                continue;
            }
            if (!metric.isObject()) {
                throw new IllegalArgumentException(entry + " has secondaryMetrics." + key + " that is "
                        + kind(metric) + ", not an object");
            }
            String text = significant(number(metric.get("score"), entry + " " + key + ".score"), 3);
            JsonNode unit = metric.get("scoreUnit");
            return unit != null && unit.isTextual() && !"B/op".equals(unit.asText()) ? text + " " + unit.asText()
                    : text;
        }
        return NONE;
    }

    /** A JSON number, or JMH's {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"} strings. */
    private static double number(JsonNode node, String what) {
        if (node != null && node.isNumber()) {
            return node.asDouble();
        }
        if (node != null && node.isTextual()) {
            switch (node.asText()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(what + " is " + (node == null ? "missing" : kind(node))
                + ", not a number");
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    /** A markdown table cell: pipes escaped, line breaks replaced by spaces. */
    private static String cell(String text) {
        return oneLine(text).replace("|", "\\|");
    }

    private static String oneLine(String text) {
        return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
