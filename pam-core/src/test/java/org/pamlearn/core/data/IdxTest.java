// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The IDX reader on files the test writes byte by byte: round trips, raw and gzip, and every malformed case. */
class IdxTest {

    @TempDir
    Path dir;

    /** An IDX file: the magic number, the given int32 dimensions (big-endian), then the data bytes. */
    private static byte[] idx(int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        SplittableRandom random = new SplittableRandom(42);
        for (int k = 0; k < n; k++) {
            b[k] = (byte) random.nextInt(256);
        }
        return b;
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
    void imagesAndLabelsRoundTripRawAndGzip(int seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        int count = 1 + random.nextInt(20);
        int rows = 1 + random.nextInt(30);
        int columns = 1 + random.nextInt(30);
        int classes = 1 + random.nextInt(256);
        byte[] pixels = new byte[count * rows * columns];
        byte[] labels = new byte[count];
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = (byte) random.nextInt(256);
        }
        for (int k = 0; k < count; k++) {
            labels[k] = (byte) random.nextInt(classes);
        }
        byte[] images = idx(Idx.IMAGES_MAGIC, new int[] {count, rows, columns}, pixels);
        byte[] labelFile = idx(Idx.LABELS_MAGIC, new int[] {count}, labels);
        // Compression is recognised by content, not by name.
        for (Path[] files : new Path[][] {
            {write("images", images), write("labels", labelFile)},
            {write("images.gz", gzip(images)), write("labels.gz", gzip(labelFile))},
            {write("gz-named-raw.gz", images), write("raw-named-gz", gzip(labelFile))}}) {
            Idx.Images read = Idx.readImages(files[0]);
            assertEquals(Arrays.asList(count, rows, columns), Arrays.asList(read.count(), read.rows(),
                    read.columns()), files[0].toString());
            assertArrayEquals(pixels, read.pixels(), files[0].toString());
            Idx.Labels readLabels = Idx.readLabels(files[1], classes);
            for (int k = 0; k < count; k++) {
                assertEquals(labels[k] & 0xff, readLabels.label(k), files[1] + " label " + k);
            }
            double[] scaled = new double[rows * columns];
            int image = random.nextInt(count);
            read.scaled(image, scaled);
            for (int k = 0; k < scaled.length; k++) {
                assertEquals((pixels[image * rows * columns + k] & 0xff) / 255.0, scaled[k], 0.0, "pixel " + k);
                assertTrue(scaled[k] >= 0 && scaled[k] <= 1, "in [0, 1]");
            }
        }
    }

    private void assertRefused(Path file, boolean images, String reason) {
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> {
                    if (images) {
                        Idx.readImages(file);
                    } else {
                        Idx.readLabels(file, 10);
                    }
                });
        assertTrue(e.getMessage().startsWith(file + ": "), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line: " + e.getMessage());
    }

    @Test
    void malformedFilesAreOneLineNamingTheFileAndTheFault() throws IOException {
        byte[] twelve = new byte[12];
        assertRefused(write("labels-as-images", idx(Idx.LABELS_MAGIC, new int[] {12}, twelve)), true,
                "not an IDX image file: magic number 2049 (a label file), expected 2051");
        assertRefused(write("images-as-labels", idx(Idx.IMAGES_MAGIC, new int[] {1, 3, 4}, twelve)), false,
                "not an IDX label file: magic number 2051 (an image file), expected 2049");
        assertRefused(write("text", "hello world, this is text".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                true, "not an IDX image file: magic number 1751477356, expected 2051");
        assertRefused(write("short-header", Arrays.copyOf(idx(Idx.IMAGES_MAGIC, new int[] {1, 3, 4}, twelve), 10)),
                true, "truncated in the header, at the rows");
        assertRefused(write("empty", new byte[0]), true, "truncated in the header, at the magic number");
        assertRefused(write("short-data", Arrays.copyOf(idx(Idx.IMAGES_MAGIC, new int[] {1, 3, 4}, twelve), 26)),
                true, "truncated: 10 of 12 pixel bytes");
        assertRefused(write("trailing", idx(Idx.IMAGES_MAGIC, new int[] {1, 3, 4}, new byte[15])), true,
                "3 bytes after the last pixel byte (the header declares 12)");
        assertRefused(write("trailing-gz", gzip(idx(Idx.LABELS_MAGIC, new int[] {2}, new byte[2000]))), false,
                "more than 1024 bytes after the last label byte");
        assertRefused(write("zero-rows", idx(Idx.IMAGES_MAGIC, new int[] {1, 0, 4}, new byte[0])), true,
                "the rows must be at least 1, got 0");
        assertRefused(write("negative", idx(Idx.LABELS_MAGIC, new int[] {-5}, new byte[0])), false,
                "the label count must be at least 1, got -5");
        assertRefused(write("huge", idx(Idx.IMAGES_MAGIC, new int[] {60000, 10000, 10000}, new byte[0])), true,
                "60000 images of 10000 x 10000 are 6000000000000 bytes, more than the limit of 1073741824");
        assertRefused(write("bad-label", idx(Idx.LABELS_MAGIC, new int[] {5}, new byte[] {0, 9, 3, 10, 1})), false,
                "label 10 of sample 3 is out of 0..9");
        assertRefused(write("unsigned-label", idx(Idx.LABELS_MAGIC, new int[] {1}, new byte[] {(byte) 200})), false,
                "label 200 of sample 0 is out of 0..9");
        byte[] broken = gzip(idx(Idx.IMAGES_MAGIC, new int[] {1, 3, 4}, twelve));
        Arrays.fill(broken, 10, broken.length, (byte) 0x55);
        assertRefused(write("broken.gz", broken), true, "a broken gzip stream");
        byte[] whole = gzip(idx(Idx.IMAGES_MAGIC, new int[] {4, 30, 30}, randomBytes(3600)));
        assertRefused(write("cut.gz", Arrays.copyOf(whole, whole.length / 2)), true,
                "truncated: the gzip stream ends within the pixel bytes");
        // A header that declares 1 GiB and nothing after it: refused as truncated, without allocating 1 GiB.
        assertRefused(write("declares-1gib", idx(Idx.IMAGES_MAGIC, new int[] {16384, 256, 256}, new byte[0])), true,
                "truncated: 0 of 1073741824 pixel bytes");
        assertRefused(dir, true, "is a directory, not an IDX file");
        assertRefused(dir.resolve("missing"), false, "no such file");
    }

    @Test
    void theRecordsCheckTheirShape() {
        assertEquals("pixels.length must be 3920, got 3", assertThrows(IllegalArgumentException.class,
                () -> new Idx.Images(5, 28, 28, new byte[3])).getMessage());
        assertEquals("need count >= 1 labels, got count 2 and 1 labels", assertThrows(IllegalArgumentException.class,
                () -> new Idx.Labels(2, new byte[1])).getMessage());
    }

    @Test
    void theClassCountIsChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Idx.readLabels(dir.resolve("x"), 0));
        assertEquals("classes must be 1..256, got 0", e.getMessage());
    }
}
