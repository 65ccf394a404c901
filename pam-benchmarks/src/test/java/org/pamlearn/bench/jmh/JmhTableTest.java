// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link JmhTable}: the markdown of a hand-written JMH result file, and one-line errors for bad input. */
class JmhTableTest {

    /**
     * Two results in the shape JMH 1.37 writes with {@code -rf json} (trimmed to the fields the tool reads, plus
     * a few it ignores): one with parameters, an error and {@code -prof gc} metrics, one from a single
     * iteration ({@code "NaN"} error) without parameters or secondary metrics.
     */
    private static final String SAMPLE = """
            [
                {
                    "jmhVersion" : "1.37",
                    "benchmark" : "org.pamlearn.bench.jmh.StepBenchmark.step",
                    "mode" : "avgt",
                    "threads" : 1,
                    "params" : {
                        "shape" : "robot",
                        "rule" : "pam"
                    },
                    "primaryMetric" : {
                        "score" : 3.0712,
                        "scoreError" : 0.1534,
                        "scoreConfidence" : [ 2.9178, 3.2246 ],
                        "scoreUnit" : "us/op"
                    },
                    "secondaryMetrics" : {
                        "gc.alloc.rate" : {
                            "score" : 0.0141,
                            "scoreError" : 0.002,
                            "scoreUnit" : "MB/sec"
                        },
                        "gc.alloc.rate.norm" : {
                            "score" : 0.04412,
                            "scoreError" : 0.001,
                            "scoreUnit" : "B/op"
                        }
                    }
                },
                {
                    "jmhVersion" : "1.37",
                    "benchmark" : "org.pamlearn.bench.jmh.ResonatorBankBenchmark.filter",
                    "mode" : "avgt",
                    "primaryMetric" : {
                        "score" : 671.4361307754372,
                        "scoreError" : "NaN",
                        "scoreUnit" : "ns/op"
                    },
                    "secondaryMetrics" : {
                    }
                }
            ]
            """;

    private static final String SAMPLE_TABLE = ""
            + "| benchmark | params | score | B/op |\n"
            + "| --- | --- | ---: | ---: |\n"
            + "| StepBenchmark.step | shape=robot, rule=pam | 3.07 \u00b1 0.15 us/op | 0.0441 |\n"
            + "| ResonatorBankBenchmark.filter | \u2014 | 671 ns/op | \u2014 |\n";

    @TempDir
    Path dir;

    /** What one {@link JmhTable#run} call printed and returned. */
    private record Result(int status, String out, String err) {
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = JmhTable.run(args, o, e);
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** Asserts status 1, nothing on stdout, and exactly one stderr line naming the file and the cause. */
    private static void assertOneLineError(Result r, String file, String cause) {
        assertEquals(1, r.status(), "exit status; stderr: " + r.err());
        assertEquals("", r.out(), "stdout");
        assertTrue(r.err().endsWith(System.lineSeparator()), "stderr ends with one line break: " + r.err());
        String line = r.err().substring(0, r.err().length() - System.lineSeparator().length());
        assertTrue(!line.contains("\n") && !line.contains("\r"), "stderr is one line: " + r.err());
        assertTrue(line.contains(file), "stderr names the file " + file + ": " + line);
        assertTrue(line.contains(cause), "stderr says '" + cause + "': " + line);
    }

    @Test
    void sampleGivesExactTable() throws IOException {
        Result r = run(write("jmh.json", SAMPLE).toString());
        assertEquals(0, r.status(), "exit status; stderr: " + r.err());
        assertEquals("", r.err(), "stderr");
        assertEquals(SAMPLE_TABLE, r.out(), "table");
    }

    @Test
    void oldDottedAllocationKeyIsRead() throws IOException {
        String json = SAMPLE.replace("\"gc.alloc.rate.norm\"", "\"\u00b7gc.alloc.rate.norm\"");
        Result r = run(write("old.json", json).toString());
        assertEquals(SAMPLE_TABLE, r.out(), "table from the pre-1.36 key spelling; stderr: " + r.err());
    }

    @Test
    void pipesInParametersAreEscaped() throws IOException {
        String json = SAMPLE.replace("\"robot\"", "\"a|b\"");
        Result r = run(write("pipe.json", json).toString());
        assertTrue(r.out().contains("| shape=a\\|b, rule=pam |"), "escaped pipe: " + r.out());
    }

    @Test
    void missingFile() {
        String file = dir.resolve("absent.json").toString();
        assertOneLineError(run(file), file, "no such file");
    }

    @Test
    void directoryIsUnreadable() {
        String file = dir.toString();
        assertOneLineError(run(file), file, "cannot read");
    }

