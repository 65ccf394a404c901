// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.sim;

/**
 * A line-following track: a darkness field over a rectangular world area (1 = black line, 0 = white floor), a
 * start pose on the line, and a fast distance to the line.
 *
 * <p>World frame: x to the right, y upwards, in world units (think centimetres, as in the authors' Enki world),
 * origin at the bottom-left corner of the area {@code [0, width()] x [0, height()]}. The field is a raster of
 * {@link #pixelWidth()} x {@link #pixelHeight()} square pixels of side {@link #pixelSize()}; a PNG's top row is
 * the area's top edge. Sampling is bilinear between pixel centres; outside the area the floor is white.
 *
 * <p>The distance to the line is precomputed at build time (an exact Euclidean distance transform of the raster,
 * Felzenszwalb &amp; Huttenlocher 2012) to a set of <em>line sites</em>: for the built-in track the points of
 * the line's centre curve, so {@link #distanceToLine} is the distance to the line centre (to within about a
 * pixel); for an image track every dark pixel ({@code darkness >= 0.5}), so it is the distance to the nearest
 * dark pixel centre, 0 on the line. A query costs a table look-up and a square root.
 *
 * <p>Immutable and thread-safe. Build one with {@link Tracks}.
 */
public final class Track {

    /** The darkness from which a pixel counts as part of the line. */
    public static final double DARK = 0.5;

    /** The radius, in world units, over which a repositioning estimates the line's centre and direction. */
    static final double LOCAL_RADIUS = 6.0;

    /** Blurred copies of the darkness kept per track. */
    private static final int BLUR_CACHE = 4;

    /** Centroid passes of a repositioning. */
    static final int CENTRING_PASSES = 3;

    private final Field darkness;
    private final double[] siteX;
    private final double[] siteY;
    private final int[] nearestSite;
    private final Pose start;
    private final Field[] blurs = new Field[BLUR_CACHE];
    private final double[] blurSigmas = new double[BLUR_CACHE];

    /**
     * @param darkness the darkness raster, values in [0, 1]
     * @param siteX per pixel, the x of the line site in that pixel, NaN for a pixel without a site
     * @param siteY per pixel, the y of the site, NaN without
     * @param start the start pose, or {@code null} for the line point nearest the middle of the bottom edge,
     *     heading along the line as close to +x as possible
     */
    Track(Field darkness, double[] siteX, double[] siteY, Pose start) {
        this.darkness = darkness;
        this.siteX = siteX;
        this.siteY = siteY;
        this.nearestSite = DistanceTransform.nearestSites(darkness.width, darkness.height, siteX);
        if (start == null) {
            double[] pose = new double[3];
            nearestLinePose(0.5 * width(), 0.0, 0.0, pose);
            this.start = new Pose(pose[0], pose[1], pose[2]);
        } else {
            this.start = start;
        }
    }

    /**
     * The area's width.
     *
     * @return {@code pixelWidth() * pixelSize()}, world units
     */
    public double width() {
        return darkness.width * darkness.pixelSize;
    }

    /**
     * The area's height.
     *
     * @return {@code pixelHeight() * pixelSize()}, world units
     */
    public double height() {
        return darkness.height * darkness.pixelSize;
    }

    /**
     * The raster's width.
     *
     * @return pixels along x
     */
    public int pixelWidth() {
        return darkness.width;
    }

    /**
     * The raster's height.
     *
     * @return pixels along y
     */
    public int pixelHeight() {
        return darkness.height;
    }

    /**
     * The side of one pixel.
     *
     * @return world units per pixel, {@code > 0}
     */
    public double pixelSize() {
        return darkness.pixelSize;
    }

    /**
     * The unblurred darkness at a world point.
     *
     * @param x world x
     * @param y world y
     * @return bilinear darkness in [0, 1]: 1 black line, 0 white floor (also outside the area)
     */
    public double darkness(double x, double y) {
        return darkness.sample(x, y);
    }

    /**
     * A copy of the raster, for plots: {@code [iy * pixelWidth() + ix]}, row {@code iy = 0} at the bottom.
     *
     * @return a new array of {@code pixelWidth() * pixelHeight()} darkness values in [0, 1]
     */
    public double[] darknessPixels() {
        return darkness.data.clone();
    }

