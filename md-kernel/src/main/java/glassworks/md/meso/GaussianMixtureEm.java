package glassworks.md.meso;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Expectation-maximisation for a K-component, full-covariance Gaussian mixture in d dimensions (seed 000's "Gaussian
 * Mixture classification", here on per-particle PC-space coordinates, units those of the features). Follows
 * scikit-learn's {@code GaussianMixture(covariance_type="full")} so that numbers can be compared with it:
 * <ul>
 *   <li>initialisation from hard labels: responsibilities one-hot on the labels, then an M-step (component k starts as
 *       the Gaussian of the points labelled k, so components keep the labels' numbering); or from K-means (K-means++
 *       seeding with a seed, then Lloyd iterations) for standalone use;</li>
 *   <li>E-step in log space (log-sum-exp over components), so far points do not underflow to zero likelihood;</li>
 *   <li>M-step with {@code regularisation} (sklearn's {@code reg_covar}, default 1e-6) added to every covariance
 *       diagonal, and 10 machine epsilons added to every component's effective count so that an emptied component
 *       yields a finite, negligible-weight Gaussian instead of a division by zero;</li>
 *   <li>convergence when the mean log-likelihood per point changes by less than {@code tolerance} (default 1e-3) between
 *       iterations, or after {@code maxIterations} (default 100), then a final E-step so that labels, log-likelihood and
 *       BIC belong to the returned parameters.</li>
 * </ul>
 * Deterministic: sums run in particle order on one thread. It is not threaded on purpose: the Spark job runs one frame
 * per task and one task per core already, and an EM step on 10^4-10^5 points in a few dimensions takes milliseconds.
 *
 * <p>BIC = -2 ln L + p ln n with p = (K - 1) + K d + K d (d + 1) / 2 free parameters (weights, means, covariances);
 * lower is better.
 */
public final class GaussianMixtureEm {
    private static final double EPS10 = 10 * Math.ulp(1.0);

    private GaussianMixtureEm() {
    }

    /**
     * EM settings.
     *
     * @param maxIterations  EM iterations at most (&ge; 1)
     * @param tolerance      stop when |change of the mean log-likelihood per point| &lt; tolerance
     * @param regularisation added to each covariance diagonal [feature units^2]
     */
    public record Options(int maxIterations, double tolerance, double regularisation)
            implements java.io.Serializable {
        public Options {
            if (maxIterations < 1 || !(tolerance >= 0) || !(regularisation >= 0)) {
                throw new IllegalArgumentException("need maxIterations >= 1, tolerance >= 0, regularisation >= 0; got "
                        + maxIterations + ", " + tolerance + ", " + regularisation);
            }
        }

        /** scikit-learn's defaults: 100 iterations, tol 1e-3, reg_covar 1e-6. */
        public static Options defaults() {
            return new Options(100, 1e-3, 1e-6);
        }
    }

    /**
     * A fitted mixture. Arrays are owned by the model: do not modify them.
     *
     * @param weights     mixing weights pi_k (sum 1)
     * @param means       K x d component means
     * @param covariances K x d x d component covariances (regularisation included)
     */
    public record Model(double[] weights, double[][] means, double[][][] covariances) {
        public int components() {
            return weights.length;
        }

        public int dims() {
            return means[0].length;
        }

        /** Per point and component: ln pi_k + ln N(x_i; mu_k, Sigma_k), row-major n x K. */
        public double[] logJoint(double[][] x) {
            int k = components();
            int d = dims();
            double[][] chol = new double[k][];
            double[] logDet = new double[k];
            for (int c = 0; c < k; c++) {
                chol[c] = Gaussians.cholesky(Gaussians.flatten(covariances[c]), d, "covariance of component " + c);
                logDet[c] = Gaussians.logDet(chol[c], d);
            }
            double[] out = new double[x.length * k];
            double[] diff = new double[d];
            double[] work = new double[d];
            for (int i = 0; i < x.length; i++) {
                checkRow(x[i], d, i);
                for (int c = 0; c < k; c++) {
                    for (int a = 0; a < d; a++) {
                        diff[a] = x[i][a] - means[c][a];
                    }
                    out[i * k + c] = Math.log(weights[c]) + Gaussians.logDensity(chol[c], d, logDet[c], diff, work);
                }
            }
            return out;
        }

        /** Posterior probabilities p(k | x_i), n x K. */
        public double[][] posteriors(double[][] x) {
            int k = components();
            double[] lj = logJoint(x);
            double[][] p = new double[x.length][k];
            for (int i = 0; i < x.length; i++) {
                double norm = Gaussians.logSumExp(lj, i * k, k);
                for (int c = 0; c < k; c++) {
                    p[i][c] = Math.exp(lj[i * k + c] - norm);
                }
            }
            return p;
        }

        /** The maximum-posterior component of each point (ties to the lower index). */
        public int[] predict(double[][] x) {
            return argmax(logJoint(x), x.length, components());
        }

        /** Total log-likelihood sum_i ln sum_k pi_k N(x_i; k). */
        public double logLikelihood(double[][] x) {
            int k = components();
            double[] lj = logJoint(x);
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += Gaussians.logSumExp(lj, i * k, k);
            }
            return s;
        }
    }

    /**
     * The outcome of a fit.
     *
     * @param model         the fitted mixture
     * @param labels        maximum-posterior component per point under {@code model}
     * @param logLikelihood total ln L of the data under {@code model}
     * @param iterations    EM iterations run
     * @param converged     whether the tolerance was met within the iteration limit
     */
    public record Fit(Model model, int[] labels, double logLikelihood, int iterations, boolean converged) {
        /** ln L / n. */
        public double meanLogLikelihood() {
            return logLikelihood / labels.length;
        }

        /** Bayesian information criterion of this fit (lower is better). */
        public double bic() {
            return GaussianMixtureEm.bic(logLikelihood, model.components(), model.dims(), labels.length);
        }
    }

    /** Free parameters of a K-component full-covariance mixture in d dimensions: K-1 + K d + K d (d+1) / 2. */
    public static int parameters(int k, int d) {
        return k - 1 + k * d + k * d * (d + 1) / 2;
    }

    /** BIC = -2 ln L + p ln n. */
    public static double bic(double logLikelihood, int k, int d, long n) {
        return -2 * logLikelihood + parameters(k, d) * Math.log(n);
    }

    /** EM from hard initial labels in [0, k) (component c starts as the Gaussian of the points labelled c). */
    public static Fit fromLabels(double[][] x, int k, int[] labels, Options options) {
        int n = checkData(x, k);
        if (labels.length != n) {
            throw new IllegalArgumentException(n + " points but " + labels.length + " labels");
        }
        double[] resp = new double[n * k];
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException("label " + labels[i] + " of point " + i + " is outside [0, " + k + ")");
            }
            resp[i * k + labels[i]] = 1;
        }
        return em(x, k, resp, options);
    }

    /** EM initialised by K-means (K-means++ seeding with {@code seed}, then Lloyd), as scikit-learn's default. */
    public static Fit fromKMeans(double[][] x, int k, long seed, Options options) {
        return fromLabels(x, k, kMeans(x, k, seed, 300), options);
    }

    /**
     * Hard K-means labels: K-means++ seeding (first centre uniform, the next ones with probability proportional to the
     * squared distance to the nearest chosen centre) from {@code new SplittableRandom(seed)}, then Lloyd iterations
     * until no label changes or {@code maxIterations}; an emptied cluster keeps its previous centre.
     */
    public static int[] kMeans(double[][] x, int k, long seed, int maxIterations) {
        int n = checkData(x, k);
        int d = x[0].length;
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] centre = new double[k][];
        centre[0] = x[rnd.nextInt(n)].clone();
        double[] dist = new double[n];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                dist[i] = Math.min(dist[i], sq(x[i], centre[c - 1]));
                total += dist[i];
            }
            double pick = rnd.nextDouble() * total;
            int chosen = n - 1;
            for (int i = 0; i < n; i++) {
                pick -= dist[i];
                if (pick < 0) {
                    chosen = i;
                    break;
                }
            }
            centre[c] = x[chosen].clone();
        }
        int[] label = new int[n];
        Arrays.fill(label, -1);
        for (int it = 0; it < maxIterations; it++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bd = sq(x[i], centre[0]);
                for (int c = 1; c < k; c++) {
                    double dd = sq(x[i], centre[c]);
                    if (dd < bd) {
                        bd = dd;
                        best = c;
                    }
                }
                changed |= label[i] != best;
                label[i] = best;
            }
            if (!changed) {
                break;
            }
            double[][] sum = new double[k][d];
            int[] count = new int[k];
            for (int i = 0; i < n; i++) {
                count[label[i]]++;
                for (int a = 0; a < d; a++) {
                    sum[label[i]][a] += x[i][a];
                }
            }
            for (int c = 0; c < k; c++) {
                if (count[c] > 0) {
                    for (int a = 0; a < d; a++) {
                        centre[c][a] = sum[c][a] / count[c];
                    }
                }
            }
        }
        return label;
    }

    private static Fit em(double[][] x, int k, double[] resp, Options o) {
        int n = x.length;
        int d = x[0].length;
        double[] weights = new double[k];
        double[][] means = new double[k][d];
        double[][] cov = new double[k][d * d];
        double[][] chol = new double[k][];
        double[] logDet = new double[k];
        mStep(x, k, resp, o.regularisation(), weights, means, cov, chol, logDet);
        double previous = Double.NEGATIVE_INFINITY;
        boolean converged = false;
        int it = 0;
        while (it < o.maxIterations()) {
            it++;
            double mean = eStep(x, k, weights, means, chol, logDet, resp) / n;
            mStep(x, k, resp, o.regularisation(), weights, means, cov, chol, logDet);
            if (Math.abs(mean - previous) < o.tolerance()) {
                converged = true;
                break;
            }
            previous = mean;
        }
        double logL = eStep(x, k, weights, means, chol, logDet, resp);
        int[] labels = argmax(resp, n, k);
        double[][][] covariances = new double[k][][];
        for (int c = 0; c < k; c++) {
            covariances[c] = Gaussians.nest(cov[c], d);
        }
        return new Fit(new Model(weights, means, covariances), labels, logL, it, converged);
    }

    /** Fills resp with the posteriors (responsibilities, via log-sum-exp) and returns the total log-likelihood. */
    private static double eStep(double[][] x, int k, double[] weights, double[][] means, double[][] chol,
                                double[] logDet, double[] resp) {
        int d = means[0].length;
        double[] diff = new double[d];
        double[] work = new double[d];
        double[] logW = new double[k];
        for (int c = 0; c < k; c++) {
            logW[c] = Math.log(weights[c]);
        }
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < k; c++) {
                for (int a = 0; a < d; a++) {
                    diff[a] = x[i][a] - means[c][a];
                }
                resp[i * k + c] = logW[c] + Gaussians.logDensity(chol[c], d, logDet[c], diff, work);
            }
            double norm = Gaussians.logSumExp(resp, i * k, k);
            total += norm;
            for (int c = 0; c < k; c++) {
                resp[i * k + c] = Math.exp(resp[i * k + c] - norm);
            }
        }
        return total;
    }

    private static void mStep(double[][] x, int k, double[] resp, double reg, double[] weights, double[][] means,
                              double[][] cov, double[][] chol, double[] logDet) {
        int n = x.length;
        int d = means[0].length;
        double[] nk = new double[k];
        for (int c = 0; c < k; c++) {
            Arrays.fill(means[c], 0);
            Arrays.fill(cov[c], 0);
        }
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                double r = resp[i * k + c];
                nk[c] += r;
                for (int a = 0; a < d; a++) {
                    means[c][a] += r * x[i][a];
                }
            }
        }
        for (int c = 0; c < k; c++) {
            nk[c] += EPS10;
            for (int a = 0; a < d; a++) {
                means[c][a] /= nk[c];
            }
        }
        double[] diff = new double[d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                double r = resp[i * k + c];
                if (r == 0) {
                    continue;
                }
                for (int a = 0; a < d; a++) {
                    diff[a] = x[i][a] - means[c][a];
                }
                double[] s = cov[c];
                for (int a = 0; a < d; a++) {
                    double ra = r * diff[a];
                    for (int b = 0; b <= a; b++) {
                        s[a * d + b] += ra * diff[b];
                    }
                }
            }
        }
        double total = 0;
        for (int c = 0; c < k; c++) {
            total += nk[c];
        }
        for (int c = 0; c < k; c++) {
            weights[c] = nk[c] / total;
            double[] s = cov[c];
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    s[a * d + b] /= nk[c];
                    s[b * d + a] = s[a * d + b];
                }
                s[a * d + a] += reg;
            }
            chol[c] = Gaussians.cholesky(s, d, "covariance of component " + c);
            logDet[c] = Gaussians.logDet(chol[c], d);
        }
    }

    static int[] argmax(double[] rows, int n, int k) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (rows[i * k + c] > rows[i * k + best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    private static double sq(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double t = a[i] - b[i];
            s += t * t;
        }
        return s;
    }

    private static int checkData(double[][] x, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("need at least one component, got " + k);
        }
        if (x.length < k) {
            throw new IllegalArgumentException(x.length + " points cannot fit " + k + " components");
        }
        int d = x[0].length;
        if (d < 1) {
            throw new IllegalArgumentException("points need at least one coordinate");
        }
        for (int i = 0; i < x.length; i++) {
            checkRow(x[i], d, i);
        }
        return x.length;
    }

    private static void checkRow(double[] row, int d, int i) {
        if (row.length != d) {
            throw new IllegalArgumentException("point " + i + " has " + row.length + " coordinates, expected " + d);
        }
        for (double v : row) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("point " + i + " has a non-finite coordinate " + v);
            }
        }
    }
}
