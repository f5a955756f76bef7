package glassworks.md.dynamics;

/**
 * Small, self-contained estimators of the time scales of a run's dynamical curves (no fitting library).
 *
 * <ul>
 *   <li>{@link #crossing}: the time where a decaying curve (F_s, Q, C_B) first falls through a level (1/e for
 *       tau_alpha, seed 002: F_s(k*, tau_alpha) = 1/e; 1/2 for seed 003's tau_alpha^BB), interpolated in log t between
 *       the two bracketing points;</li>
 *   <li>{@link #diffusion}: D from MSD = 2 d D t + c over the long-time window where the log-log slope is within 0.1 of
 *       1;</li>
 *   <li>{@link #peak}: time and height of the maximum of chi_4(t) from a parabola in log t.</li>
 * </ul>
 */
public final class TimeScales {
    private TimeScales() {
    }

    /**
     * A level crossing.
     *
     * @param time                 the crossing time (NaN when the curve does not cross inside the sampled range)
     * @param error                sqrt(interpolation^2 + statistical^2)
     * @param interpolationError   the largest difference between the primary interpolation and the alternatives
     * @param statisticalError     from the curve's error bars at the bracket (0 when none given)
     * @param bracket              index of the first point below the level (-1 when none)
     * @param reason               why time is NaN, or null
     */
    public record Crossing(double time, double error, double interpolationError, double statisticalError, int bracket,
                           String reason) {
    }

    /**
     * First downward crossing of {@code level} by f(t), t &gt; 0 increasing, with optional per-point standard errors.
     *
     * <p>Primary estimate: linear interpolation of f against ln t between the last point at or above the level (j - 1)
     * and the first below it (j). Alternatives: linear interpolation of ln(-ln f) against ln t (exact for a stretched
     * exponential exp(-(t/tau)^beta) crossing 1/e, and for any level of it), and the parabola in ln t through three points
     * around the bracket (j - 2 .. j, or j - 1 .. j + 1 at the start). The interpolation error is the largest difference
     * between the primary estimate and the alternatives. Statistical error (with {@code fErr}): the error of f at the
     * crossing (interpolated between the bracket's error bars) divided by |df / d ln t| there, times tau. The reported
     * error is the two in quadrature. A curve already below the level at the first point, or never below it, gives NaN.
     */
    public static Crossing crossing(double[] t, double[] f, double[] fErr, double level) {
        int m = t.length;
        if (f.length != m || (fErr != null && fErr.length != m)) {
            throw new IllegalArgumentException("t, f (and fErr) must have the same length");
        }
        int j = -1;
        for (int i = 0; i < m; i++) {
            if (Double.isNaN(f[i])) {
                continue;
            }
            if (f[i] < level) {
                j = i;
                break;
            }
        }
        if (j < 0) {
            return new Crossing(Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1,
                    "the curve never falls below " + level + " in the sampled lags: run longer");
        }
        int i0 = j - 1;
        while (i0 >= 0 && Double.isNaN(f[i0])) {
            i0--;
        }
        if (i0 < 0) {
            return new Crossing(Double.NaN, Double.NaN, Double.NaN, Double.NaN, j,
                    "the curve is already below " + level + " at the first lag: sample shorter lags");
        }
        double x0 = Math.log(t[i0]);
        double x1 = Math.log(t[j]);
        double f0 = f[i0];
        double f1 = f[j];
        double xa = x0 + (level - f0) * (x1 - x0) / (f1 - f0);
        double tau = Math.exp(xa);
        double spread = 0;
        // KWW-linearised
        if (f0 > 0 && f0 < 1 && f1 > 0 && level > 0 && level < 1) {
            double g0 = Math.log(-Math.log(f0));
            double g1 = Math.log(-Math.log(f1));
            double gl = Math.log(-Math.log(level));
            if (g1 != g0) {
                double xb = x0 + (gl - g0) * (x1 - x0) / (g1 - g0);
                spread = Math.max(spread, Math.abs(Math.exp(xb) - tau));
            }
        }
        // parabola through three points around the bracket
        double[] px = null;
        double[] py = null;
        if (i0 >= 1 && !Double.isNaN(f[i0 - 1])) {
            px = new double[]{Math.log(t[i0 - 1]), x0, x1};
            py = new double[]{f[i0 - 1], f0, f1};
        } else if (j + 1 < m && !Double.isNaN(f[j + 1])) {
            px = new double[]{x0, x1, Math.log(t[j + 1])};
            py = new double[]{f0, f1, f[j + 1]};
        }
        if (px != null) {
            double xc = parabolaRoot(px, py, level, x0, x1);
            if (!Double.isNaN(xc)) {
                spread = Math.max(spread, Math.abs(Math.exp(xc) - tau));
            }
        }
        double stat = 0;
        if (fErr != null) {
            double w = (xa - x0) / (x1 - x0);
            double e = (1 - w) * fErr[i0] + w * fErr[j];
            double slope = (f1 - f0) / (x1 - x0);
            if (Double.isFinite(e) && slope != 0) {
                stat = tau * e / Math.abs(slope);
            }
        }
        return new Crossing(tau, Math.hypot(spread, stat), spread, stat, j, null);
    }

