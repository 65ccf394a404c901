// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.sim;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.pamlearn.core.internal.BoundedReading;
import org.pamlearn.core.internal.Checks;
import org.pamlearn.core.internal.Texts;

/** Factories for {@link Track}s: the built-in loop, a PNG image, a darkness array. */
public final class Tracks {

    /** The built-in track's area width, world units (one pixel per unit). */
    public static final int BUILTIN_WIDTH = 400;

    /** The built-in track's area height, world units. */
    public static final int BUILTIN_HEIGHT = 300;

    /** The built-in line's width, world units. */
    public static final double BUILTIN_LINE_WIDTH = 6.0;

    /** The largest raster accepted from an image or array, in pixels (memory: about 40 bytes per pixel). */
    public static final int MAX_PIXELS = 4_000_000;

    /**
     * The largest image file accepted, in bytes: 64 MiB, well above any PNG of {@link #MAX_PIXELS} pixels (16-bit
     * RGBA without compression takes 32 MB).
     */
    public static final long MAX_BYTES = 64L << 20;

    /** Spacing of the centre-curve samples that draw the built-in line, world units. */
    private static final double PATH_STEP = 0.25;

    private Tracks() {
    }

    /**
     * The built-in track: a closed counter-clockwise loop of about 1016 world units in a 400 x 300 area, a line
     * {@value #BUILTIN_LINE_WIDTH} units wide, drawn at one pixel per unit. It is a rounded rectangle (centre
     * curve inside x in [40, 360], y in [40, 260]) with left bends of radius 45, 60, 35 and 80 at its corners, an
     * inward bump of radius 25 (60 degree arcs: left, right, left) on the bottom straight and an outward bump of
     * radius 40 (45 degree arcs: right, left, right) on the top straight, so it has left and right bends of six
     * curvatures; its longest straight is 125 units. The start pose is (85, 40) heading +x (0 rad), at the
     * beginning of the bottom straight. {@link Track#distanceToLine} measures to the exact centre curve.
     *
     * @return the track; a new instance each call (built in a few milliseconds)
     */
    public static Track builtin() {
        Path2 path = new Path2(85, 40, 0);
        path.straight(40);
        path.bump(25, Math.PI / 3, true);
        path.straight(215 - 40 - 4 * 25 * Math.sin(Math.PI / 3));
        path.arc(60, Math.PI / 2);
        path.straight(125);
        path.arc(35, Math.PI / 2);
        path.straight(45);
        path.bump(40, Math.PI / 4, false);
        path.straight(205 - 45 - 4 * 40 * Math.sin(Math.PI / 4));
        path.arc(80, Math.PI / 2);
        path.straight(95);
        path.arc(45, Math.PI / 2);
        return draw(path);
    }

    /**
     * The sharp track, the harder setting of {@code pamlearn compare}: the same area, line and start pose as
     * {@link #builtin()}, but a rounded rectangle on x in [40, 360], y in [40, 260] (its bumps aside) with corners
     * of radius 15, 20, 12 and 25 and four bumps of 60 degree arcs: radius 12 inwards and radius 12 outwards (to
     * y = 28) on the bottom straight, radius 15 inwards on the right straight and radius 10 outwards (to y = 270)
     * on the top straight. Its bends are two to six times sharper than the built-in track's: a reflex that reacts
     * only when the line reaches its sensors errs more at each, and there are eight of them in a lap of about 1085
     * units.
     *
     * @return the track; a new instance each call
     */
    public static Track sharp() {
        final double bump = 4 * Math.sin(Math.PI / 3);
        Path2 path = new Path2(85, 40, 0);
        path.straight(20);
        path.bump(12, Math.PI / 3, true);
        path.straight(60);
        path.bump(12, Math.PI / 3, false);
        path.straight(275 - 15 - 20 - 60 - 2 * 12 * bump);
        path.arc(15, Math.PI / 2);
        path.straight(70);
        path.bump(15, Math.PI / 3, true);
        path.straight(220 - 15 - 20 - 70 - 15 * bump);
        path.arc(20, Math.PI / 2);
        path.straight(120);
        path.bump(10, Math.PI / 3, false);
        path.straight(320 - 20 - 12 - 120 - 10 * bump);
        path.arc(12, Math.PI / 2);
        path.straight(220 - 12 - 25);
        path.arc(25, Math.PI / 2);
        path.straight(45 - 25);
        return draw(path);
    }

