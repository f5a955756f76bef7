package glassworks.md.stats;

/**
 * Pearson's product-moment correlation of paired values with its test and confidence interval, as R's
 * {@code cor.test(x, y, method = "pearson")}.
 *
 * @param r               sample correlation coefficient in [-1, 1]; NaN for n &lt; 2 or when either variable is
 *                        constant
 * @param n               number of pairs used (pairs with a NaN in x or y dropped)
 * @param dropped         number of pairs dropped for a NaN
 * @param t               test statistic r sqrt((n − 2) / (1 − r^2)) of H0: rho = 0; NaN for n &lt; 3
 * @param pValue          two-sided p-value of t under Student's t with n − 2 degrees of freedom (exact for bivariate
 *                        normal data); NaN for n &lt; 3
 * @param confidenceLevel coverage of the interval, e.g. 0.95
 * @param ciLower         lower end of the confidence interval for rho: tanh(atanh(r) − z / sqrt(n − 3)), z the normal
 *                        (1 + level)/2 quantile (Fisher's z transform); NaN for n &lt; 4
 * @param ciUpper         upper end, tanh(atanh(r) + z / sqrt(n − 3)); NaN for n &lt; 4
 */
public record PearsonResult(double r, int n, int dropped, double t, double pValue, double confidenceLevel,
                            double ciLower, double ciUpper) {

    /** Degrees of freedom of the t test, n − 2. */
    public int degreesOfFreedom() {
        return n - 2;
    }

    /** r^2: the fraction of the variance of one variable explained by a straight line in the other. */
    public double rSquared() {
        return r * r;
    }
}
