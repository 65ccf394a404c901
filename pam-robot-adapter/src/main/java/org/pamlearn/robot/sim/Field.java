// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.sim;

/**
 * A scalar raster over the world: {@code data[iy * width + ix]}, row 0 at the bottom ({@code y} grows upwards),
 * pixel {@code (ix, iy)} covering {@code [ix s, (ix + 1) s) x [iy s, (iy + 1) s)} with its value at the pixel
 * centre. Sampling is bilinear between pixel centres and reads 0 outside the raster. Immutable after
 * construction (the array is owned).
 */
final class Field {

    final int width;
    final int height;
    final double pixelSize;
    private final double inversePixelSize;
    final double[] data;

    Field(int width, int height, double pixelSize, double[] data) {
        this.width = width;
        this.height = height;
        this.pixelSize = pixelSize;
        this.inversePixelSize = 1.0 / pixelSize;
        this.data = data;
    }

    /**
     * The bilinear value at a world point, 0 outside the raster (the padding is white for darkness).
     *
     * @param x world x
     * @param y world y
     * @return the interpolated value
     */
    double sample(double x, double y) {
        final double fx = x * inversePixelSize - 0.5;
        final double fy = y * inversePixelSize - 0.5;
        final double flx = Math.floor(fx);
        final double fly = Math.floor(fy);
        final double tx = fx - flx;
        final double ty = fy - fly;
        if (!(flx >= -1 && flx < width && fly >= -1 && fly < height)) {
            return 0.0; // also NaN coordinates
        }
        final int ix = (int) flx;
        final int iy = (int) fly;
        if (ix >= 0 && iy >= 0 && ix + 1 < width && iy + 1 < height) {
            final int p = iy * width + ix;
            final double bottom = data[p] + tx * (data[p + 1] - data[p]);
            final double top = data[p + width] + tx * (data[p + width + 1] - data[p + width]);
            return bottom + ty * (top - bottom);
        }
        final double bottom = at(ix, iy) * (1 - tx) + at(ix + 1, iy) * tx;
        final double top = at(ix, iy + 1) * (1 - tx) + at(ix + 1, iy + 1) * tx;
        return bottom * (1 - ty) + top * ty;
    }

    private double at(int ix, int iy) {
        if (ix < 0 || iy < 0 || ix >= width || iy >= height) {
            return 0.0;
        }
        return data[iy * width + ix];
    }

    /**
     * A copy blurred by a separable Gaussian, zero padding outside (white around the raster).
     *
     * @param sigma the standard deviation in world units; {@code 0} copies
     * @return the blurred field, same geometry
     */
    Field blurred(double sigma) {
        final double sigmaPixels = sigma * inversePixelSize;
        final int radius = (int) Math.ceil(3 * sigmaPixels);
        if (radius == 0) {
            return new Field(width, height, pixelSize, data.clone());
        }
        final double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            double w = Math.exp(-0.5 * k * k / (sigmaPixels * sigmaPixels));
            kernel[k + radius] = w;
            sum += w;
        }
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] /= sum;
        }
        final double[] rows = new double[data.length];
        for (int iy = 0; iy < height; iy++) {
            final int row = iy * width;
            for (int ix = 0; ix < width; ix++) {
                double acc = 0;
                final int from = Math.max(-radius, -ix);
                final int to = Math.min(radius, width - 1 - ix);
                for (int k = from; k <= to; k++) {
                    acc += kernel[k + radius] * data[row + ix + k];
                }
                rows[row + ix] = acc;
            }
        }
        final double[] out = new double[data.length];
        for (int iy = 0; iy < height; iy++) {
            final int from = Math.max(-radius, -iy);
            final int to = Math.min(radius, height - 1 - iy);
            for (int ix = 0; ix < width; ix++) {
                double acc = 0;
                for (int k = from; k <= to; k++) {
                    acc += kernel[k + radius] * rows[(iy + k) * width + ix];
                }
                out[iy * width + ix] = acc;
            }
        }
        return new Field(width, height, pixelSize, out);
    }
}
