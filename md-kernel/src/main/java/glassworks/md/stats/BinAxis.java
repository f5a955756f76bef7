package glassworks.md.stats;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * A regular grid of {@code bins} equal bins on [lower, upper], the axis of {@link Histogram1D} and {@link Histogram2D}.
 * Bin i covers [edge(i), edge(i + 1)) except the last, which also holds {@code upper} (numpy's convention), so every
 * value in [lower, upper] lands in exactly one bin.
 *
 * @param lower lower edge of the first bin, finite
 * @param upper upper edge of the last bin, finite, &gt; lower
 * @param bins  number of bins, &ge; 1
 */
public record BinAxis(double lower, double upper, int bins) implements java.io.Serializable {

    /** Refuses non-finite or empty ranges and fewer than one bin. */
    public BinAxis {
        if (!Double.isFinite(lower) || !Double.isFinite(upper) || !(upper > lower)) {
            throw new IllegalArgumentException(
                    "bin axis needs finite lower < upper, got [" + lower + ", " + upper + "]");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bin axis needs at least one bin, got " + bins);
        }
    }

    /**
     * Bounds from the data: the {@code tailFraction} and 1 − {@code tailFraction} sample quantiles of the non-NaN
     * values (R's default quantile, type 7: linear between order statistics), so that a few outliers do not stretch the
     * grid; tailFraction = 0 takes the minimum and maximum. When both bounds coincide (constant data) the range is
     * widened to bound ± 0.5, as numpy does.
     *
     * @param tailFraction fraction of the data allowed to fall below the grid (and as much above), in [0, 0.5)
     */
    public static BinAxis fromQuantiles(double[] data, int bins, double tailFraction) {
        if (!(tailFraction >= 0 && tailFraction < 0.5)) {
            throw new IllegalArgumentException("tail fraction must be in [0, 0.5), got " + tailFraction);
        }
        int n = 0;
        for (double v : data) {
            if (Double.isInfinite(v)) {
                throw new IllegalArgumentException("bounds from quantiles: infinite value in the data");
            }
            if (!Double.isNaN(v)) {
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("bounds from quantiles need at least one non-NaN value");
        }
        double[] finite = new double[n];
        int k = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : data) {
            if (!Double.isNaN(v)) {
                finite[k++] = v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double lo = min;
        double hi = max;
        if (tailFraction > 0) {
            Percentile q = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
            q.setData(finite);
            lo = q.evaluate(100 * tailFraction);
            hi = q.evaluate(100 * (1 - tailFraction));
        }
        if (!(hi > lo)) {
            lo -= 0.5;
            hi += 0.5;
        }
        return new BinAxis(lo, hi, bins);
    }

    /** Width of every bin, (upper − lower) / bins. */
    public double width() {
        return (upper - lower) / bins;
    }

    /** Edge i, 0 &le; i &le; bins: edge(0) = lower and edge(bins) = upper exactly. */
    public double edge(int i) {
        if (i < 0 || i > bins) {
            throw new IndexOutOfBoundsException("edge " + i + " of " + bins + " bins");
        }
        return i == bins ? upper : lower + (upper - lower) * i / bins;
    }

    /** The bins + 1 edges. */
    public double[] edges() {
        double[] e = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            e[i] = edge(i);
        }
        return e;
    }

    /** Centre of bin i, the midpoint of its edges. */
    public double centre(int i) {
        return 0.5 * (edge(i) + edge(i + 1));
    }

    /** The bins centres. */
    public double[] centres() {
        double[] c = new double[bins];
        for (int i = 0; i < bins; i++) {
            c[i] = centre(i);
        }
        return c;
    }

    /**
     * The bin holding v, consistent with {@link #edge(int)} (a value equal to an inner edge starts the bin above it),
     * or −1 when v is NaN or outside [lower, upper].
     */
    public int index(double v) {
        if (!(v >= lower && v <= upper)) {
            return -1;
        }
        if (v == upper) {
            return bins - 1;
        }
        int k = (int) ((v - lower) / (upper - lower) * bins);
        k = Math.max(0, Math.min(bins - 1, k));
        // the division may round across an edge; the edges decide
        if (v < edge(k)) {
            k--;
        } else if (k + 1 < bins && v >= edge(k + 1)) {
            k++;
        }
        return k;
    }
}
