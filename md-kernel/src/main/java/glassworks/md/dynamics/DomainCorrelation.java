package glassworks.md.dynamics;

import glassworks.md.Box;
import glassworks.md.CellList;
import glassworks.md.FrameView;
import glassworks.md.structure.Neighbours;

/**
 * The equal-time correlation C(r, t) of a per-particle +-1 field (seed 000, section III.B) and a domain length L(t).
 *
 * <p>Seed 000 writes C(r, t) = N^-1 sum_i psi_i(t) psi_{i+r}(t), "i + r" a particle at distance r from particle i,
 * psi = +1 for particles of state 1 and -1 for state 2, so the product is +1 for a pair in the same state and -1
 * otherwise. Estimator: the mean of psi_i psi_j over all pairs i &ne; j whose minimum-image distance falls in the bin,
 * C(r_b) = sum_{pairs in b} psi_i psi_j / #pairs in b — the average over reference particles i of the average over
 * their neighbours at distance r, exactly N^-1 sum_i psi_i &lt;psi&gt;_{i+r} when every particle has neighbours in the
 * shell. C(0) = 1 (psi^2 = 1) and, without correlation, C(r) -&gt; m^2, m = &lt;psi&gt;. The connected form
 * (C - m^2) / (1 - m^2) goes from 1 to 0 whatever the fractions of the two states; for equal fractions (m = 0) the two
 * coincide.
 *
 * <p><b>Domain length.</b> Seed 000 reports L(t) ~ t^(1/3) "by the calculation of C(r, t)" but does not say how L is
 * read from C. Given here (both on the connected form by default, so that unequal fractions still cross zero):
 * {@link Result#zeroCrossingLength()} the first zero crossing of C (linear interpolation from (0, 1) through the bin
 * centres; the usual coarsening convention), and {@link Result#integralLength()} = integral of C from 0 to that zero
 * (trapezoids through (0, 1) and the bin centres). For a straight C = 1 - r / r0 the integral is r0 / 2.
 *
 * <p>Pairs up to rMax &le; half the shortest box edge, found with the kernel's cell list (no pair storage).
 */
public final class DomainCorrelation {
    private DomainCorrelation() {
    }

    /**
     * C(r) of one configuration.
     *
     * @param r         bin centres [sigma]
     * @param c         raw C(r) (seed 000's normalisation); NaN for bins with fewer than {@link #MIN_PAIRS} pairs
     * @param connected (C - m^2) / (1 - m^2); NaN when |m| = 1
     * @param pairs     unordered pairs per bin
     * @param mean      m = mean of psi
     * @param binWidth  [sigma]
     */
    public record Result(double[] r, double[] c, double[] connected, long[] pairs, double mean, double binWidth) {
        /** First zero crossing of the connected C (NaN if none). */
        public double zeroCrossingLength() {
            return DomainCorrelation.zeroCrossing(r, connected);
        }

        /** Integral of the connected C up to its first zero (NaN if none). */
        public double integralLength() {
            return DomainCorrelation.integralLength(r, connected);
        }
    }

    /** psi_i = +1 where {@code label[i] == plus}, else -1. */
    public static double[] psiOf(int[] label, int plus) {
        double[] psi = new double[label.length];
        for (int i = 0; i < psi.length; i++) {
            psi[i] = label[i] == plus ? 1 : -1;
        }
        return psi;
    }

    /**
     * Fewest pairs a bin needs for its C to be reported ({@value}: a standard error of about 0.1 for a +-1 field).
     * Below contact a bin holds a handful of pairs and its C is +-1 by chance, which would fake a zero crossing (and a
     * domain length of a fraction of a diameter); such bins are NaN and skipped.
     */
    public static final long MIN_PAIRS = 100;

    /** C(r) of a stored frame's positions. */
    public static Result compute(FrameView f, double[] psi, double rMax, int bins) {
        return compute(Neighbours.box(f), f.x(), f.y(), f.z(), f.n(), psi, rMax, bins);
    }

    /**
     * C(r) in {@code bins} bins of [0, rMax) (rMax &le; half the shortest box edge); psi any real field (+-1 here);
     * bins with fewer than {@link #MIN_PAIRS} pairs are NaN.
     */
    public static Result compute(Box box, double[] x, double[] y, double[] z, int n, double[] psi, double rMax,
                                 int bins) {
        if (bins < 1 || !(rMax > 0)) {
            throw new IllegalArgumentException("need bins >= 1 and rMax > 0");
        }
        CellList cells = new CellList(box, rMax);
        cells.build(x, y, z, n);
        double[] sum = new double[bins];
        long[] count = new long[bins];
        double inv = bins / rMax;
        cells.forEachPair((i, j, dx, dy, dz, rsq) -> {
            int b = (int) (Math.sqrt(rsq) * inv);
            if (b < bins) {
                sum[b] += psi[i] * psi[j];
                count[b]++;
            }
        });
        double m = 0;
        for (int i = 0; i < n; i++) {
            m += psi[i];
        }
        m /= n;
        double w = rMax / bins;
        double[] r = new double[bins];
        double[] c = new double[bins];
        double[] cc = new double[bins];
        double denom = 1 - m * m;
        for (int b = 0; b < bins; b++) {
            r[b] = (b + 0.5) * w;
            c[b] = count[b] >= MIN_PAIRS ? sum[b] / count[b] : Double.NaN;
            cc[b] = denom > 0 ? (c[b] - m * m) / denom : Double.NaN;
        }
        return new Result(r, c, cc, count, m, w);
    }

    /**
     * First r where c goes from &gt; 0 to &le; 0, by linear interpolation between bin centres, starting from the point
     * (0, 1) (C(0) = psi^2 = 1, also for the connected form); NaN bins are skipped; NaN when c never falls to 0.
     */
    public static double zeroCrossing(double[] r, double[] c) {
        double pr = 0;
        double pc = 1;
        for (int b = 0; b < c.length; b++) {
            if (Double.isNaN(c[b])) {
                continue;
            }
            if (c[b] <= 0) {
                return pr + (r[b] - pr) * pc / (pc - c[b]);
            }
            pr = r[b];
            pc = c[b];
        }
        return Double.NaN;
    }

    /** Integral of c from 0 (where C = 1) to its first zero, by trapezoids through (0, 1) and the bin centres. */
    public static double integralLength(double[] r, double[] c) {
        double r0 = zeroCrossing(r, c);
        if (Double.isNaN(r0)) {
            return Double.NaN;
        }
        double s = 0;
        double pr = 0;
        double pc = 1;
        for (int b = 0; b < c.length; b++) {
            if (Double.isNaN(c[b])) {
                continue;
            }
            if (r[b] >= r0) {
                s += 0.5 * pc * (r0 - pr); // down to zero at r0
                return s;
            }
            s += 0.5 * (pc + c[b]) * (r[b] - pr);
            pr = r[b];
            pc = c[b];
        }
        return s;
    }
}
