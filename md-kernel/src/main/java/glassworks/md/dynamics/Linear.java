package glassworks.md.dynamics;

/** Ordinary least squares y = intercept + slope x with the usual covariance (self-contained; no fitting library). */
final class Linear {
    private Linear() {
    }

    /**
     * @param slope        fitted slope
     * @param intercept    fitted intercept
     * @param varSlope     variance of the slope, s^2 / Sxx (NaN with 2 points)
     * @param varIntercept variance of the intercept, s^2 (1/n + xbar^2 / Sxx)
     * @param covariance   covariance of slope and intercept, -xbar s^2 / Sxx
     * @param residualSd   s = sqrt(SSR / (n - 2))
     * @param points       n
     * @param robustVarSlope heteroscedasticity-consistent (HC3) variance of the slope,
     *                     sum (x_i - xbar)^2 r_i^2 / (1 - h_i)^2 / Sxx^2 with leverages h_i = 1/n + (x_i - xbar)^2 / Sxx:
     *                     honest when the noise grows along x (an MSD's does) and a few large-x points carry the fit
     */
    record Fit(double slope, double intercept, double varSlope, double varIntercept, double covariance,
               double residualSd, int points, double robustVarSlope) {
    }

    /** Fit over the first {@code n} points of x, y (n &ge; 2, x not all equal). */
    static Fit fit(double[] x, double[] y, int n) {
        return fit(x, y, 0, n);
    }

    /** Fit over points from .. to - 1. */
    static Fit fit(double[] x, double[] y, int from, int to) {
        return fit(x, y, null, from, to);
    }

    /**
     * Weighted fit over points from .. to - 1, minimising sum w_i (y_i - a - b x_i)^2 (w null: all 1). Variances from
     * the weighted residuals, s^2 = sum w r^2 / (n - 2) (the weights give relative precisions; their scale cancels).
     */
    static Fit fit(double[] x, double[] y, double[] w, int from, int to) {
        int n = to - from;
        if (n < 2) {
            throw new IllegalArgumentException("a line needs at least two points");
        }
        double sw = 0;
        double mx = 0;
        double my = 0;
        for (int i = from; i < to; i++) {
            double wi = w == null ? 1 : w[i];
            sw += wi;
            mx += wi * x[i];
            my += wi * y[i];
        }
        mx /= sw;
        my /= sw;
        double sxx = 0;
        double sxy = 0;
        for (int i = from; i < to; i++) {
            double wi = w == null ? 1 : w[i];
            sxx += wi * (x[i] - mx) * (x[i] - mx);
            sxy += wi * (x[i] - mx) * (y[i] - my);
        }
        if (!(sxx > 0)) {
            throw new IllegalArgumentException("a line fit needs at least two distinct x values");
        }
        double b = sxy / sxx;
        double a = my - b * mx;
        if (n == 2) {
            return new Fit(b, a, Double.NaN, Double.NaN, Double.NaN, Double.NaN, n, Double.NaN);
        }
        double ssr = 0;
        double hc = 0;
        for (int i = from; i < to; i++) {
            double wi = w == null ? 1 : w[i];
            double r = y[i] - a - b * x[i];
            ssr += wi * r * r;
            double dx2 = (x[i] - mx) * (x[i] - mx);
            double h = wi / sw + wi * dx2 / sxx;
            double shrink = Math.max(1 - h, 1e-6);
            hc += wi * wi * dx2 * r * r / (shrink * shrink);
        }
        double s2 = ssr / (n - 2);
        double robust = hc / (sxx * sxx);
        return new Fit(b, a, s2 / sxx, s2 * (1.0 / sw + mx * mx / sxx), -mx * s2 / sxx, Math.sqrt(s2), n, robust);
    }
}
