// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A strict reader of the IDX files of MNIST and Fashion-MNIST (docs/ALGORITHMS.md &sect;6): a big-endian int32 magic
 * number, 2051 for images (then the image count, rows and columns) or 2049 for labels (then the label count), each
 * followed by unsigned bytes. A file may be raw or gzip-compressed (recognised by its first two bytes, whatever its
 * name). Everything is checked before it is used: the magic number, the dimensions (at least 1, at most
 * {@value #MAX_BYTES} bytes of data in all), truncation, bytes after the data, and each label's range. A failure is an
 * {@link IdxFormatException} whose message is one line naming the file.
 */
public final class Idx {

    /** The magic number of an image file ({@code idx3-ubyte}: unsigned bytes, 3 dimensions). */
    public static final int IMAGES_MAGIC = 2051;
    /** The magic number of a label file ({@code idx1-ubyte}: unsigned bytes, 1 dimension). */
    public static final int LABELS_MAGIC = 2049;
    /** The most data bytes a file may declare: 1 GiB (Fashion-MNIST's training images are 47 MB). */
    public static final long MAX_BYTES = 1L << 30;
    /** Bytes after the data are counted up to this many, then the message says "more than". */
    private static final int TRAILING_COUNTED = 1024;

    private Idx() {
    }

    /**
     * Images: {@code count} images of {@code rows x columns} unsigned bytes, row by row.
     *
     * @param count the number of images
     * @param rows the rows of an image
     * @param columns the columns of an image
     * @param pixels {@code count * rows * columns} bytes, image after image (do not modify)
     */
    public record Images(int count, int rows, int columns, byte[] pixels) {

        /**
         * Checks the shape.
         *
         * @throws IllegalArgumentException if a dimension is below 1 or {@code pixels} has another length
         */
        public Images {
            if (count < 1 || rows < 1 || columns < 1) {
                throw new IllegalArgumentException("count, rows and columns must be >= 1, got " + count + ", " + rows
                        + ", " + columns);
            }
            if (pixels.length != (long) count * rows * columns) {
                throw new IllegalArgumentException("pixels.length must be " + (long) count * rows * columns + ", got "
                        + pixels.length);
            }
        }

        /**
         * Returns the pixels of one image in {@code [0, 1]} ({@code byte / 255}).
         *
         * @param image the image, {@code 0..count-1}
         * @param out receives {@code rows * columns} values
         * @throws IndexOutOfBoundsException if {@code image} is out of range
         * @throws IllegalArgumentException if {@code out} has the wrong length
         */
        public void scaled(int image, double[] out) {
            int size = rows * columns;
            if (out.length != size) {
                throw new IllegalArgumentException("out.length must be " + size + ", got " + out.length);
            }
            scaled(image, out, 0);
        }

        /**
         * Writes the pixels of one image in {@code [0, 1]} into {@code out[offset..offset + rows * columns)}, for
         * example one row of a batch.
         *
         * @param image the image, {@code 0..count-1}
         * @param out receives the values
         * @param offset where the first goes
         * @throws IndexOutOfBoundsException if {@code image} is out of range or the values do not fit in {@code out}
         */
        public void scaled(int image, double[] out, int offset) {
            Objects.checkIndex(image, count);
            int size = rows * columns;
            Objects.checkFromIndexSize(offset, size, out.length);
            int from = image * size;
            for (int k = 0; k < size; k++) {
                out[offset + k] = (pixels[from + k] & 0xff) / 255.0;
            }
        }
    }

    /**
     * Labels: one unsigned byte per sample.
     *
     * @param count the number of labels
     * @param labels the labels (do not modify); {@link Idx#readLabels} checks them against a class count
     */
    public record Labels(int count, byte[] labels) {

        /**
         * Checks the length.
         *
         * @throws IllegalArgumentException if {@code count < 1} or {@code labels} has another length
         */
        public Labels {
            if (count < 1 || labels.length != count) {
                throw new IllegalArgumentException("need count >= 1 labels, got count " + count + " and "
                        + labels.length + " labels");
            }
        }

        /**
         * Returns one label.
         *
         * @param sample the sample, {@code 0..count-1}
         * @return its label
         */
        public int label(int sample) {
            return labels[Objects.checkIndex(sample, count)] & 0xff;
        }
    }

    /**
     * Reads an image file.
     *
     * @param file the file, raw or gzip
     * @return the images
     * @throws IdxFormatException if the file is not a well-formed image file
     * @throws IOException if it cannot be read
     */
    public static Images readImages(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            requireMagic(file, in, IMAGES_MAGIC, "image", LABELS_MAGIC, "a label file");
            int count = dimension(file, in, "image count");
            int rows = dimension(file, in, "rows");
            int columns = dimension(file, in, "columns");
            long size = (long) count * rows * columns;
            if (size > MAX_BYTES) {
                throw new IdxFormatException(file, count + " images of " + rows + " x " + columns + " are " + size
                        + " bytes, more than the limit of " + MAX_BYTES);
            }
            return new Images(count, rows, columns, data(file, in, (int) size, "pixel"));
        }
    }

    /**
     * Reads a label file.
     *
     * @param file the file, raw or gzip
     * @param classes the number of classes: every label must lie in {@code 0..classes-1}; 1 to 256
     * @return the labels
     * @throws IdxFormatException if the file is not a well-formed label file or a label is out of range
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException if {@code classes} is out of range
     */
    public static Labels readLabels(Path file, int classes) throws IOException {
        if (classes < 1 || classes > 256) {
            throw new IllegalArgumentException("classes must be 1..256, got " + classes);
        }
        try (DataInputStream in = open(file)) {
            requireMagic(file, in, LABELS_MAGIC, "label", IMAGES_MAGIC, "an image file");
            int count = dimension(file, in, "label count");
            if (count > MAX_BYTES) {
                throw new IdxFormatException(file, count + " labels are more than the limit of " + MAX_BYTES);
            }
            byte[] labels = data(file, in, count, "label");
            for (int k = 0; k < count; k++) {
                int label = labels[k] & 0xff;
                if (label >= classes) {
                    throw new IdxFormatException(file, "label " + label + " of sample " + k + " is out of 0.."
                            + (classes - 1));
                }
            }
            return new Labels(count, labels);
        }
    }

    /** Opens a file, through a gzip stream when it starts with gzip's magic bytes. */
    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IdxFormatException(file, Files.isDirectory(file) ? "is a directory, not an IDX file"
                    : Files.exists(file) ? "not a regular file" : "no such file");
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                raw = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
            } catch (ZipException | EOFException e) {
                raw.close();
                throw new IdxFormatException(file, "a broken gzip stream (" + String.valueOf(e.getMessage()) + ")");
            }
        }
        return new DataInputStream(raw);
    }

    private static void requireMagic(Path file, DataInputStream in, int expected, String kind, int other,
            String otherName) throws IOException {
        int magic = readInt(file, in, "magic number");
        if (magic != expected) {
            throw new IdxFormatException(file, "not an IDX " + kind + " file: magic number " + magic
                    + (magic == other ? " (" + otherName + ")" : "") + ", expected " + expected);
        }
    }

    private static int dimension(Path file, DataInputStream in, String name) throws IOException {
        int value = readInt(file, in, name);
        if (value < 1) {
            throw new IdxFormatException(file, "the " + name + " must be at least 1, got " + value);
        }
        return value;
    }

    private static int readInt(Path file, DataInputStream in, String name) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new IdxFormatException(file, "truncated in the header, at the " + name);
        } catch (ZipException e) {
            throw new IdxFormatException(file, "a broken gzip stream (" + String.valueOf(e.getMessage()) + ")");
        }
    }

    /** Reads exactly {@code size} data bytes and checks that nothing follows them. */
    private static byte[] data(Path file, DataInputStream in, int size, String what) throws IOException {
        byte[] data;
        try {
            // readNBytes(int) grows its buffer as the bytes arrive: a short file declaring 1 GiB allocates little.
            data = in.readNBytes(size);
            if (data.length < size) {
                throw new IdxFormatException(file, "truncated: " + data.length + " of " + size + " " + what
                        + " bytes");
            }
            int extra = 0;
            while (extra <= TRAILING_COUNTED && in.read() >= 0) {
                extra++;
            }
            if (extra > 0) {
                throw new IdxFormatException(file, (extra > TRAILING_COUNTED ? "more than " + TRAILING_COUNTED
                        : Integer.toString(extra)) + " bytes after the last " + what + " byte (the header declares "
                        + size + ")");
            }
        } catch (EOFException e) {
            // A raw file's end is a short read; this is a gzip stream that ends before its data does.
            throw new IdxFormatException(file, "truncated: the gzip stream ends within the " + what + " bytes");
        } catch (ZipException e) {
            throw new IdxFormatException(file, "a broken gzip stream (" + String.valueOf(e.getMessage()) + ")");
        }
        return data;
    }
}