    /** Draws a path as a {@value #BUILTIN_LINE_WIDTH}-unit line in the built-in area; starts at (85, 40), +x. */
    private static Track draw(Path2 path) {
        final int w = BUILTIN_WIDTH;
        final int h = BUILTIN_HEIGHT;
        final double[] darkness = new double[w * h];
        final double[] siteX = nanArray(w * h);
        final double[] siteY = nanArray(w * h);
        final double half = 0.5 * BUILTIN_LINE_WIDTH;
        final int reach = (int) Math.ceil(half) + 1;
        for (int n = 0; n < path.size; n++) {
            final double px = path.xs[n];
            final double py = path.ys[n];
            final int cx = (int) Math.floor(px);
            final int cy = (int) Math.floor(py);
            siteX[cy * w + cx] = px;
            siteY[cy * w + cx] = py;
            for (int iy = cy - reach; iy <= cy + reach; iy++) {
                for (int ix = cx - reach; ix <= cx + reach; ix++) {
                    final double dx = ix + 0.5 - px;
                    final double dy = iy + 0.5 - py;
                    if (dx * dx + dy * dy <= half * half) {
                        darkness[iy * w + ix] = 1.0;
                    }
                }
            }
        }
        return new Track(new Field(w, h, 1.0, darkness), siteX, siteY, new Pose(85, 40, 0));
    }

    /**
     * A track from an image: darkness {@code 1 - luminance} (Rec. 601 weights, transparent pixels composited
     * over white), so a dark line on a light floor. The image's width spans {@code worldWidth} units; its top
     * row is the area's top edge. Every pixel with darkness {@code >= 0.5} is a line site. The start pose is the
     * line point nearest the middle of the bottom edge, heading along the line as close to +x as possible
     * (counter-clockwise around a loop drawn around the image centre).
     *
     * @param file a PNG (any format {@link ImageIO} reads works)
     * @param worldWidth the area's width in world units, finite and {@code > 0} (the built-in track is 400)
     * @return the track
     * @throws IllegalArgumentException if {@code worldWidth} is not finite and positive, the file is not an
     *     image ImageIO can read (or a corrupt one), it has more than {@value #MAX_PIXELS} pixels (checked from its
     *     header, before it is decoded), or no pixel is dark
     * @throws UncheckedIOException if the file does not exist ({@link NoSuchFileException} as the cause), is not
     *     a regular file (a directory, a device, a FIFO: {@link FileSystemException} as the cause), is larger than
     *     {@link #MAX_BYTES} or cannot be read
     * @throws NullPointerException if {@code file} is null
     */
    public static Track fromPng(Path file, double worldWidth) {
        Objects.requireNonNull(file, "file");
        Checks.requirePositive("worldWidth", worldWidth);
        final BufferedImage image = readImage(file);
        final int w = image.getWidth();
        final int h = image.getHeight();
        final double[] darkness = new double[w * h];
        for (int row = 0; row < h; row++) {
            final int iy = h - 1 - row;
            for (int ix = 0; ix < w; ix++) {
                final int argb = image.getRGB(ix, row);
                final double alpha = ((argb >>> 24) & 0xff) / 255.0;
                final double luminance = (0.299 * ((argb >> 16) & 0xff) + 0.587 * ((argb >> 8) & 0xff)
                        + 0.114 * (argb & 0xff)) / 255.0;
                darkness[iy * w + ix] = Math.max(0.0, Math.min(1.0, alpha * (1.0 - luminance)));
            }
        }
        return fromPixels(darkness, w, h, worldWidth / w, "track image " + file);
    }