    /**
     * Whether a point lies in the area.
     *
     * @param x world x
     * @param y world y
     * @return {@code 0 <= x <= width()} and {@code 0 <= y <= height()} (false for NaN)
     */
    public boolean contains(double x, double y) {
        return x >= 0 && y >= 0 && x <= width() && y <= height();
    }

    /**
     * The distance from a point to the line (see the class comment for what a line site is). Allocation-free.
     *
     * @param x world x; points outside the area are measured to the sites nearest the area's border
     * @param y world y
     * @return the distance in world units, {@code >= 0}; NaN for a NaN coordinate
     */
    public double distanceToLine(double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Double.NaN;
        }
        final int site = nearestSite[pixelIndex(x, y)];
        return Math.hypot(x - siteX[site], y - siteY[site]);
    }

    /**
     * The start pose: on the line, heading along it.
     *
     * @return the pose
     */
    public Pose startPose() {
        return start;
    }

    Field darknessField() {
        return darkness;
    }

    /**
     * The darkness blurred by a Gaussian, computed once per standard deviation and shared by every simulator on
     * this track (the last {@value #BLUR_CACHE} are kept).
     *
     * @param sigma the standard deviation in world units, {@code >= 0}
     * @return the blurred field; callers do not modify it
     */
    synchronized Field blurred(double sigma) {
        for (int k = 0; k < BLUR_CACHE; k++) {
            if (blurs[k] != null && blurSigmas[k] == sigma) {
                return blurs[k];
            }
        }
        final Field field = darkness.blurred(sigma);
        System.arraycopy(blurs, 0, blurs, 1, BLUR_CACHE - 1);
        System.arraycopy(blurSigmas, 0, blurSigmas, 1, BLUR_CACHE - 1);
        blurs[0] = field;
        blurSigmas[0] = sigma;
        return field;
    }

    private int pixelIndex(double x, double y) {
        final double s = darkness.pixelSize;
        final int ix = (int) Math.max(0, Math.min(darkness.width - 1, Math.floor(x / s)));
        final int iy = (int) Math.max(0, Math.min(darkness.height - 1, Math.floor(y / s)));
        return iy * darkness.width + ix;
    }

    /**
     * The line pose nearest a point: from the nearest line site, the centroid of the darkness within
     * {@link #LOCAL_RADIUS} (recentred {@value #CENTRING_PASSES} times, so that a disc that started at the line's
     * edge moves to its middle), heading along the principal axis of that darkness, the one of its two directions
     * closer to {@code heading}. Allocation-free.
     *
     * @param x world x
     * @param y world y
     * @param heading the preferred direction, radians
     * @param out receives x, y, heading (in (-pi, pi])
     */
    void nearestLinePose(double x, double y, double heading, double[] out) {
        final int site = nearestSite[pixelIndex(x, y)];
        double cx = siteX[site];
        double cy = siteY[site];
        double axis = heading;
        final double s = darkness.pixelSize;
        final int r = (int) Math.ceil(LOCAL_RADIUS / s);
        for (int pass = 0; pass < CENTRING_PASSES; pass++) {
            final int ix0 = (int) Math.floor(cx / s);
            final int iy0 = (int) Math.floor(cy / s);
            double w = 0;
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double syy = 0;
            double sxy = 0;
            for (int iy = Math.max(0, iy0 - r); iy <= Math.min(darkness.height - 1, iy0 + r); iy++) {
                for (int ix = Math.max(0, ix0 - r); ix <= Math.min(darkness.width - 1, ix0 + r); ix++) {
                    final double px = (ix + 0.5) * s - cx;
                    final double py = (iy + 0.5) * s - cy;
                    final double d = darkness.data[iy * darkness.width + ix];
                    if (px * px + py * py <= LOCAL_RADIUS * LOCAL_RADIUS && d >= DARK) {
                        w += d;
                        sx += d * px;
                        sy += d * py;
                        sxx += d * px * px;
                        syy += d * py * py;
                        sxy += d * px * py;
                    }
                }
            }
            if (!(w > 0)) {
                break; // no dark pixel left in the disc: keep the last estimate
            }
            final double mx = sx / w;
            final double my = sy / w;
            axis = 0.5 * Math.atan2(2 * (sxy / w - mx * my), (sxx / w - mx * mx) - (syy / w - my * my));
            cx += mx;
            cy += my;
        }
        if (Math.cos(axis - heading) < 0) {
            axis += Math.PI;
        }
        out[0] = cx;
        out[1] = cy;
        out[2] = Angles.wrap(axis);
    }
}
