// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A data set of IDX files in one directory, as MNIST and Fashion-MNIST ship them: {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each raw or
 * with {@code .gz} appended. Debian's package {@code dataset-fashion-mnist} installs Fashion-MNIST in
 * {@value #FASHION_MNIST_DIR}.
 *
 * @param train the training images and their labels
 * @param test the test images and their labels
 */
public record IdxDataSet(Split train, Split test) {

    /** Where Debian's {@code dataset-fashion-mnist} puts Fashion-MNIST. */
    public static final String FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";
    /** The classes of MNIST and Fashion-MNIST. */
    public static final int CLASSES = 10;

    /**
     * Images and their labels, as many of each.
     *
     * @param images the images
     * @param labels the labels
     */
    public record Split(Idx.Images images, Idx.Labels labels) {
        /**
         * Checks the counts.
         *
         * @throws IllegalArgumentException if the counts differ
         */
        public Split {
            Objects.requireNonNull(images, "images");
            Objects.requireNonNull(labels, "labels");
            if (images.count() != labels.count()) {
                throw new IllegalArgumentException(images.count() + " images but " + labels.count() + " labels");
            }
        }
    }

    /**
     * Reads the four files of a directory.
     *
     * @param dir the directory
     * @param classes the number of classes the labels must lie below ({@value #CLASSES} for MNIST)
     * @return the data set
     * @throws IdxFormatException if the directory or a file is missing (the message says what is missing and, for
     *     the default directory, which Debian package provides it), a file is malformed, a split's image and label
     *     counts differ, or the training and test images differ in size
     * @throws IOException if a file cannot be read
     */
    public static IdxDataSet load(Path dir, int classes) throws IOException {
        if (!Files.isDirectory(dir)) {
            String hint = dir.toAbsolutePath().normalize().equals(Path.of(FASHION_MNIST_DIR))
                    ? "; Fashion-MNIST is in Debian's package dataset-fashion-mnist (apt-get install"
                            + " dataset-fashion-mnist)"
                    : "";
            throw new IdxFormatException(dir, (Files.exists(dir) ? "not a directory" : "no such directory") + hint);
        }
        Split train = split(dir, "train", classes);
        Split test = split(dir, "t10k", classes);
        Idx.Images a = train.images();
        Idx.Images b = test.images();
        if (a.rows() != b.rows() || a.columns() != b.columns()) {
            throw new IdxFormatException(dir, "training images are " + a.rows() + " x " + a.columns()
                    + ", test images " + b.rows() + " x " + b.columns());
        }
        return new IdxDataSet(train, test);
    }

    private static Split split(Path dir, String prefix, int classes) throws IOException {
        Path imageFile = find(dir, prefix + "-images-idx3-ubyte");
        Path labelFile = find(dir, prefix + "-labels-idx1-ubyte");
        Idx.Images images = Idx.readImages(imageFile);
        Idx.Labels labels = Idx.readLabels(labelFile, classes);
        if (images.count() != labels.count()) {
            throw new IdxFormatException(dir, imageFile.getFileName() + " holds " + images.count() + " images but "
                    + labelFile.getFileName() + " " + labels.count() + " labels");
        }
        return new Split(images, labels);
    }

    /** The file with this name, raw or {@code .gz}; exactly one of them. */
    private static Path find(Path dir, String name) throws IdxFormatException {
        Path raw = dir.resolve(name);
        Path gz = dir.resolve(name + ".gz");
        boolean hasRaw = Files.exists(raw);
        boolean hasGz = Files.exists(gz);
        if (hasRaw && hasGz) {
            throw new IdxFormatException(dir, "both " + name + " and " + name + ".gz: keep one");
        }
        if (!hasRaw && !hasGz) {
            throw new IdxFormatException(dir, "no " + name + " (nor " + name + ".gz)");
        }
        return hasRaw ? raw : gz;
    }
}