    /**
     * A track from a darkness raster (for synthetic tracks and tests). Every pixel with darkness {@code >= 0.5}
     * is a line site; the start pose is chosen as for {@link #fromPng}.
     *
     * @param darkness {@code [iy * width + ix]}, row 0 at the bottom, values in [0, 1]. Not modified (copied).
     * @param width pixels along x, {@code >= 1}
     * @param height pixels along y, {@code >= 1}
     * @param pixelSize world units per pixel, finite and {@code > 0}
     * @return the track
     * @throws IllegalArgumentException if a size is not positive, the raster is larger than {@value #MAX_PIXELS}
     *     pixels, {@code darkness.length != width * height}, a value is outside [0, 1] or NaN, {@code pixelSize}
     *     is not finite and positive, or no pixel is dark
     */
    public static Track fromDarkness(double[] darkness, int width, int height, double pixelSize) {
        Objects.requireNonNull(darkness, "darkness");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("width and height must be >= 1, got " + width + " x " + height);
        }
        checkSize(width, height, "darkness raster");
        if (darkness.length != (long) width * height) {
            throw new IllegalArgumentException("darkness.length must be " + width + " * " + height + " = "
                    + (long) width * height + ", got " + darkness.length);
        }
        Checks.requirePositive("pixelSize", pixelSize);
        for (int p = 0; p < darkness.length; p++) {
            if (!(darkness[p] >= 0 && darkness[p] <= 1)) {
                throw new IllegalArgumentException("darkness values must be in [0, 1], got " + darkness[p]
                        + " at index " + p);
            }
        }
        return fromPixels(darkness.clone(), width, height, pixelSize, "darkness raster");
    }

    /** Reads an image file, refusing what is no regular file, too large a file and too many pixels first. */
    private static BufferedImage readImage(Path file) {
        final String what = "track image " + file;
        if (!Files.exists(file)) {
            throw new UncheckedIOException("track image does not exist: " + file,
                    new NoSuchFileException(file.toString()));
        }
        try {
            if (!Files.isRegularFile(file)) {
                // ImageIO would say "Can't create an ImageInputStream!" of a directory and read a device forever.
                throw new FileSystemException(file.toString(), null,
                        Files.isDirectory(file) ? "is a directory" : "not a regular file");
            }
            if (!Files.isReadable(file)) {
                // ImageIO would take an unreadable file for one that is not an image.
                throw new AccessDeniedException(file.toString(), null, "permission denied");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new BoundedReading.TooLargeException(MAX_BYTES);
            }
        } catch (IOException e) {
            String reason = e instanceof FileSystemException && ((FileSystemException) e).getReason() != null
                    ? ((FileSystemException) e).getReason() : e.getMessage();
            throw new UncheckedIOException("cannot read " + what + ": " + reason, e);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IllegalArgumentException(what + " is not an image ImageIO can read (PNG expected)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                // The header gives the size: an absurd one is refused before the pixels are decoded.
                checkSize(reader.getWidth(0), reader.getHeight(0), what);
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IIOException e) {
            throw new IllegalArgumentException(what + " is a corrupt image: " + Texts.prefix(
                    String.valueOf(e.getMessage())), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    private static void checkSize(int w, int h, String what) {
        if ((long) w * h > MAX_PIXELS) {
            throw new IllegalArgumentException(what + " has " + w + " x " + h + " pixels, more than the "
                    + MAX_PIXELS + " allowed; scale it down");
        }
    }

    private static Track fromPixels(double[] darkness, int w, int h, double pixelSize, String what) {
        final double[] siteX = nanArray(w * h);
        final double[] siteY = nanArray(w * h);
        boolean any = false;
        for (int iy = 0; iy < h; iy++) {
            for (int ix = 0; ix < w; ix++) {
                final int p = iy * w + ix;
                if (darkness[p] >= Track.DARK) {
                    siteX[p] = (ix + 0.5) * pixelSize;
                    siteY[p] = (iy + 0.5) * pixelSize;
                    any = true;
                }
            }
        }
        if (!any) {
            throw new IllegalArgumentException(what + " has no dark pixel (darkness >= " + Track.DARK
                    + "): the line must be dark on a light floor");
        }
        return new Track(new Field(w, h, pixelSize, darkness), siteX, siteY, null);
    }

    private static double[] nanArray(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    /** A turtle that samples a centre curve of straights and arcs every {@link #PATH_STEP} units. */
    private static final class Path2 {
        private double x;
        private double y;
        private double heading;
        private double[] xs = new double[1024];
        private double[] ys = new double[1024];
        private int size;

        Path2(double x, double y, double heading) {
            this.x = x;
            this.y = y;
            this.heading = heading;
            add();
        }

        private void add() {
            if (size == xs.length) {
                xs = Arrays.copyOf(xs, 2 * size);
                ys = Arrays.copyOf(ys, 2 * size);
            }
            xs[size] = x;
            ys[size] = y;
            size++;
        }

        void straight(double length) {
            final int n = (int) Math.ceil(length / PATH_STEP);
            final double x0 = x;
            final double y0 = y;
            for (int k = 1; k <= n; k++) {
                x = x0 + length * k / n * Math.cos(heading);
                y = y0 + length * k / n * Math.sin(heading);
                add();
            }
        }

        /** An arc turning by {@code angle} (> 0 left, < 0 right) on a circle of the given radius. */
        void arc(double radius, double angle) {
            final double side = Math.signum(angle);
            final double cx = x - side * radius * Math.sin(heading);
            final double cy = y + side * radius * Math.cos(heading);
            final double h0 = heading;
            final int n = (int) Math.ceil(Math.abs(angle) * radius / PATH_STEP);
            for (int k = 1; k <= n; k++) {
                heading = h0 + angle * k / n;
                x = cx + side * radius * Math.sin(heading);
                y = cy - side * radius * Math.cos(heading);
                add();
            }
        }

        /** A symmetric bump: arcs of {@code angle}, {@code -2 angle}, {@code angle}; inward = left first. */
        void bump(double radius, double angle, boolean leftFirst) {
            final double a = leftFirst ? angle : -angle;
            arc(radius, a);
            arc(radius, -2 * a);
            arc(radius, a);
        }
    }
}