    @Test
    void wrongArgumentCount() {
        Result none = run();
        assertEquals(1, none.status(), "no arguments");
        assertTrue(none.err().startsWith("usage:") && none.err().contains("got 0 arguments"), none.err());
        Result two = run("a.json", "b.json");
        assertEquals(1, two.status(), "two arguments");
        assertTrue(two.err().contains("got 2 arguments"), two.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "truncated; `[ { \"benchmark\" : \"a.B.c\" `; malformed JSON at line 1",
        "not JSON; `Benchmark  Mode  Cnt  Score`; malformed JSON at line 1, column",
        "trailing text; `[] x`; malformed JSON",
        "empty file; ``; the file is empty",
        "object root; `{ \"benchmark\" : \"a.B.c\" }`; expected a JSON array of results, got object",
        "empty array; `[]`; the array holds no results",
        "entry not an object; `[ 1 ]`; entry 0 is number, not an object",
        "no benchmark name; `[ { \"primaryMetric\" : { } } ]`; entry 0 has no textual \"benchmark\"",
        "no primary metric; `[ { \"benchmark\" : \"a.B.c\" } ]`; entry 0 (a.B.c) has no \"primaryMetric\" object",
        "textual score; `[ { \"benchmark\" : \"a.B.c\", \"primaryMetric\" : { \"score\" : \"fast\","
                + " \"scoreUnit\" : \"ns/op\" } } ]`; entry 0 (a.B.c) primaryMetric.score is string, not a number",
        "no unit; `[ { \"benchmark\" : \"a.B.c\", \"primaryMetric\" : { \"score\" : 1 } } ]`;"
                + " entry 0 (a.B.c) has no textual primaryMetric.scoreUnit",
        "params not an object; `[ { \"benchmark\" : \"a.B.c\", \"params\" : 3, \"primaryMetric\" : { \"score\" : 1,"
                + " \"scoreUnit\" : \"ns/op\" } } ]`; entry 0 (a.B.c) has \"params\" that is number",
        "allocation without score; `[ { \"benchmark\" : \"a.B.c\", \"primaryMetric\" : { \"score\" : 1,"
                + " \"scoreUnit\" : \"ns/op\" }, \"secondaryMetrics\" : { \"gc.alloc.rate.norm\" : { } } } ]`;"
                + " entry 0 (a.B.c) gc.alloc.rate.norm.score is missing, not a number",
    })
    void malformedInputIsOneLine(String label, String json, String cause) throws IOException {
        String file = write("bad.json", json == null ? "" : json).toString();
        Result r = run(file);
        assertOneLineError(r, file, cause);
        if (!cause.startsWith("malformed")) {
            assertTrue(r.err().contains("not a JMH JSON result file"), label + ": " + r.err());
        }
    }

    @Test
    void anEndlessFileIsRefusedAtTheLimit() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "no /dev/zero here");
        assertOneLineError(run(zero.toString()), "/dev/zero", "cannot read: larger than 67108864 bytes, the limit");
    }

    @Test
    void aTruncatedFileNamesLineAndColumnNotTheParsersSource() throws IOException {
        String file = write("cut.json", "[ { \"benchmark\" : [ 1, 2").toString();
        Result r = run(file);
        assertOneLineError(r, file, "malformed JSON at line 1");
        assertTrue(r.err().contains("(start marker at line 1, column "), r.err());
        assertFalse(r.err().contains("Source") || r.err().contains("`"), r.err());
    }

    @ParameterizedTest(name = "{0} \u00b1 {1} -> {2}")
    @CsvSource(delimiter = ';', value = {
        "3.0712; 0.1534; 3.07 \u00b1 0.15",
        "3.0412; 0.26; 3.04 \u00b1 0.26",
        "785.4; 465.2; 790 \u00b1 470",
        "27017; 112402; 30000 \u00b1 110000",
        "9976.3; 31279.1; 10000 \u00b1 31000",
        "2.104; 1.803; 2.1 \u00b1 1.8",
        "4623.7; 120.4; 4620 \u00b1 120",
        "4623.7; 12.04; 4624 \u00b1 12",
        "4623.7; NaN; 4620",
        "0.004; 0.0021; 0.0040 \u00b1 0.0021",
        "671.43613; NaN; 671",
        "0.0039885; NaN; 0.00399",
        "12.5; 0; 12.5",
        "0; 0; 0",
        "NaN; NaN; NaN",
    })
    void numberFormatting(double score, double error, String expected) {
        assertEquals(expected, JmhTable.scoreWithError(score, error), "score " + score + ", error " + error);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "org.pamlearn.bench.jmh.StepBenchmark.step; StepBenchmark.step",
        "StepBenchmark.step; StepBenchmark.step",
        "step; step",
    })
    void shortNames(String benchmark, String expected) {
        assertEquals(expected, JmhTable.shortName(benchmark), benchmark);
    }
}
