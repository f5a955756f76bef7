package glassworks.md.fit;

/** Weighted straight-line least squares y = a + b u in closed form (centred sums), for initial guesses and grid scans. */
final class Regression {
    private Regression() {
    }

    /**
     * @param w weights (1 / sigma^2) or null
     * @return {a, b, weighted residual sum of squares}; b = NaN when all u are equal
     */
    static double[] line(double[] u, double[] y, double[] w) {
        double sw = 0;
        double su = 0;
        double sy = 0;
        for (int i = 0; i < u.length; i++) {
            double wi = w == null ? 1 : w[i];
            sw += wi;
            su += wi * u[i];
            sy += wi * y[i];
        }
        double um = su / sw;
        double ym = sy / sw;
        double suu = 0;
        double suy = 0;
        for (int i = 0; i < u.length; i++) {
            double wi = w == null ? 1 : w[i];
            double du = u[i] - um;
            suu += wi * du * du;
            suy += wi * du * (y[i] - ym);
        }
        double b = suy / suu;
        double a = ym - b * um;
        double rss = 0;
        for (int i = 0; i < u.length; i++) {
            double wi = w == null ? 1 : w[i];
            double r = y[i] - a - b * u[i];
            rss += wi * r * r;
        }
        return new double[] {a, b, rss};
    }

    static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double d : v) {
            m = Math.min(m, d);
        }
        return m;
    }

    static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            m = Math.max(m, d);
        }
        return m;
    }
}
