package glassworks.md.meso;

/**
 * Small dense linear algebra for multivariate Gaussians (d of a few: PC spaces of 2-12 components, real space 2-3) and
 * periodic arithmetic, shared by the meso-state kernels. Matrices are row-major {@code double[d * d]}. A hand-written
 * Cholesky rather than Commons Math's: it runs K times per EM step on tiny matrices, allocates nothing per particle,
 * and its failure message can say which regularisation to raise.
 */
final class Gaussians {
    static final double LOG_2PI = Math.log(2 * Math.PI);

    private Gaussians() {
    }

    /**
     * The lower Cholesky factor L (L L^T = a) of the symmetric matrix a, only its lower triangle read.
     *
     * @throws IllegalStateException when a is not positive definite (named by {@code what})
     */
    static double[] cholesky(double[] a, int d, String what) {
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * d + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * d + k] * l[j * d + k];
                }
                if (i == j) {
                    if (!(s > 0) || !Double.isFinite(s)) {
                        throw new IllegalStateException(what + " is not positive definite (pivot " + s + " in row " + i
                                + "): the data are degenerate along some direction; raise the covariance regularisation");
                    }
                    l[i * d + i] = Math.sqrt(s);
                } else {
                    l[i * d + j] = s / l[j * d + j];
                }
            }
        }
        return l;
    }

    /** ln det(L L^T) = 2 sum ln L_ii. */
    static double logDet(double[] l, int d) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += Math.log(l[i * d + i]);
        }
        return 2 * s;
    }

    /**
     * The Mahalanobis square |L^-1 diff|^2 by forward substitution; {@code work} (length &ge; d) is overwritten.
     */
    static double mahalanobis(double[] l, int d, double[] diff, double[] work) {
        double q = 0;
        for (int i = 0; i < d; i++) {
            double s = diff[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * d + k] * work[k];
            }
            double z = s / l[i * d + i];
            work[i] = z;
            q += z * z;
        }
        return q;
    }

    /** ln of the normal density N(diff; 0, L L^T) given ln det. */
    static double logDensity(double[] l, int d, double logDet, double[] diff, double[] work) {
        return -0.5 * (d * LOG_2PI + logDet + mahalanobis(l, d, diff, work));
    }

    /** ln sum exp a[0..n) without overflow; -inf when all are -inf. */
    static double logSumExp(double[] a, int from, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = from; k < from + n; k++) {
            max = Math.max(max, a[k]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (int k = from; k < from + n; k++) {
            s += Math.exp(a[k] - max);
        }
        return max + Math.log(s);
    }

    /** The minimum-image representative of a separation d along a periodic edge, in [-edge/2, edge/2]. */
    static double minimumImage(double d, double edge) {
        return d - edge * Math.rint(d / edge);
    }

    /** v mapped into [0, edge). */
    static double wrap(double v, double edge) {
        double w = v - edge * Math.floor(v / edge);
        return w >= edge ? 0.0 : w;
    }

    /** Row-major d x d from nested rows (a defensive copy). */
    static double[] flatten(double[][] m) {
        int d = m.length;
        double[] f = new double[d * d];
        for (int i = 0; i < d; i++) {
            if (m[i].length != d) {
                throw new IllegalArgumentException("matrix must be square, row " + i + " has " + m[i].length
                        + " entries, expected " + d);
            }
            System.arraycopy(m[i], 0, f, i * d, d);
        }
        return f;
    }

    /** Nested rows from row-major d x d. */
    static double[][] nest(double[] f, int d) {
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(f, i * d, m[i], 0, d);
        }
        return m;
    }
}