    /** The root of the parabola through (px, py) at py = level inside [lo, hi], or NaN. */
    private static double parabolaRoot(double[] px, double[] py, double level, double lo, double hi) {
        double[] c = parabola(px, py);
        if (c == null) {
            return Double.NaN;
        }
        double qa = c[2];
        double qb = c[1];
        double qc = c[0] - level;
        double best = Double.NaN;
        if (Math.abs(qa) < 1e-14 * (Math.abs(qb) + Math.abs(qc))) {
            if (qb != 0) {
                best = -qc / qb;
            }
        } else {
            double disc = qb * qb - 4 * qa * qc;
            if (disc < 0) {
                return Double.NaN;
            }
            double s = Math.sqrt(disc);
            double r1 = (-qb + s) / (2 * qa);
            double r2 = (-qb - s) / (2 * qa);
            double eps = 1e-12 * (hi - lo);
            boolean in1 = r1 >= lo - eps && r1 <= hi + eps;
            boolean in2 = r2 >= lo - eps && r2 <= hi + eps;
            best = in1 && in2 ? Math.min(r1, r2) : in1 ? r1 : in2 ? r2 : Double.NaN;
        }
        return best;
    }

    /** Coefficients {c0, c1, c2} of c0 + c1 x + c2 x^2 through three points, or null if degenerate. */
    private static double[] parabola(double[] x, double[] y) {
        double d01 = x[0] - x[1];
        double d02 = x[0] - x[2];
        double d12 = x[1] - x[2];
        if (d01 == 0 || d02 == 0 || d12 == 0) {
            return null;
        }
        // Lagrange form expanded
        double a0 = y[0] / (d01 * d02);
        double a1 = -y[1] / (d01 * d12);
        double a2 = y[2] / (d02 * d12);
        double c2 = a0 + a1 + a2;
        double c1 = -a0 * (x[1] + x[2]) - a1 * (x[0] + x[2]) - a2 * (x[0] + x[1]);
        double c0 = a0 * x[1] * x[2] + a1 * x[0] * x[2] + a2 * x[0] * x[1];
        return new double[]{c0, c1, c2};
    }

    /**
     * A diffusion constant.
     *
     * @param d          D [sigma^2 / tau] (NaN when no diffusive window)
     * @param error      standard error of D from the least-squares slope
     * @param intercept  c of MSD = 2 d D t + c
     * @param tFrom      first lag of the window
     * @param tTo        last lag of the window
     * @param points     points in the window
     * @param reason     why d is NaN, or null
     */
    public record Diffusion(double d, double error, double intercept, double tFrom, double tTo, int points,
                            String reason) {
    }

