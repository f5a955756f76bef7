package glassworks.md.stats;

import java.util.Arrays;
import java.util.Objects;

/**
 * Two-dimensional histogram of (x, y) pairs on a regular grid: the density map p(X_1, X_2) of seed paper 002's PCA
 * maps. Immutable: arrays are copied in and out.
 *
 * <p>The density is count / (inRange * dx * dy), normalised over the pairs inside the grid, so that it integrates to 1
 * over the grid's rectangle; {@code outside} says how many pairs that leaves out. With no pair in range the density is
 * NaN. Bins follow {@link BinAxis} (half-open, the last one closed) on each axis.
 *
 * @param xAxis   grid along x
 * @param yAxis   grid along y
 * @param counts  counts, row-major: bin (ix, iy) at ix * yAxis.bins() + iy
 * @param outside pairs with x or y outside its range (infinities included)
 * @param missing pairs with a NaN in x or y, ignored
 */
public record Histogram2D(BinAxis xAxis, BinAxis yAxis, long[] counts, long outside, long missing) {

    /** Checks the number of counts against the grid and copies them. */
    public Histogram2D {
        if (counts.length != (long) xAxis.bins() * yAxis.bins()) {
            throw new IllegalArgumentException(counts.length + " counts for " + xAxis.bins() + " x " + yAxis.bins()
                    + " bins");
        }
        counts = counts.clone();
    }

    /** Histogram of the pairs (x[k], y[k]) on the given grids. */
    public static Histogram2D of(double[] x, double[] y, BinAxis xAxis, BinAxis yAxis) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("paired arrays differ in length: " + x.length + " and " + y.length);
        }
        int ny = yAxis.bins();
        long[] counts = new long[xAxis.bins() * ny];
        long outside = 0;
        long missing = 0;
        for (int k = 0; k < x.length; k++) {
            if (Double.isNaN(x[k]) || Double.isNaN(y[k])) {
                missing++;
                continue;
            }
            int ix = xAxis.index(x[k]);
            int iy = yAxis.index(y[k]);
            if (ix < 0 || iy < 0) {
                outside++;
            } else {
                counts[ix * ny + iy]++;
            }
        }
        return new Histogram2D(xAxis, yAxis, counts, outside, missing);
    }

    /**
     * Histogram on nx × ny bins whose bounds are the {@code tailFraction} and 1 − {@code tailFraction} quantiles of x
     * and of y over the complete pairs ({@link BinAxis#fromQuantiles}; 0 = minimum and maximum).
     */
    public static Histogram2D ofQuantiles(double[] x, double[] y, int nx, int ny, double tailFraction) {
        double[][] xy = Correlation.completePairs(x, y);
        return of(x, y, BinAxis.fromQuantiles(xy[0], nx, tailFraction), BinAxis.fromQuantiles(xy[1], ny, tailFraction));
    }

    /** Count of bin (ix, iy). */
    public long count(int ix, int iy) {
        return counts[index(ix, iy)];
    }

    /** Counts as [ix][iy] (a copy). */
    public long[][] countGrid() {
        int nx = xAxis.bins();
        int ny = yAxis.bins();
        long[][] c = new long[nx][ny];
        for (int ix = 0; ix < nx; ix++) {
            System.arraycopy(counts, ix * ny, c[ix], 0, ny);
        }
        return c;
    }

    /** A copy of the row-major counts. */
    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** Number of pairs inside the grid (the sum of the counts). */
    public long inRange() {
        long s = 0;
        for (long c : counts) {
            s += c;
        }
        return s;
    }

    /** Density of bin (ix, iy): count / (inRange * dx * dy); integrates to 1 over the grid. */
    public double density(int ix, int iy) {
        return counts[index(ix, iy)] / ((double) inRange() * xAxis.width() * yAxis.width());
    }

    /** Densities as [ix][iy]. */
    public double[][] densityGrid() {
        int nx = xAxis.bins();
        int ny = yAxis.bins();
        double norm = 1.0 / ((double) inRange() * xAxis.width() * yAxis.width());
        double[][] d = new double[nx][ny];
        for (int ix = 0; ix < nx; ix++) {
            for (int iy = 0; iy < ny; iy++) {
                d[ix][iy] = counts[ix * ny + iy] * norm;
            }
        }
        return d;
    }

    /** Bin centres along x. */
    public double[] xCentres() {
        return xAxis.centres();
    }

    /** Bin centres along y. */
    public double[] yCentres() {
        return yAxis.centres();
    }

    /** Equal when the grids, counts, outside and missing counts are equal (arrays compared by content). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram2D h && xAxis.equals(h.xAxis) && yAxis.equals(h.yAxis)
                && Arrays.equals(counts, h.counts) && outside == h.outside && missing == h.missing;
    }

    @Override
    public int hashCode() {
        return Objects.hash(xAxis, yAxis, Arrays.hashCode(counts), outside, missing);
    }

    @Override
    public String toString() {
        return "Histogram2D[xAxis=" + xAxis + ", yAxis=" + yAxis + ", inRange=" + inRange() + ", outside=" + outside
                + ", missing=" + missing + "]";
    }

    private int index(int ix, int iy) {
        if (ix < 0 || ix >= xAxis.bins() || iy < 0 || iy >= yAxis.bins()) {
            throw new IndexOutOfBoundsException("bin (" + ix + ", " + iy + ") of " + xAxis.bins() + " x "
                    + yAxis.bins());
        }
        return ix * yAxis.bins() + iy;
    }
}
