// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pamlearn.robot.sim.SimFixtures.assertMessage;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The built-in track, the distance transform, the PNG loader and the factories' preconditions. */
class TrackTest {

    static LongStream seeds() {
        return LongStream.range(0, 50);
    }

    @Test
    void builtinGeometry() {
        Track t = Tracks.builtin();
        assertEquals(400, t.pixelWidth());
        assertEquals(300, t.pixelHeight());
        assertEquals(1.0, t.pixelSize(), 0.0);
        assertEquals(400.0, t.width(), 0.0);
        assertEquals(300.0, t.height(), 0.0);
        assertEquals(new Pose(85, 40, 0), t.startPose());
        assertEquals(0.0, t.distanceToLine(85, 40), 0.3, "the start is on the centre curve");
        // Straights: bottom y = 40 for x in [212, 300], right x = 360, left x = 40 (see Tracks.builtin()).
        assertEquals(1.0, t.darkness(250, 40), 0.0);
        assertEquals(1.0, t.darkness(360.5, 160.5), 0.0);
        assertEquals(1.0, t.darkness(40.5, 130.5), 0.0);
        assertEquals(0.0, t.darkness(200, 150), 0.0, "the middle is white");
        assertEquals(10.0, t.distanceToLine(250, 50), 0.3);
        assertEquals(10.0, t.distanceToLine(370, 160), 0.3);
        assertEquals(5.0, t.distanceToLine(35, 130), 0.3);
        assertEquals(60.0, t.distanceToLine(300, 100), 0.3, "the centre of the radius-60 corner");
        assertEquals(3.0, t.distanceToLine(250, 43.0), 0.3, "the line's edge is 3 units from its centre");
        assertEquals(0.0, t.darkness(250, 44.0), 0.0, "past the 6-unit line");
        assertEquals(400 * 300, t.darknessPixels().length);
    }