    /** {@link #diffusion(double[], double[], int, double, double, int)} with tolerance 0.1, no time cap, 3 points. */
    public static Diffusion diffusion(double[] t, double[] msd, int dims) {
        return diffusion(t, msd, dims, 0.1, Double.POSITIVE_INFINITY, 3);
    }

    /**
     * D from the long-time MSD. Local log-log slopes s_i = d ln MSD / d ln t are taken from the neighbouring points
     * (centred: i - 1 and i + 1; one-sided at the ends). The window is the last (longest-time) contiguous run of lags
     * t &le; tMax with |s_i - 1| &le; tolerance and at least {@code minPoints} points; MSD = 2 d D t + c is fitted there
     * by linear least squares with weights 1 / MSD_i^2 (equal relative errors: an MSD's scatter grows with it, and an
     * unweighted fit over log-spaced lags would be decided by its last two or three, noisiest points), D = slope /
     * (2 d); its error is the slope's standard error / (2 d), the larger of the classical one (from the weighted
     * residuals) and the heteroscedasticity-consistent (HC3) one (NaN with 2 points). Lags with few origins are noisy:
     * cap them with tMax.
     */
    public static Diffusion diffusion(double[] t, double[] msd, int dims, double tolerance, double tMax, int minPoints) {
        int m = 0;
        while (m < t.length && t[m] <= tMax) {
            m++;
        }
        if (m < Math.max(2, minPoints)) {
            return new Diffusion(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0,
                    "fewer than " + Math.max(2, minPoints) + " lags");
        }
        boolean[] ok = new boolean[m];
        for (int i = 0; i < m; i++) {
            int lo = Math.max(0, i - 1);
            int hi = Math.min(m - 1, i + 1);
            if (msd[lo] > 0 && msd[hi] > 0 && t[lo] > 0 && hi > lo) {
                double s = (Math.log(msd[hi]) - Math.log(msd[lo])) / (Math.log(t[hi]) - Math.log(t[lo]));
                ok[i] = Math.abs(s - 1) <= tolerance;
            }
        }
        int end = m - 1;
        while (end >= 0) {
            while (end >= 0 && !ok[end]) {
                end--;
            }
            if (end < 0) {
                break;
            }
            int start = end;
            while (start > 0 && ok[start - 1]) {
                start--;
            }
            int points = end - start + 1;
            if (points >= Math.max(2, minPoints)) {
                double[] w = new double[end + 1];
                for (int i = start; i <= end; i++) {
                    w[i] = 1 / (msd[i] * msd[i]);
                }
                Linear.Fit f = Linear.fit(t, msd, w, start, end + 1);
                double scale = 2.0 * dims;
                double err = Math.sqrt(Math.max(f.varSlope(), f.robustVarSlope())) / scale;
                return new Diffusion(f.slope() / scale, err, f.intercept(), t[start], t[end], points, null);
            }
            end = start - 1;
        }
        return new Diffusion(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0,
                "no window of " + minPoints + " lags with log-log MSD slope within " + tolerance + " of 1: not yet "
                        + "diffusive, run longer");
    }

    /**
     * A maximum.
     *
     * @param time       t* of the maximum
     * @param height     the maximum
     * @param timeError  spread of t* between the estimators
     * @param heightError spread of the height between the estimators
     * @param interior   false when the largest point is the first or last (then time and height are that point's and
     *                   the errors NaN)
     */
    public record Peak(double time, double height, double timeError, double heightError, boolean interior) {
    }

