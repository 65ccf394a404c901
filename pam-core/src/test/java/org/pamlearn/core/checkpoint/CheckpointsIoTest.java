// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pamlearn.core.Network;

/** Files, readers and writers: round trips, atomic replacement, and I/O failures kept apart from bad content. */
class CheckpointsIoTest {

    @TempDir
    Path dir;

    @Test
    void roundTripThroughAFile() throws IOException {
        for (long seed = 0; seed < 20; seed++) {
            Network original = CheckpointsRoundTripTest.randomNetwork(new SplittableRandom(seed));
            Path file = dir.resolve("net-" + seed + ".json");

            Checkpoints.save(original, file);

            CheckpointsRoundTripTest.assertSameNetwork(original, Checkpoints.load(file), "seed " + seed);
            assertEquals(Checkpoints.toJson(original), Files.readString(file, StandardCharsets.UTF_8), "seed " + seed);
        }
    }

    @Test
    void saveReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.json");
        Network first = CheckpointsRoundTripTest.randomNetwork(new SplittableRandom(1));
        Network second = CheckpointsRoundTripTest.randomNetwork(new SplittableRandom(2));

        Checkpoints.save(first, file);
        Checkpoints.save(second, file);

        CheckpointsRoundTripTest.assertSameNetwork(second, Checkpoints.load(file), "second save");
        assertEquals(List.of(file), listDir());
    }

    @Test
    void loadOfAMissingFileNamesThePath() {
        Path file = dir.resolve("absent.json");

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Checkpoints.load(file));

        assertEquals("cannot load checkpoint " + file + ": no such file", e.getMessage());
        assertTrue(e.getCause() instanceof NoSuchFileException, "cause was " + e.getCause());
    }

    @Test
    void saveIntoAMissingDirectoryNamesThePathAndWritesNothing() throws IOException {
        Path file = dir.resolve("no-such-dir").resolve("model.json");
        Network network = CheckpointsRoundTripTest.randomNetwork(new SplittableRandom(3));

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Checkpoints.save(network, file));

        assertTrue(e.getMessage().startsWith("cannot save checkpoint " + file + ": "), e.getMessage());
        assertEquals(List.of(), listDir());
    }

    @Test
    void saveOverADirectoryIsRefused() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("model.json"));
        Network network = CheckpointsRoundTripTest.randomNetwork(new SplittableRandom(4));

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Checkpoints.save(network, sub));

        assertEquals("cannot save checkpoint " + sub + ": it is a directory", e.getMessage());
        assertTrue(Files.isDirectory(sub));
    }

    @Test
    void loadOfABadFileNamesTheFieldAndTheFile() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, CheckpointsFormatTest.DESIGN_EXAMPLE.replace("LINEAR", "SOFTPLUS"));

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoints.load(file));

        assertEquals("layers[1].activation", e.field());
        assertEquals("checkpoint field layers[1].activation: must be one of CENTERED_SIGMOID, SIGMOID, TANH, LINEAR,"
                + " RELU, got \"SOFTPLUS\" (in " + file + ")", e.getMessage());
    }

    @Test
    void loadOfAFileWithASyntaxErrorNamesTheLineAndTheFile() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\n  \"format\": \"pamlearn-network\",\n  \"version\": 1,,\n}");

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoints.load(file));

        assertEquals("$", e.field());
        assertTrue(e.getMessage().startsWith("checkpoint field $: invalid JSON at line 3, column 16: "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(" (in " + file + ")"), e.getMessage());
    }

    @Test
    void loadOfInvalidUtf8IsAFormatError() throws IOException {
        Path file = dir.resolve("latin1.json");
        Files.write(file, "{\"format\": \"pamlearn-n\u00e9twork\"}".getBytes(StandardCharsets.ISO_8859_1));

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoints.load(file));

        assertEquals("$", e.field());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void writeAndReadUseTheCallersStreamsWithoutClosingThem() {
        Network original = CheckpointsRoundTripTest.randomNetwork(new SplittableRandom(5));
        CloseTrackingWriter out = new CloseTrackingWriter();

        Checkpoints.write(original, out);
        CloseTrackingReader in = new CloseTrackingReader(out.toString());
        Network loaded = Checkpoints.read(in);

        assertEquals(Checkpoints.toJson(original), out.toString());
        CheckpointsRoundTripTest.assertSameNetwork(original, loaded, "reader");
        assertFalse(out.closed, "write closed the writer");
        assertFalse(in.closed, "read closed the reader");
    }

    @Test
    void aFailingWriterGivesUncheckedIoException() {
        Network network = CheckpointsRoundTripTest.randomNetwork(new SplittableRandom(6));
        Writer disk = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Checkpoints.write(network, disk));

        assertEquals("cannot write checkpoint: IOException: disk full", e.getMessage());
    }

    @Test
    void aFailingReaderGivesUncheckedIoExceptionNotAFormatError() {
        Reader failing = new Reader() {
            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            public void close() {
            }
        };

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Checkpoints.read(failing));

        assertEquals("cannot read checkpoint: IOException: connection reset", e.getMessage());
    }

    @Test
    void nullArgumentsAreRejected() {
        Network network = CheckpointsRoundTripTest.randomNetwork(new SplittableRandom(7));

        assertEquals("network", assertThrows(NullPointerException.class, () -> Checkpoints.toJson(null)).getMessage());
        assertEquals("out", assertThrows(NullPointerException.class, () -> Checkpoints.write(network, null))
                .getMessage());
        assertEquals("file", assertThrows(NullPointerException.class, () -> Checkpoints.save(network, null))
                .getMessage());
        assertEquals("in", assertThrows(NullPointerException.class, () -> Checkpoints.read(null)).getMessage());
        assertEquals("file", assertThrows(NullPointerException.class, () -> Checkpoints.load(null)).getMessage());
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.collect(Collectors.toList());
        }
    }

    private static final class CloseTrackingWriter extends StringWriter {
        boolean closed;

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }

    private static final class CloseTrackingReader extends StringReader {
        boolean closed;

        CloseTrackingReader(String text) {
            super(text);
        }

        @Override
        public void close() {
            closed = true;
            super.close();
        }
    }
}