    @Test
    void sharpGeometry() {
        // The distance transform works on one-unit pixels: distances to the centre curve are good to < 1 unit.
        Track t = Tracks.sharp();
        assertEquals(400.0, t.width(), 0.0);
        assertEquals(300.0, t.height(), 0.0);
        assertEquals(new Pose(85, 40, 0), t.startPose());
        assertEquals(0.0, t.distanceToLine(85, 40), 1.0, "the start is on the centre curve");
        assertEquals(0.0, t.distanceToLine(75, 40), 1.0, "the loop closes: the last straight ends at the start");
        // Straights (see Tracks.sharp()): bottom y = 40 at x = 300, right x = 360 at y = 100, top y = 260 at
        // x = 250, left x = 40 at y = 150.
        assertEquals(0.0, t.distanceToLine(300, 40), 1.0);
        assertEquals(0.0, t.distanceToLine(360, 100), 1.0);
        assertEquals(0.0, t.distanceToLine(250, 260), 1.0);
        assertEquals(0.0, t.distanceToLine(40, 150), 1.0);
        // Corner centres: their distance to the line is the radius.
        assertEquals(15.0, t.distanceToLine(345, 55), 1.0, "bottom-right corner, radius 15");
        assertEquals(20.0, t.distanceToLine(340, 240), 1.0, "top-right corner, radius 20");
        assertEquals(12.0, t.distanceToLine(52, 248), 1.0, "top-left corner, radius 12");
        assertEquals(25.0, t.distanceToLine(65, 65), 1.0, "bottom-left corner, radius 25");
        // The first bump (inwards, radius 12, 60 degree arcs) starts at x = 105 and peaks 2 * 12 * (1 - cos 60)
        // = 12 units inside the bottom straight.
        assertEquals(0.0, t.distanceToLine(105 + 2 * 12 * Math.sin(Math.PI / 3), 52), 1.0, "the bump's peak");
        assertEquals(0.0, t.darkness(200, 150), 0.0, "the middle is white");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void distanceTransformIsExactAtPixelCentres(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int w = 5 + random.nextInt(40);
        int h = 5 + random.nextInt(40);
        double s = random.nextDouble(0.5, 3.0);
        double[] d = new double[w * h];
        int sites = 1 + random.nextInt(6);
        for (int n = 0; n < sites; n++) {
            d[random.nextInt(w * h)] = 1.0;
        }
        Track t = Tracks.fromDarkness(d, w, h, s);
        for (int iy = 0; iy < h; iy++) {
            for (int ix = 0; ix < w; ix++) {
                double x = (ix + 0.5) * s;
                double y = (iy + 0.5) * s;
                assertEquals(bruteForce(d, w, h, s, x, y), t.distanceToLine(x, y), 1e-9,
                        "seed " + seed + " pixel " + ix + ", " + iy);
            }
        }
        for (int n = 0; n < 200; n++) {
            double x = random.nextDouble(0, w * s);
            double y = random.nextDouble(0, h * s);
            double exact = bruteForce(d, w, h, s, x, y);
            double fast = t.distanceToLine(x, y);
            // The nearest site of the pixel's centre is within a pixel diagonal of optimal for any point in it.
            assertTrue(fast >= exact - 1e-9 && fast <= exact + Math.sqrt(2) * s, "seed " + seed + " point " + x
                    + ", " + y + ": " + fast + " vs " + exact);
        }
    }

    private static double bruteForce(double[] d, int w, int h, double s, double x, double y) {
        double best = Double.POSITIVE_INFINITY;
        for (int p = 0; p < d.length; p++) {
            if (d[p] >= 0.5) {
                best = Math.min(best, Math.hypot(x - (p % w + 0.5) * s, y - (p / w + 0.5) * s));
            }
        }
        return best;
    }

    @Test
    void pngLoadsDarkAsLineWithTheTopRowAtTheTop(@TempDir Path dir) throws IOException {
        // 120 x 80 white, black image rows 38..41 (world y 76..84 at 2 units per pixel), one mid-grey pixel.
        BufferedImage image = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < 80; row++) {
            for (int col = 0; col < 120; col++) {
                image.setRGB(col, row, row >= 38 && row <= 41 ? 0x000000 : 0xffffff);
            }
        }
        image.setRGB(5, 0, 0x808080);
        Path file = dir.resolve("line.png");
        ImageIO.write(image, "png", file.toFile());
        Track t = Tracks.fromPng(file, 240);
        assertEquals(120, t.pixelWidth());
        assertEquals(80, t.pixelHeight());
        assertEquals(2.0, t.pixelSize(), 0.0);
        assertEquals(160.0, t.height(), 0.0);
        assertEquals(1.0, t.darkness(101, 81), 0.0, "the band");
        assertEquals(0.0, t.darkness(101, 71), 0.0, "below it");
        assertEquals(1 - 128 / 255.0, t.darkness(11, 159), 1e-12, "image row 0 is the top: grey 0x80");
        assertEquals(0.0, t.distanceToLine(101, 81), 0.0);
        assertEquals(20.0, t.distanceToLine(101, 57), 1e-9, "to the nearest dark pixel centre, y = 77");
        Pose start = t.startPose();
        assertEquals(0.0, start.heading(), 1e-9, "along the band, towards +x");
        assertEquals(80.0, start.y(), 1.0, "in the band's middle");
        assertEquals(120.0, start.x(), 4.0, "near the middle of the width");
        LineFollowerSim sim = LineFollowerSim.builder().track(t).build();
        assertTrue(sim.onLine());
    }