    /**
     * The maximum of a curve such as chi_4(t) sampled at increasing t &gt; 0. Primary: the parabola in x = ln t through
     * the largest point and its two neighbours, vertex x* (t* = exp x*) and its height. Alternatives: the same parabola
     * fitted to ln chi (exact for a peak Gaussian in ln t; used when the three values are positive) and, with at least
     * five points around the maximum, the least-squares parabola through the five nearest points. The errors are the
     * largest differences between the primary estimate and the alternatives (the grid's resolution of the peak).
     */
    public static Peak peak(double[] t, double[] y) {
        int m = t.length;
        int j = -1;
        for (int i = 0; i < m; i++) {
            if (!Double.isNaN(y[i]) && (j < 0 || y[i] > y[j])) {
                j = i;
            }
        }
        if (j < 0) {
            return new Peak(Double.NaN, Double.NaN, Double.NaN, Double.NaN, false);
        }
        if (j == 0 || j == m - 1 || Double.isNaN(y[j - 1]) || Double.isNaN(y[j + 1])) {
            return new Peak(t[j], y[j], Double.NaN, Double.NaN, false);
        }
        double[] px = {Math.log(t[j - 1]), Math.log(t[j]), Math.log(t[j + 1])};
        double[] py = {y[j - 1], y[j], y[j + 1]};
        double[] c = parabola(px, py);
        if (c == null || !(c[2] < 0)) {
            return new Peak(t[j], y[j], Double.NaN, Double.NaN, false);
        }
        double xs = -c[1] / (2 * c[2]);
        double hs = c[0] + c[1] * xs + c[2] * xs * xs;
        double ts = Math.exp(xs);
        double dt = 0;
        double dh = 0;
        if (py[0] > 0 && py[1] > 0 && py[2] > 0) {
            double[] lc = parabola(px, new double[]{Math.log(py[0]), Math.log(py[1]), Math.log(py[2])});
            if (lc != null && lc[2] < 0) {
                double xl = -lc[1] / (2 * lc[2]);
                double hl = Math.exp(lc[0] + lc[1] * xl + lc[2] * xl * xl);
                dt = Math.max(dt, Math.abs(Math.exp(xl) - ts));
                dh = Math.max(dh, Math.abs(hl - hs));
            }
        }
        if (j >= 2 && j + 2 < m) {
            double[] lc = quadraticFit(t, y, j - 2, j + 3);
            if (lc != null && lc[2] < 0) {
                double xl = -lc[1] / (2 * lc[2]);
                double hl = lc[0] + lc[1] * xl + lc[2] * xl * xl;
                dt = Math.max(dt, Math.abs(Math.exp(xl) - ts));
                dh = Math.max(dh, Math.abs(hl - hs));
            }
        }
        return new Peak(ts, hs, dt, dh, true);
    }

    /** Least-squares c0 + c1 x + c2 x^2 in x = ln t over points from .. to - 1 (normal equations, centred x). */
    private static double[] quadraticFit(double[] t, double[] y, int from, int to) {
        int n = to - from;
        double xm = 0;
        for (int i = from; i < to; i++) {
            xm += Math.log(t[i]);
        }
        xm /= n;
        double s0 = n;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        for (int i = from; i < to; i++) {
            if (Double.isNaN(y[i])) {
                return null;
            }
            double u = Math.log(t[i]) - xm;
            double u2 = u * u;
            s1 += u;
            s2 += u2;
            s3 += u2 * u;
            s4 += u2 * u2;
            b0 += y[i];
            b1 += u * y[i];
            b2 += u2 * y[i];
        }
        double[][] a = {{s0, s1, s2}, {s1, s2, s3}, {s2, s3, s4}};
        double[] b = {b0, b1, b2};
        double det = det3(a);
        if (det == 0) {
            return null;
        }
        double[] sol = new double[3];
        for (int k = 0; k < 3; k++) {
            double[][] ak = {a[0].clone(), a[1].clone(), a[2].clone()};
            for (int r = 0; r < 3; r++) {
                ak[r][k] = b[r];
            }
            sol[k] = det3(ak) / det;
        }
        // back to x = u + xm
        double c2 = sol[2];
        double c1 = sol[1] - 2 * c2 * xm;
        double c0 = sol[0] - sol[1] * xm + c2 * xm * xm;
        return new double[]{c0, c1, c2};
    }

    private static double det3(double[][] a) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    }
}
