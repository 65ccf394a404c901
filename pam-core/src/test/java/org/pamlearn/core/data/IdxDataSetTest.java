// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory of the four IDX files: found raw or gzip, counts and sizes checked, missing files named. */
class IdxDataSetTest {

    @TempDir
    Path dir;

    private void write(String name, int magic, int[] dims, int dataBytes, boolean gz) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        for (int k = 0; k < dataBytes; k++) {
            out.write(k % 10);
        }
        out.flush();
        try (OutputStream file = gz ? new GZIPOutputStream(Files.newOutputStream(dir.resolve(name + ".gz")))
                : Files.newOutputStream(dir.resolve(name))) {
            file.write(bytes.toByteArray());
        }
    }

    private void writeSet(int trainCount, int testCount, int testRows) throws IOException {
        write("train-images-idx3-ubyte", Idx.IMAGES_MAGIC, new int[] {trainCount, 4, 3}, trainCount * 12, true);
        write("train-labels-idx1-ubyte", Idx.LABELS_MAGIC, new int[] {trainCount}, trainCount, true);
        write("t10k-images-idx3-ubyte", Idx.IMAGES_MAGIC, new int[] {testCount, testRows, 3}, testCount * testRows
                * 3, false);
        write("t10k-labels-idx1-ubyte", Idx.LABELS_MAGIC, new int[] {testCount}, testCount, false);
    }

    @Test
    void theFourFilesAreReadRawOrGzip() throws IOException {
        writeSet(20, 7, 4);
        IdxDataSet set = IdxDataSet.load(dir, IdxDataSet.CLASSES);
        assertEquals(20, set.train().images().count());
        assertEquals(7, set.test().labels().count());
        assertEquals(6, set.train().labels().label(6), "labels k % 10");
    }

    private void assertRefused(Path where, String reason) {
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxDataSet.load(where, 10));
        assertTrue(e.getMessage().startsWith(where + ": ") && e.getMessage().contains(reason), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void missingOrInconsistentFilesAreOneLineNamingWhat() throws IOException {
        assertRefused(dir.resolve("nowhere"), "no such directory");
        writeSet(20, 7, 4);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
        assertRefused(dir, "no t10k-labels-idx1-ubyte (nor t10k-labels-idx1-ubyte.gz)");
        write("t10k-labels-idx1-ubyte", Idx.LABELS_MAGIC, new int[] {6}, 6, false);
        assertRefused(dir, "t10k-images-idx3-ubyte holds 7 images but t10k-labels-idx1-ubyte 6 labels");
        write("t10k-labels-idx1-ubyte", Idx.LABELS_MAGIC, new int[] {7}, 7, true);
        assertRefused(dir, "both t10k-labels-idx1-ubyte and t10k-labels-idx1-ubyte.gz: keep one");
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        writeSet(20, 7, 5);
        assertRefused(dir, "training images are 4 x 3, test images 5 x 3");
    }

    @Test
    void theDefaultDirectoryNamesDebiansPackageWhenItIsMissing() throws IOException {
        Path fashion = Path.of(IdxDataSet.FASHION_MNIST_DIR);
        // Installed here: the message cannot be seen (and reading the real data is not a test's business).
        Assumptions.assumeFalse(Files.isDirectory(fashion), "Fashion-MNIST is installed on this machine");
        assertRefused(fashion, "no such directory; Fashion-MNIST is in Debian's package dataset-fashion-mnist"
                + " (apt-get install dataset-fashion-mnist)");
    }
}
