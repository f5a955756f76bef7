package glassworks.md.dynamics;

import glassworks.md.Box;
import glassworks.md.structure.StructureFactor;

import java.util.ArrayList;
import java.util.List;

/**
 * Four-point quantities: chi_4 from fluctuations of a global mobility, S_4(q) of a per-particle field at the smallest
 * box wave vectors, and the dynamic length xi from an Ornstein-Zernike fit.
 *
 * <p><b>chi_4</b> = N [&lt;Q^2&gt; - &lt;Q&gt;^2] with Q = (1/N) sum_i w_i the global value of one sample (a time origin
 * of one run, or one run of a set of replicas) and &lt;.&gt; the average over samples (population variance, 1/M). For
 * N independent particles with w in {0, 1} and P(w = 1) = p, chi_4 = p (1 - p); when all particles move together
 * chi_4 = N p (1 - p).
 *
 * <p><b>S_4(q)</b> = (1/N) &lt;|W(q)|^2&gt;, W(q) = sum_i (w_i - &lt;w&gt;) exp(i q.r_i(0)), positions at the time
 * origin, &lt;w&gt; the ensemble mean (seed 003 section 2.3, there with C_B^i as w_i), averaged over the box vectors of a
 * shell and over samples. With the ensemble mean subtracted, W(0) / N = Q - &lt;Q&gt;, so S_4(q = 0) = chi_4 exactly;
 * q = 0 itself is not used (a finite periodic box at fixed N: chi_4 measured at q = 0 is ensemble dependent, the
 * q -&gt; 0 limit of S_4 is what the fit extrapolates).
 *
 * <p><b>Shells</b> ({@link #smallestShells}): the box-compatible vectors q = 2 pi (nx/Lx, ny/Ly, nz/Lz) of the half space
 * (one of each +-q; |W(-q)| = |W(q)|), grouped by exactly equal |q| (n^2 = 1, 2, 3, 4, 5, 6, 8, 9, ... in a cube), the
 * first {@code shells} of them in increasing |q|, at most {@code maxPerShell} vectors each (a seeded subset, through
 * {@link StructureFactor#vectorsNear}).
 *
 * <p><b>Ornstein-Zernike fit</b> ({@link #ornsteinZernike}): S_4(q) = S_4(0) / (1 + (q xi)^2), linearised as
 * 1 / S_4 = 1 / S_4(0) + (xi^2 / S_4(0)) q^2 and fitted by ordinary least squares over the first {@code fitShells}
 * shells (q from 2 pi / L up to the fitShells-th shell; default 6 shells: q &le; sqrt(6) 2 pi / L in a cube, e.g.
 * q &le; 1.02 for L = 15.06 (KA 3D, N = 4096) or q &le; 0.47 for L = 32.9 (KA2D, N = 1290)). xi = sqrt(slope /
 * intercept). It is reported only when there are at least 3 shells with S_4 &gt; 0 and the slope and intercept are
 * positive, and flagged {@code resolved} only when the box allows: q_min xi &le; 1 (the box is at least about 2 pi xi
 * wide, so the small-q plateau is reached) and q_max xi &ge; 0.5 (the decay is visible in the fitted range). Seed 003
 * fits an extra Porod-like term A (xi q)^3; not done here (A = 0 is the OZ form).
 */
public final class FourPoint {
    private FourPoint() {
    }

    /**
     * The smallest |q| shells of a box.
     *
     * @param q       |q| of each shell [1/sigma]
     * @param vectors wave vectors {qx, qy, qz} [1/sigma], shell by shell
     * @param shellOf shell index of each vector
     * @param counts  vectors per shell
     */
    public record Shells(double[] q, double[][] vectors, int[] shellOf, int[] counts) {
        public int shells() {
            return q.length;
        }
    }

