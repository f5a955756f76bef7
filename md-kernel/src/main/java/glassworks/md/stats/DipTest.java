package glassworks.md.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Hartigan &amp; Hartigan's dip test of unimodality (Ann. Statist. 13, 70–84, 1985), with the statistic computed by
 * P. M. Hartigan's algorithm AS 217 (Appl. Statist. 34, 320–325, 1985) as corrected and used in R's {@code diptest}
 * package (M. Maechler: the 1994 guard against an endless loop on unimodal data, Yong Lu's 2003 fix of a misplaced
 * parenthesis in the majorant distance, and {@code min.is.0 = FALSE}, so that D &ge; 1/(2n) always).
 *
 * <p>The dip D is the largest distance, in sup norm, between the empirical CDF F_n and the closest unimodal CDF. The
 * algorithm walks inward from the whole sample: it takes the greatest convex minorant (GCM) of F_n and the least
 * concave majorant (LCM) on the current candidate modal interval [x_low, x_high], finds where they are farthest apart,
 * shrinks the interval to the part between those points, and keeps the largest departure of F_n from the GCM on the
 * left part and from the LCM on the right part. Sorting costs O(n log n); each pass is linear in the points of the
 * current interval.
 *
 * <p><b>Conventions as in R.</b> NaN values are dropped (n counts the rest); infinite values are refused. n = 1, or all
 * values equal, gives D = 1/(2n) with the modal interval the whole range; ties are allowed anywhere. The p-value is 1
 * for n &le; 3. The modal interval is (x_low, x_high) of the final pass, R's {@code xl}, {@code xu}.
 *
 * <p><b>p-values.</b> {@link #test(double[])} interpolates R's table of dip quantiles of uniform samples
 * ({@code qDiptab}, 21 sizes from 4 to 72000, 26 probabilities) exactly as {@code dip.test(x)} does: linearly in n
 * between the bracketing rows of sqrt(n) D quantiles, then linearly in probability, clamped to [0, 1]; beyond
 * n = 72000 the last row is used as the asymptotic distribution of sqrt(n) D. Tied table entries (small n, where many
 * quantiles equal 1/(2n)) are merged with their probabilities averaged, as R's {@code approx()} does by default.
 * {@link #testSimulated(double[], int, long)} instead draws uniform samples of the same n: p = (number of draws with
 * dip &ge; D) / draws, resolution 1/draws.
 */
public final class DipTest {
    /** Monte Carlo draws R's {@code dip.test} uses by default. */
    public static final int DEFAULT_DRAWS = 2000;

    private DipTest() {
    }

    /** The dip statistic of the finite values of {@code x} (NaN dropped); see {@link DipTest}. */
    public static double dip(double[] x) {
        return DipStatistic.of(sortedFinite(x)).dip();
    }

    /**
     * Dip, modal interval and the table-interpolated p-value, as R's {@code dip(x, full = TRUE)} and
     * {@code dip.test(x)}.
     */
    public static DipResult test(double[] x) {
        double[] s = sortedFinite(x);
        DipStatistic d = DipStatistic.of(s);
        int n = s.length;
        if (n <= 3) {
            return new DipResult(d.dip(), 1.0, n, s[d.low()], s[d.high()], DipResult.PValueMethod.TRIVIAL, 0);
        }
        return new DipResult(d.dip(), tablePValue(d.dip(), n), n, s[d.low()], s[d.high()],
                DipResult.PValueMethod.TABLE, 0);
    }

    /**
     * Dip and modal interval with a Monte Carlo p-value: the fraction of {@code draws} samples of n independent U(0, 1)
     * values whose dip is at least D (R's {@code dip.test(x, simulate.p.value = TRUE, B = draws)}). The p-value is a
     * multiple of 1/draws (so p = 0 only says p &lt; ~1/draws); its standard error is sqrt(p (1 − p) / draws).
     *
     * @param draws number of uniform samples (R's B), &ge; 1
     * @param seed  seed of the uniform generator: the same seed gives the same p-value
     */
    public static DipResult testSimulated(double[] x, int draws, long seed) {
        if (draws < 1) {
            throw new IllegalArgumentException("draws must be >= 1, got " + draws);
        }
        double[] s = sortedFinite(x);
        DipStatistic d = DipStatistic.of(s);
        int n = s.length;
        if (n <= 3) {
            return new DipResult(d.dip(), 1.0, n, s[d.low()], s[d.high()], DipResult.PValueMethod.TRIVIAL, 0);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] u = new double[n];
        int atLeast = 0;
        for (int b = 0; b < draws; b++) {
            for (int i = 0; i < n; i++) {
                u[i] = random.nextDouble();
            }
            Arrays.sort(u);
            if (d.dip() <= DipStatistic.of(u).dip()) {
                atLeast++;
            }
        }
        return new DipResult(d.dip(), (double) atLeast / draws, n, s[d.low()], s[d.high()],
                DipResult.PValueMethod.SIMULATED, draws);
    }

    /** {@link #testSimulated(double[], int, long)} with {@link #DEFAULT_DRAWS} draws. */
    public static DipResult testSimulated(double[] x, long seed) {
        return testSimulated(x, DEFAULT_DRAWS, seed);
    }

    /**
     * P(D_uniform(n) &ge; dip) by interpolation in R's {@code qDiptab}, exactly as R's {@code dip.test}; 1 for
     * n &le; 3.
     *
     * @param dip a dip statistic (from {@link #dip(double[])})
     * @param n   the sample size it was computed from
     */
    public static double tablePValue(double dip, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        if (Double.isNaN(dip)) {
            throw new IllegalArgumentException("dip is NaN");
        }
        if (n <= 3) {
            return 1.0;
        }
        int[] nn = DipTable.N;
        int maxN = nn[nn.length - 1];
        int i0;
        int i1;
        double f;
        if (n >= maxN) {
            // R: beyond the table the last row is taken as the asymptotic distribution of sqrt(n) D. (n == maxN lands
            // here too, where it is the last row exactly.)
            i0 = nn.length - 1;
            i1 = i0;
            f = 0;
        } else {
            i0 = 0;
            while (nn[i0 + 1] <= n) {
                i0++;
            }
            i1 = i0 + 1;
            f = (double) (n - nn[i0]) / (nn[i1] - nn[i0]);
        }
        double s0 = Math.sqrt(nn[i0]);
        double s1 = Math.sqrt(nn[i1]);
        int m = DipTable.PR.length;
        double[] grid = new double[m];
        for (int j = 0; j < m; j++) {
            double y0 = s0 * DipTable.Q[i0][j];
            double y1 = s1 * DipTable.Q[i1][j];
            grid[j] = y0 + f * (y1 - y0);
        }
        double lowerTail = interpolate(grid, DipTable.PR, Math.sqrt(n) * dip);
        return 1 - lowerTail;
    }

    /**
     * R's {@code approx(x, y, xout, rule = 2)} for non-decreasing x: runs of equal x are merged into one knot whose y
     * is the mean of theirs ({@code ties = mean}), then linear interpolation, clamped to the end knots outside the
     * range.
     */
    static double interpolate(double[] x, double[] y, double at) {
        int m = x.length;
        double[] ux = new double[m];
        double[] uy = new double[m];
        int k = 0;
        for (int j = 0; j < m; ) {
            int e = j;
            double sum = 0;
            while (e < m && x[e] == x[j]) {
                sum += y[e];
                e++;
            }
            ux[k] = x[j];
            uy[k] = sum / (e - j);
            k++;
            j = e;
        }
        if (at <= ux[0]) {
            return uy[0];
        }
        if (at >= ux[k - 1]) {
            return uy[k - 1];
        }
        int j = 0;
        while (ux[j + 1] < at) {
            j++;
        }
        // ux[j] < at <= ux[j + 1]
        return uy[j] + (uy[j + 1] - uy[j]) * (at - ux[j]) / (ux[j + 1] - ux[j]);
    }

    /** The NaN-free values of x, sorted; refuses empty input and infinities. */
    static double[] sortedFinite(double[] x) {
        int n = 0;
        for (double v : x) {
            if (Double.isInfinite(v)) {
                throw new IllegalArgumentException("dip test: infinite value in the sample");
            }
            if (!Double.isNaN(v)) {
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("dip test needs at least one non-NaN value, got " + x.length
                    + " values, all NaN or none");
        }
        double[] s = new double[n];
        int k = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                s[k++] = v;
            }
        }
        Arrays.sort(s);
        return s;
    }
}
