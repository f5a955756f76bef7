package glassworks.md.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.util.FastMath;

/**
 * Correlation of paired per-particle quantities (a principal component against z, u, or the propensity mu_i(t), as in
 * seed paper 002), with the test and interval R's {@code cor.test} reports. The coefficients come from Commons Math
 * ({@link PearsonsCorrelation}, {@link SpearmansCorrelation}); this class adds the missing-value handling, the t test
 * and Fisher's z interval.
 *
 * <p><b>Missing values.</b> A pair with NaN in x or in y is dropped (R's {@code complete.cases}); the result reports
 * how many pairs were used and how many dropped. Infinite values are refused: they are not missing, and would make the
 * coefficient NaN.
 */
public final class Correlation {
    /** Confidence level of {@link #pearson(double[], double[])}. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    private Correlation() {
    }

    /** {@link #pearson(double[], double[], double)} with a 95% interval. */
    public static PearsonResult pearson(double[] x, double[] y) {
        return pearson(x, y, DEFAULT_CONFIDENCE);
    }

    /**
     * Pearson's r with a two-sided t-test p-value and a Fisher-z confidence interval, as R's
     * {@code cor.test(x, y, conf.level = confidenceLevel)}; see {@link PearsonResult} for what is NaN when n is small.
     *
     * @param confidenceLevel in (0, 1)
     */
    public static PearsonResult pearson(double[] x, double[] y, double confidenceLevel) {
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + confidenceLevel);
        }
        double[][] xy = completePairs(x, y);
        int n = xy[0].length;
        int dropped = x.length - n;
        double r = n < 2 ? Double.NaN : clamp(new PearsonsCorrelation().correlation(xy[0], xy[1]));
        return ofCoefficient(r, n, dropped, confidenceLevel);
    }

    /**
     * The t test and Fisher-z interval of a Pearson coefficient {@code r} already computed from {@code n} complete
     * pairs (e.g. from a {@link CovarianceAccumulator} filled in a distributed pass), exactly as
     * {@link #pearson(double[], double[], double)} reports them.
     */
    public static PearsonResult ofCoefficient(double r, long n, long dropped, double confidenceLevel) {
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + confidenceLevel);
        }
        r = clamp(r);
        double t = Double.NaN;
        double p = Double.NaN;
        if (n >= 3 && !Double.isNaN(r)) {
            double df = n - 2;
            t = r * Math.sqrt(df / (1 - r * r)); // +-infinity for |r| = 1
            p = twoSidedT(t, df);
        }
        double lo = Double.NaN;
        double hi = Double.NaN;
        if (n >= 4 && !Double.isNaN(r)) {
            double z = FastMath.atanh(r);
            double half = new NormalDistribution(null, 0, 1).inverseCumulativeProbability((1 + confidenceLevel) / 2)
                    / Math.sqrt(n - 3);
            lo = Math.tanh(z - half);
            hi = Math.tanh(z + half);
        }
        return new PearsonResult(r, (int) Math.min(Integer.MAX_VALUE, n), (int) Math.min(Integer.MAX_VALUE, dropped),
                t, p, confidenceLevel, lo, hi);
    }

    /** Spearman's rho with the t-approximation p-value; see {@link SpearmanResult}. */
    public static SpearmanResult spearman(double[] x, double[] y) {
        double[][] xy = completePairs(x, y);
        int n = xy[0].length;
        int dropped = x.length - n;
        double rho = n < 2 ? Double.NaN : clamp(new SpearmansCorrelation().correlation(xy[0], xy[1]));
        double p = Double.NaN;
        if (n >= 3 && !Double.isNaN(rho)) {
            int df = n - 2;
            p = twoSidedT(rho * Math.sqrt(df / (1 - rho * rho)), df);
        }
        return new SpearmanResult(rho, n, dropped, p);
    }

    /** P(|T| &ge; |t|) for T ~ t(df), computed from the lower tail so that small p-values keep their digits. */
    private static double twoSidedT(double t, double df) {
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        return Math.min(1.0, 2 * new TDistribution(null, df).cumulativeProbability(-Math.abs(t)));
    }

    /** Rounding can leave |r| a few ulps above 1, where atanh and sqrt(1 - r^2) are NaN. */
    private static double clamp(double r) {
        return Double.isNaN(r) ? r : Math.max(-1.0, Math.min(1.0, r));
    }

    /** {x, y} without the pairs that have a NaN; refuses unequal lengths and infinities. */
    static double[][] completePairs(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("paired arrays differ in length: " + x.length + " and " + y.length);
        }
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isInfinite(x[i]) || Double.isInfinite(y[i])) {
                throw new IllegalArgumentException("infinite value in pair " + i + ": (" + x[i] + ", " + y[i] + ")");
            }
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                n++;
            }
        }
        double[] cx = new double[n];
        double[] cy = new double[n];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                cx[k] = x[i];
                cy[k] = y[i];
                k++;
            }
        }
        return new double[][] {cx, cy};
    }
}