    /** The first {@code shells} distinct |q| of the box's half-space vectors, at most maxPerShell vectors each. */
    public static Shells smallestShells(Box box, int shells, int maxPerShell, long seed) {
        if (shells < 1 || maxPerShell < 1) {
            throw new IllegalArgumentException("need shells >= 1 and maxPerShell >= 1, got " + shells + ", " + maxPerShell);
        }
        boolean three = box.dims() == 3;
        double ux = 2 * Math.PI / box.lx();
        double uy = 2 * Math.PI / box.ly();
        double uz = three ? 2 * Math.PI / box.lz() : 0;
        double umin = 2 * Math.PI / Math.max(box.lx(), Math.max(box.ly(), three ? box.lz() : 0));
        List<Double> distinct = new ArrayList<>();
        for (int m = 2; ; m++) {
            double limit = m * umin;
            distinct.clear();
            int mx = (int) Math.floor(limit / ux);
            int my = (int) Math.floor(limit / uy);
            int mz = three ? (int) Math.floor(limit / uz) : 0;
            List<Double> all = new ArrayList<>();
            for (int nx = 0; nx <= mx; nx++) {
                for (int ny = nx == 0 ? (three ? 0 : 1) : -my; ny <= my; ny++) {
                    int nzFrom = !three ? 0 : (nx == 0 && ny == 0 ? 1 : -mz);
                    for (int nz = nzFrom; nz <= mz; nz++) {
                        double kx = nx * ux;
                        double ky = ny * uy;
                        double kz = nz * uz;
                        double k = Math.sqrt(kx * kx + ky * ky + kz * kz);
                        if (k > 0 && k < limit) {
                            all.add(k);
                        }
                    }
                }
            }
            all.sort(Double::compare);
            for (double k : all) {
                if (distinct.isEmpty() || k - distinct.get(distinct.size() - 1) > 1e-7 * k) {
                    distinct.add(k);
                }
            }
            if (distinct.size() > shells) { // every vector below limit enumerated: the first `shells` are complete
                break;
            }
        }
        double[] q = new double[shells];
        List<double[]> vec = new ArrayList<>();
        List<Integer> of = new ArrayList<>();
        int[] counts = new int[shells];
        for (int s = 0; s < shells; s++) {
            double k = distinct.get(s);
            double[][] vs = StructureFactor.vectorsNear(box, k, 1e-7 * k, maxPerShell, seed + 31L * s);
            double sum = 0;
            for (double[] v : vs) {
                vec.add(v);
                of.add(s);
                sum += Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            }
            counts[s] = vs.length;
            q[s] = sum / vs.length;
        }
        int[] shellOf = new int[of.size()];
        for (int i = 0; i < shellOf.length; i++) {
            shellOf[i] = of.get(i);
        }
        return new Shells(q, vec.toArray(new double[0][]), shellOf, counts);
    }

    /**
     * S_4 per shell of one per-particle field: (1/N) |sum_i (field_i - mean) exp(i q.r_i)|^2 averaged over the shell's
     * vectors, N = the particles with {@code include[i]} (all when null).
     */
    public static double[] s4(Box box, double[] x, double[] y, double[] z, int n, double[] field, double mean,
                              boolean[] include, Shells shells) {
        boolean three = box.dims() == 3;
        Phases ph = new Phases(shells.vectors(), 2 * Math.PI / box.lx(), 2 * Math.PI / box.ly(),
                three ? 2 * Math.PI / box.lz() : 0, three);
        int nv = shells.vectors().length;
        double[] re = new double[nv];
        double[] im = new double[nv];
        double[] wr = new double[nv];
        double[] wi = new double[nv];
        int used = 0;
        for (int i = 0; i < n; i++) {
            if (include != null && !include[i]) {
                continue;
            }
            used++;
            ph.all(x[i], y[i], three ? z[i] : 0, re, im, 0, 1);
            double d = field[i] - mean;
            for (int v = 0; v < nv; v++) {
                wr[v] += d * re[v];
                wi[v] += d * im[v];
            }
        }
        double[] out = new double[shells.shells()];
        for (int v = 0; v < nv; v++) {
            out[shells.shellOf()[v]] += wr[v] * wr[v] + wi[v] * wi[v];
        }
        for (int s = 0; s < out.length; s++) {
            out[s] /= (double) shells.counts()[s] * Math.max(used, 1);
        }
        return out;
    }

