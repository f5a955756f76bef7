package glassworks.md.stats;

import java.util.Arrays;
import java.util.Objects;

/**
 * Histogram of univariate values on a regular grid, with counts and the normalised density (a marginal p(X_j) of seed
 * paper 002). Immutable: arrays are copied in and out.
 *
 * <p>The density is count / (inRange * width), normalised over the values inside the grid, so that it integrates to 1
 * over [lower, upper] (numpy's {@code density=True}); {@code outside} says how many values that leaves out. With no
 * value in range the density is NaN.
 *
 * @param axis    the grid
 * @param counts  number of values in each bin (length axis.bins())
 * @param outside values outside [lower, upper] (infinities included)
 * @param missing NaN values, ignored
 */
public record Histogram1D(BinAxis axis, long[] counts, long outside, long missing) {

    /** Checks the number of counts against the grid and copies them. */
    public Histogram1D {
        if (counts.length != axis.bins()) {
            throw new IllegalArgumentException(counts.length + " counts for " + axis.bins() + " bins");
        }
        counts = counts.clone();
    }

    /** Histogram of x on the given grid. */
    public static Histogram1D of(double[] x, BinAxis axis) {
        long[] counts = new long[axis.bins()];
        long outside = 0;
        long missing = 0;
        for (double v : x) {
            if (Double.isNaN(v)) {
                missing++;
                continue;
            }
            int i = axis.index(v);
            if (i < 0) {
                outside++;
            } else {
                counts[i]++;
            }
        }
        return new Histogram1D(axis, counts, outside, missing);
    }

    /** Histogram of x on {@code bins} bins from its minimum to its maximum (NaN ignored, infinities refused). */
    public static Histogram1D of(double[] x, int bins) {
        return of(x, BinAxis.fromQuantiles(x, bins, 0));
    }

    /** A copy of the counts. */
    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** Count of bin i. */
    public long count(int i) {
        return counts[i];
    }

    /** Number of values inside the grid (the sum of the counts). */
    public long inRange() {
        long s = 0;
        for (long c : counts) {
            s += c;
        }
        return s;
    }

    /** Density of bin i: count / (inRange * width); integrates to 1 over the grid. */
    public double density(int i) {
        return counts[i] / ((double) inRange() * axis.width());
    }

    /** The densities of all bins. */
    public double[] densities() {
        double norm = 1.0 / ((double) inRange() * axis.width());
        double[] d = new double[counts.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = counts[i] * norm;
        }
        return d;
    }

    /** Bin centres (for plotting the density against). */
    public double[] centres() {
        return axis.centres();
    }

    /** Equal when the grids, counts, outside and missing counts are equal (arrays compared by content). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram1D h && axis.equals(h.axis) && Arrays.equals(counts, h.counts)
                && outside == h.outside && missing == h.missing;
    }

    @Override
    public int hashCode() {
        return Objects.hash(axis, Arrays.hashCode(counts), outside, missing);
    }

    @Override
    public String toString() {
        return "Histogram1D[axis=" + axis + ", counts=" + Arrays.toString(counts) + ", outside=" + outside
                + ", missing=" + missing + "]";
    }
}
