package glassworks.md.stats;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Mean vector and co-moment matrix of d variables, filled one observation at a time and merged across partitions, so
 * that a single distributed pass over the particle rows gives every Pearson coefficient and every least-squares fit
 * among those variables (seed 002: principal components against z, u and the propensity; multiple regression of the
 * propensity on the first PCs, on the full descriptor or on z and u).
 *
 * <p><b>Why co-moments and not raw sums.</b> Raw sums of x x^T lose the digits of the variance when the means are
 * large compared with the spread (e.g. the local energy u ~ -7 with a spread of 0.5). Welford's update and Chan et
 * al.'s pairwise merge (Am. Stat. 37, 242 (1983)) keep the centred co-moments M2 = sum (x - mean)(x - mean)^T directly.
 * Rows with a non-finite entry are refused, not skipped: the caller decides what a missing value means.
 */
public final class CovarianceAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int d;
    private long n;
    private final double[] mean;
    /** Upper triangle (row-major, i &le; j) of the co-moment matrix. */
    private final double[] m2;

    /** An empty accumulator of {@code dimension} variables. */
    public CovarianceAccumulator(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        this.d = dimension;
        this.mean = new double[dimension];
        this.m2 = new double[dimension * (dimension + 1) / 2];
    }

    /** Number of variables. */
    public int dimension() {
        return d;
    }

    /** Observations added. */
    public long count() {
        return n;
    }

    /** Adds one observation (d finite values); returns this. */
    public CovarianceAccumulator add(double[] x) {
        if (x.length != d) {
            throw new IllegalArgumentException("observation has " + x.length + " values, the accumulator " + d);
        }
        for (int i = 0; i < d; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("non-finite value " + x[i] + " in variable " + i);
            }
        }
        n++;
        double[] delta = new double[d];
        for (int i = 0; i < d; i++) {
            delta[i] = x[i] - mean[i];
            mean[i] += delta[i] / n;
        }
        // M2 += (x - mean_old)(x - mean_new)^T, symmetric
        int k = 0;
        for (int i = 0; i < d; i++) {
            double after = x[i] - mean[i];
            for (int j = i; j < d; j++) {
                m2[k++] += delta[j] * after;
            }
        }
        return this;
    }

    /** Folds {@code other} into this (Chan's pairwise update); returns this. */
    public CovarianceAccumulator merge(CovarianceAccumulator other) {
        if (other.d != d) {
            throw new IllegalArgumentException("cannot merge accumulators of " + d + " and " + other.d + " variables");
        }
        if (other.n == 0) {
            return this;
        }
        if (n == 0) {
            n = other.n;
            System.arraycopy(other.mean, 0, mean, 0, d);
            System.arraycopy(other.m2, 0, m2, 0, m2.length);
            return this;
        }
        long total = n + other.n;
        double w = (double) n * other.n / total;
        double[] delta = new double[d];
        for (int i = 0; i < d; i++) {
            delta[i] = other.mean[i] - mean[i];
        }
        int k = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                m2[k] += other.m2[k] + delta[i] * delta[j] * w;
                k++;
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] += delta[i] * other.n / total;
        }
        n = total;
        return this;
    }

    /** The means. */
    public double[] mean() {
        return mean.clone();
    }

    /** Co-moment sum (x_i - mean_i)(x_j - mean_j) over the observations. */
    public double comoment(int i, int j) {
        int a = Math.min(i, j);
        int b = Math.max(i, j);
        return m2[a * d - a * (a - 1) / 2 + (b - a)];
    }

    /** Sample covariance (n - 1 in the denominator); NaN for n &lt; 2. */
    public double covariance(int i, int j) {
        return n < 2 ? Double.NaN : comoment(i, j) / (n - 1);
    }

    /** Pearson's r between variables i and j; NaN when either is constant or n &lt; 2. */
    public double correlation(int i, int j) {
        double sii = comoment(i, i);
        double sjj = comoment(j, j);
        if (n < 2 || !(sii > 0) || !(sjj > 0)) {
            return Double.NaN;
        }
        return Math.max(-1, Math.min(1, comoment(i, j) / Math.sqrt(sii * sjj)));
    }

    /**
     * Ordinary least squares with an intercept of variable {@code response} on the variables {@code predictors}
     * (scikit-learn's {@code LinearRegression()}, seed 002's Eq. 26 with the intercept it fits by default), solved
     * from the centred normal equations S_xx beta = S_xy by the SVD pseudo-inverse, so collinear predictors (e.g.
     * SOAP's many correlated features) give the minimum-norm solution instead of failing; singular values below
     * 1e-12 of the largest count as zero and lower the reported rank.
     */
    public LinearFit regress(int[] predictors, int response) {
        int p = predictors.length;
        if (p < 1) {
            throw new IllegalArgumentException("regression needs at least one predictor");
        }
        for (int v : predictors) {
            if (v < 0 || v >= d || v == response) {
                throw new IllegalArgumentException("predictor index " + v + " is out of range or the response");
            }
        }
        double syy = comoment(response, response);
        if (n < 2 || !(syy > 0)) {
            double[] zero = new double[p];
            return new LinearFit(mean[response], zero, Double.NaN, Double.NaN, Double.NaN, n, 0);
        }
        RealMatrix sxx = new Array2DRowRealMatrix(p, p);
        double[] sxy = new double[p];
        for (int a = 0; a < p; a++) {
            sxy[a] = comoment(predictors[a], response);
            for (int b = 0; b < p; b++) {
                sxx.setEntry(a, b, comoment(predictors[a], predictors[b]));
            }
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(sxx);
        double[] sv = svd.getSingularValues();
        double cut = sv.length == 0 ? 0 : sv[0] * 1e-12;
        int rank = 0;
        for (double s : sv) {
            if (s > cut) {
                rank++;
            }
        }
        double[] beta = new double[p];
        if (rank > 0) {
            RealMatrix u = svd.getU();
            RealMatrix v = svd.getV();
            double[] coef = new double[p];
            for (int k = 0; k < p; k++) {
                if (sv[k] > cut) {
                    double dot = 0;
                    for (int a = 0; a < p; a++) {
                        dot += u.getEntry(a, k) * sxy[a];
                    }
                    coef[k] = dot / sv[k];
                }
            }
            for (int a = 0; a < p; a++) {
                double s = 0;
                for (int k = 0; k < p; k++) {
                    s += v.getEntry(a, k) * coef[k];
                }
                beta[a] = s;
            }
        }
        double explained = 0;
        double intercept = mean[response];
        for (int a = 0; a < p; a++) {
            explained += beta[a] * sxy[a];
            intercept -= beta[a] * mean[predictors[a]];
        }
        double r2 = Math.max(0, Math.min(1, explained / syy));
        double adjusted = n - rank - 1 > 0 ? 1 - (1 - r2) * (n - 1) / (n - rank - 1) : Double.NaN;
        return new LinearFit(intercept, beta, r2, adjusted, Math.sqrt(r2), n, rank);
    }

    /**
     * A least-squares fit y ≈ intercept + coefficients · x.
     *
     * @param intercept    fitted intercept
     * @param coefficients one per predictor, in the order asked
     * @param r2           in-sample coefficient of determination 1 - SSE/SST
     * @param r2Adjusted   1 - (1 - r2)(n - 1)/(n - rank - 1): penalises predictors that only fit noise; NaN when
     *                     n &le; rank + 1
     * @param pearsonR     Pearson's r between the fitted values and y, sqrt(r2) for OLS with an intercept (seed 002's
     *                     quality measure)
     * @param rows         observations fitted
     * @param rank         numerical rank of the predictors' covariance
     */
    public record LinearFit(double intercept, double[] coefficients, double r2, double r2Adjusted, double pearsonR,
                            long rows, int rank) implements Serializable {
        public LinearFit {
            coefficients = coefficients.clone();
        }

        @Override
        public double[] coefficients() {
            return coefficients.clone();
        }

        @Override
        public String toString() {
            return "LinearFit[intercept=" + intercept + ", coefficients=" + Arrays.toString(coefficients) + ", r2=" + r2
                    + ", rows=" + rows + ", rank=" + rank + "]";
        }
    }
}