    /**
     * An Ornstein-Zernike fit S_4(q) = s4Zero / (1 + (q xi)^2).
     *
     * @param s4Zero   S_4(q -&gt; 0) [NaN when not fitted]
     * @param xi       dynamic correlation length [sigma] (NaN when not fitted)
     * @param xiError  standard error of xi from the least-squares covariance (NaN with fewer than 4 points)
     * @param qMin     smallest q used
     * @param qMax     largest q used
     * @param points   shells used
     * @param resolved q_min xi &le; 1 and q_max xi &ge; 0.5: the box resolves xi
     */
    public record OzFit(double s4Zero, double xi, double xiError, double qMin, double qMax, int points,
                        boolean resolved) {
    }

    /** The OZ fit over the first {@code fitShells} shells (those with S_4 &gt; 0 and finite). */
    public static OzFit ornsteinZernike(double[] q, double[] s4, int fitShells) {
        int m = Math.min(fitShells, q.length);
        double[] xs = new double[m];
        double[] ys = new double[m];
        int p = 0;
        double qMin = Double.NaN;
        double qMax = Double.NaN;
        for (int s = 0; s < m; s++) {
            if (s4[s] > 0 && Double.isFinite(s4[s]) && q[s] > 0) {
                xs[p] = q[s] * q[s];
                ys[p] = 1 / s4[s];
                qMin = Double.isNaN(qMin) ? q[s] : Math.min(qMin, q[s]);
                qMax = Double.isNaN(qMax) ? q[s] : Math.max(qMax, q[s]);
                p++;
            }
        }
        if (p < 3) {
            return new OzFit(Double.NaN, Double.NaN, Double.NaN, qMin, qMax, p, false);
        }
        Linear.Fit f = Linear.fit(xs, ys, p);
        double a = f.intercept();
        double b = f.slope();
        if (!(a > 0) || !(b > 0)) {
            return new OzFit(a > 0 ? 1 / a : Double.NaN, Double.NaN, Double.NaN, qMin, qMax, p, false);
        }
        double xi2 = b / a;
        double xi = Math.sqrt(xi2);
        double err = Double.NaN;
        if (p > 2 && Double.isFinite(f.varIntercept())) {
            double rel2 = f.varSlope() / (b * b) + f.varIntercept() / (a * a) - 2 * f.covariance() / (a * b);
            err = 0.5 * xi * Math.sqrt(Math.max(0, rel2));
        }
        boolean resolved = qMin * xi <= 1 && qMax * xi >= 0.5;
        return new OzFit(1 / a, xi, err, qMin, qMax, p, resolved);
    }

    /** chi_4 = n [mean(Q^2) - mean(Q)^2] over the samples (population variance). */
    public static double chi4(double[] q, int n) {
        double s = 0;
        double s2 = 0;
        for (double v : q) {
            s += v;
            s2 += v * v;
        }
        double m = s / q.length;
        return n * Math.max(0, s2 / q.length - m * m);
    }

    /**
     * chi_4(t) over runs or replicas: {@code qPerRun[r][lag]} is run r's global Q (or C_B, or any per-run mean of a
     * per-particle mobility over its n particles) at each lag; returns n [&lt;Q^2&gt; - &lt;Q&gt;^2] per lag, averages over
     * runs. With per-run values that are themselves averages over time origins, this is the variance of those averages
     * (smaller than the per-origin chi_4 when origins decorrelate).
     */
    public static double[] chi4OverRuns(double[][] qPerRun, int n) {
        if (qPerRun.length < 2) {
            throw new IllegalArgumentException("chi_4 over runs needs at least two runs, got " + qPerRun.length);
        }
        int lags = qPerRun[0].length;
        double[] out = new double[lags];
        double[] col = new double[qPerRun.length];
        for (int l = 0; l < lags; l++) {
            for (int r = 0; r < qPerRun.length; r++) {
                if (qPerRun[r].length != lags) {
                    throw new IllegalArgumentException("run " + r + " has " + qPerRun[r].length + " lags, run 0 " + lags);
                }
                col[r] = qPerRun[r][l];
            }
            out[l] = chi4(col, n);
        }
        return out;
    }
}