    @Test
    void pngErrorsAreClear(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.png");
        UncheckedIOException e = assertMessage(UncheckedIOException.class, "track image does not exist: "
                + missing, () -> Tracks.fromPng(missing, 400));
        assertInstanceOf(NoSuchFileException.class, e.getCause());
        Path text = dir.resolve("text.png");
        Files.writeString(text, "not an image");
        assertMessage(IllegalArgumentException.class, "is not an image ImageIO can read",
                () -> Tracks.fromPng(text, 400));
        BufferedImage white = new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < 10; row++) {
            for (int col = 0; col < 20; col++) {
                white.setRGB(col, row, 0xeeeeee);
            }
        }
        Path blank = dir.resolve("blank.png");
        ImageIO.write(white, "png", blank.toFile());
        assertMessage(IllegalArgumentException.class, "has no dark pixel", () -> Tracks.fromPng(blank, 400));
        assertMessage(IllegalArgumentException.class, "worldWidth must be finite and > 0, got NaN",
                () -> Tracks.fromPng(blank, Double.NaN));
        assertMessage(IllegalArgumentException.class, "worldWidth must be finite and > 0, got 0.0",
                () -> Tracks.fromPng(blank, 0));
        assertMessage(IllegalArgumentException.class, "got Infinity",
                () -> Tracks.fromPng(blank, Double.POSITIVE_INFINITY));
        assertThrows(NullPointerException.class, () -> Tracks.fromPng(null, 400));
    }

    @Test
    void aDirectoryOrADeviceIsNoImageFile(@TempDir Path dir) {
        UncheckedIOException e = assertMessage(UncheckedIOException.class, "cannot read track image " + dir
                + ": is a directory", () -> Tracks.fromPng(dir, 400));
        assertEquals("is a directory", assertInstanceOf(FileSystemException.class, e.getCause()).getReason());
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            e = assertMessage(UncheckedIOException.class, "cannot read track image /dev/zero: not a regular file",
                    () -> Tracks.fromPng(zero, 400));
            assertEquals("not a regular file", assertInstanceOf(FileSystemException.class, e.getCause()).getReason());
        }
    }

    @Test
    void anAbsurdSizeInTheHeaderIsRefusedBeforeDecoding(@TempDir Path dir) throws IOException {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        Path file = dir.resolve("huge.png");
        ImageIO.write(image, "png", file.toFile());
        byte[] png = Files.readAllBytes(file);
        // The IHDR chunk follows the 8-byte signature: length (4), "IHDR" (4), width (4), height (4), ..., CRC.
        ByteBuffer header = ByteBuffer.wrap(png);
        header.putInt(16, 100_000).putInt(20, 100_000);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        header.putInt(29, (int) crc.getValue());
        Files.write(file, png);
        assertMessage(IllegalArgumentException.class, "track image " + file + " has 100000 x 100000 pixels, more"
                + " than the 4000000 allowed", () -> Tracks.fromPng(file, 400));
    }

    @Test
    void darknessArrayPreconditions() {
        double[] ok = {0, 1, 0, 0};
        assertMessage(IllegalArgumentException.class, "darkness.length must be 3 * 2 = 6, got 4",
                () -> Tracks.fromDarkness(ok, 3, 2, 1.0));
        assertMessage(IllegalArgumentException.class, "width and height must be >= 1, got 0 x 4",
                () -> Tracks.fromDarkness(ok, 0, 4, 1.0));
        assertMessage(IllegalArgumentException.class, "pixelSize must be finite and > 0, got -1.0",
                () -> Tracks.fromDarkness(ok, 2, 2, -1.0));
        assertMessage(IllegalArgumentException.class, "darkness values must be in [0, 1], got NaN at index 2",
                () -> Tracks.fromDarkness(new double[] {0, 1, Double.NaN, 0}, 2, 2, 1.0));
        assertMessage(IllegalArgumentException.class, "darkness values must be in [0, 1], got 1.5 at index 0",
                () -> Tracks.fromDarkness(new double[] {1.5, 1, 0, 0}, 2, 2, 1.0));
        assertMessage(IllegalArgumentException.class, "darkness raster has no dark pixel",
                () -> Tracks.fromDarkness(new double[] {0.49, 0, 0, 0}, 2, 2, 1.0));
        assertMessage(IllegalArgumentException.class, "more than the 4000000 allowed",
                () -> Tracks.fromDarkness(new double[0], 4000, 1001, 1.0));
        double[] copied = {0, 1, 0, 0};
        Track t = Tracks.fromDarkness(copied, 2, 2, 1.0);
        copied[1] = 0;
        assertEquals(1.0, t.darkness(1.5, 0.5), 0.0, "the array is copied");
    }

    @Test
    void anglesWrapIntoTheHalfOpenInterval() {
        assertEquals(Math.PI, Angles.wrap(-Math.PI), 0.0);
        assertEquals(Math.PI, Angles.wrap(Math.PI), 0.0);
        assertEquals(-Math.PI / 2, Angles.wrap(3 * Math.PI / 2), 1e-15);
        assertEquals(0.5, Angles.wrap(0.5 + 40 * Math.PI), 1e-13);
        assertEquals(-0.5, Angles.wrap(-0.5 - 40 * Math.PI), 1e-13);
    }
}
