package glassworks.md.dynamics;

import glassworks.md.Box;
import glassworks.md.structure.StructureFactor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The per-run dynamical observables of one trajectory, averaged over the (origin, lag) pairs of a {@link LagGrid}, per
 * species and for all particles, in one pass over the pairs.
 *
 * <p>For a pair (origin o, target o + t) and particle i, dr_i = r_i(o + t) - r_i(o) from the <b>unwrapped</b> positions
 * (no minimum image: self quantities need the true displacement). Per lag t and channel c (species s, or all):
 * <ul>
 *   <li>MSD &lt;dr^2&gt; and &lt;dr^4&gt;; the non-Gaussian parameter alpha_2 = d &lt;dr^4&gt; / ((d + 2) &lt;dr^2&gt;^2) - 1
 *       (d = dims: 3/5 &lt;dr^4&gt;/&lt;dr^2&gt;^2 - 1 in 3D, 1/2 ... in 2D; 0 for Gaussian displacements);</li>
 *   <li>the self van Hove function as the distribution P(r, t) of |dr| in {@code vanHoveBins} bins on
 *       [0, vanHoveRMax) (normalised so that sum P dr = 1 - the fraction beyond rMax) and G_s(r, t) = P / (S_d r^(d-1))
 *       per bin ({@link Result#selfVanHove});</li>
 *   <li>F_s(k, t) = &lt;cos(k.dr)&gt; over the box-compatible vectors with ||k| - k| &le; kHalfWidth (at most kVectors,
 *       {@link StructureFactor#vectorsNear} of the first frame's box; one of each +-k, so the mean of cos is the mean of
 *       exp(i k.dr) over +-k) — the isotropic self-intermediate scattering function of seed 002 section 2;</li>
 *   <li>the self-overlap Q(t) = &lt;w_i&gt;, w_i = 1 if |dr_i| &lt; a (default a = 0.3) else 0, and chi_4(t) = N_c
 *       [&lt;Q_c^2&gt; - &lt;Q_c&gt;^2] over the time origins, Q_c the overlap of one pair averaged over the channel's
 *       N_c particles;</li>
 *   <li>with bond cutoffs set, the bond-breaking correlation C_B(t) (seed 003; {@link BondBreaking}), averaged over the
 *       particles with n_0 &gt; 0, and its chi_4^CB = N_c [&lt;C̄_B^2&gt; - &lt;C̄_B&gt;^2] over origins (seed 003's
 *       chi_4 with time origins in place of configurations);</li>
 *   <li>S_4(q, t) = (1/N_c) &lt;|sum_i (w_i - &lt;Q&gt;) exp(i q.r_i(o))|^2&gt; over the smallest {@code s4Shells}
 *       |q| shells of the origin's box ({@link FourPoint}), &lt;Q&gt; the final mean over all origins of that lag, so
 *       S_4(q -&gt; 0) matches chi_4; the field w is the overlap, or C_B^i with {@link S4Field#BOND_BREAKING}.</li>
 * </ul>
 * Error bars ({@code *Error}) are standard errors of the mean over origins (per-origin channel means; NaN with one
 * origin); origins whose windows overlap are correlated, so they are lower bounds.
 *
 * <p>Cost and memory: for each origin (neighbour lists and S_4 phases built once per origin), for each lag with a target:
 * one loop over particles. Accumulators are per (lag, channel) (+ van Hove bins, S_4 shells): O(lags x channels x
 * (bins + shells)), never per (origin, lag) or per particle ({@link Result#accumulatorSlots}). With {@code threads}
 * &gt; 1 the origins are dealt round-robin to a fixed pool of plain Java threads, each with its own accumulators, merged in
 * worker order (deterministic for a given thread count).
 */
public final class RunDynamics {
    private RunDynamics() {
    }

    /** Which per-particle field enters S_4. */
    public enum S4Field { OVERLAP, BOND_BREAKING }

    /**
     * Settings.
     *
     * @param k             |k| of F_s [1/sigma], e.g. k* (first peak of S(k)); no default
     * @param kHalfWidth    shell half-width for the F_s vectors [1/sigma]; NaN (default) for pi / L_min (half the grid
     *                      spacing)
     * @param kVectors      most F_s vectors (seeded subset); default 48
     * @param seed          seed of the vector subsets; default 2026
     * @param overlapA      overlap cutoff a [sigma]; default 0.3
     * @param vanHoveBins   van Hove bins; default 200
     * @param vanHoveRMax   van Hove range [sigma]; default 5
     * @param bonds         bond-breaking cutoffs, or null (default) for no C_B
     * @param s4Shells      smallest |q| shells for S_4; 0 for none; default 10
     * @param s4MaxPerShell most vectors per S_4 shell; default 64
     * @param s4FitShells   shells used by the OZ fit; default 6
     * @param s4Field       field of S_4; default OVERLAP
     * @param threads       worker threads; default 1
     */
    public record Options(double k, double kHalfWidth, int kVectors, long seed, double overlapA, int vanHoveBins,
                          double vanHoveRMax, BondBreaking.Cutoffs bonds, int s4Shells, int s4MaxPerShell,
                          int s4FitShells, S4Field s4Field, int threads) {
        public Options {
            if (!(k > 0) || Double.isInfinite(k) || !(Double.isNaN(kHalfWidth) || kHalfWidth >= 0) || kVectors < 1
                    || !(overlapA > 0) || vanHoveBins < 1 || !(vanHoveRMax > 0) || s4Shells < 0 || s4MaxPerShell < 1
                    || s4FitShells < 3 || threads < 1 || s4Field == null) {
                throw new IllegalArgumentException("dynamics options out of range: k " + k + " > 0, kHalfWidth "
                        + kHalfWidth + " >= 0 or NaN, kVectors " + kVectors + " >= 1, overlap a " + overlapA
                        + " > 0, van Hove bins " + vanHoveBins + " >= 1 and rMax " + vanHoveRMax + " > 0, S4 shells "
                        + s4Shells + " >= 0, per shell " + s4MaxPerShell + " >= 1, fit shells " + s4FitShells
                        + " >= 3, threads " + threads + " >= 1, S4 field " + s4Field);
            }
            if (s4Field == S4Field.BOND_BREAKING && bonds == null && s4Shells > 0) {
                throw new IllegalArgumentException("S4 of the bond-breaking field needs bond cutoffs");
            }
        }

        /** Defaults with F_s at |k| = {@code k}. */
        public static Options defaults(double k) {
            return new Options(k, Double.NaN, 48, 2026L, 0.3, 200, 5.0, null, 10, 64, 6, S4Field.OVERLAP, 1);
        }

        public Options withWaveVectors(double halfWidth, int max, long seed) {
            return new Options(k, halfWidth, max, seed, overlapA, vanHoveBins, vanHoveRMax, bonds, s4Shells,
                    s4MaxPerShell, s4FitShells, s4Field, threads);
        }

        public Options withOverlap(double a) {
            return new Options(k, kHalfWidth, kVectors, seed, a, vanHoveBins, vanHoveRMax, bonds, s4Shells,
                    s4MaxPerShell, s4FitShells, s4Field, threads);
        }

        public Options withVanHove(int bins, double rMax) {
            return new Options(k, kHalfWidth, kVectors, seed, overlapA, bins, rMax, bonds, s4Shells, s4MaxPerShell,
                    s4FitShells, s4Field, threads);
        }

        public Options withBonds(BondBreaking.Cutoffs cutoffs) {
            return new Options(k, kHalfWidth, kVectors, seed, overlapA, vanHoveBins, vanHoveRMax, cutoffs, s4Shells,
                    s4MaxPerShell, s4FitShells, s4Field, threads);
        }

        public Options withS4(int shells, int maxPerShell, int fitShells, S4Field field) {
            return new Options(k, kHalfWidth, kVectors, seed, overlapA, vanHoveBins, vanHoveRMax, bonds, shells,
                    maxPerShell, fitShells, field, threads);
        }

        public Options withThreads(int n) {
            return new Options(k, kHalfWidth, kVectors, seed, overlapA, vanHoveBins, vanHoveRMax, bonds, s4Shells,
                    s4MaxPerShell, s4FitShells, s4Field, n);
        }
    }

    /**
     * Per-lag observables. Two-dimensional arrays are [channel][lag], channel = species index, or {@link #all()} for all
     * particles; a channel without particles (or C_B without bond cutoffs) is NaN.
     *
     * @param dims             2 or 3
     * @param particles        particles per channel (N_c)
     * @param lagSteps         lags [steps]
     * @param lagTimes         lags [tau]
     * @param pairs            (origin, lag) pairs averaged per lag
     * @param msd              &lt;dr^2&gt;
     * @param msdError         standard error over origins
     * @param meanR4           &lt;dr^4&gt;
     * @param alpha2           non-Gaussian parameter
     * @param fs               F_s(k, t)
     * @param fsError          standard error over origins
     * @param overlap          Q(t)
     * @param overlapError     standard error over origins
     * @param chi4             N_c [&lt;Q^2&gt; - &lt;Q&gt;^2] over origins
     * @param cb               C_B(t) (NaN without bond cutoffs)
     * @param cbError          standard error over origins
     * @param chi4Cb           N_c [&lt;C_B^2&gt; - &lt;C_B&gt;^2] over origins
     * @param vanHove          P(|dr| in bin) / bin width, [channel][lag][bin]
     * @param vanHoveBeyond    fraction of displacements &ge; rMax, [channel][lag]
     * @param vanHoveBinWidth  bin width [sigma]
     * @param k                mean |k| of the F_s vectors
     * @param kVectors         number of F_s vectors
     * @param s4Q              mean |q| per S_4 shell of the first frame's box (empty without S_4; under NPT each
     *                         origin uses its own box's vectors, shells matched by rank)
     * @param s4               S_4, [channel][lag][shell]
     * @param s4FitShells      shells used by {@link #dynamicLength}
     * @param overlapA         overlap cutoff a
     * @param accumulatorSlots array elements of one worker's accumulators (memory check)
     */
    public record Result(int dims, int[] particles, long[] lagSteps, double[] lagTimes, int[] pairs, double[][] msd,
                         double[][] msdError, double[][] meanR4, double[][] alpha2, double[][] fs, double[][] fsError,
                         double[][] overlap, double[][] overlapError, double[][] chi4, double[][] cb,
                         double[][] cbError, double[][] chi4Cb, double[][][] vanHove, double[][] vanHoveBeyond,
                         double vanHoveBinWidth, double k, int kVectors, double[] s4Q, double[][][] s4,
                         int s4FitShells, double overlapA, long accumulatorSlots) {

        /** Number of channels (species + 1). */
        public int channels() {
            return particles.length;
        }

        /** The all-particles channel. */
        public int all() {
            return particles.length - 1;
        }

        public int lags() {
            return lagSteps.length;
        }

        /** G_s(r, t) per bin: counts / (N_c pairs shell volume), shell volume of [r_b, r_b+1) in d dimensions. */
        public double[] selfVanHove(int channel, int lag) {
            double[] p = vanHove[channel][lag];
            double[] g = new double[p.length];
            double w = vanHoveBinWidth;
            for (int b = 0; b < p.length; b++) {
                double r0 = b * w;
                double r1 = r0 + w;
                double shell = glassworks.md.analysis.RadialDistribution.shellVolume(dims, r0, r1);
                g[b] = p[b] * w / shell;
            }
            return g;
        }

        /** Bin centres of the van Hove histogram. */
        public double[] vanHoveR() {
            int bins = vanHove[0][0].length;
            double[] r = new double[bins];
            for (int b = 0; b < bins; b++) {
                r[b] = (b + 0.5) * vanHoveBinWidth;
            }
            return r;
        }

        /** tau_alpha: F_s(k, tau) = 1/e ({@link TimeScales#crossing}), with the origin spread as statistical error. */
        public TimeScales.Crossing tauAlpha(int channel) {
            return TimeScales.crossing(lagTimes, fs[channel], fsError[channel], Math.exp(-1));
        }

        /** tau of C_B = 1/2 (seed 003's tau_alpha^BB). */
        public TimeScales.Crossing tauBondBreaking(int channel) {
            return TimeScales.crossing(lagTimes, cb[channel], cbError[channel], 0.5);
        }

        /** D from the long-time MSD ({@link TimeScales#diffusion}). */
        public TimeScales.Diffusion diffusion(int channel) {
            return TimeScales.diffusion(lagTimes, msd[channel], dims);
        }

        /** Peak of chi_4(t) ({@link TimeScales#peak}). */
        public TimeScales.Peak chi4Peak(int channel) {
            return TimeScales.peak(lagTimes, chi4[channel]);
        }

        /** OZ fit of S_4(q, t) of lag {@code lag} ({@link FourPoint#ornsteinZernike}). */
        public FourPoint.OzFit dynamicLength(int channel, int lag) {
            return FourPoint.ornsteinZernike(s4Q, s4[channel][lag], s4FitShells);
        }
    }

    /** Computes every observable of the trajectory over the grid's pairs. */
    public static Result compute(Trajectory traj, LagGrid grid, Options o) {
        if (grid.frames() != traj.frames()) {
            throw new IllegalArgumentException("the lag grid was built on " + grid.frames() + " frames, the trajectory "
                    + "has " + traj.frames());
        }
        int species = traj.speciesCount();
        if (o.bonds() != null && o.bonds().species() < species) {
            throw new IllegalArgumentException("bond cutoffs cover " + o.bonds().species() + " species, the trajectory "
                    + "has " + species);
        }
        Box box0 = traj.box(0);
        double hw = Double.isNaN(o.kHalfWidth()) ? Math.PI / box0.minEdge() : o.kHalfWidth();
        double[][] kv = StructureFactor.vectorsNear(box0, o.k(), hw, o.kVectors(), o.seed());
        double kMean = 0;
        for (double[] v : kv) {
            kMean += Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        }
        kMean /= kv.length;
        FourPoint.Shells shells0 = o.s4Shells() > 0
                ? FourPoint.smallestShells(box0, o.s4Shells(), o.s4MaxPerShell(), o.seed()) : null;

        int workers = Math.min(o.threads(), grid.originCount());
        List<Worker> ws = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            ws.add(new Worker(traj, grid, o, kv, box0, shells0, w, workers));
        }
        if (workers == 1) {
            ws.get(0).run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "glassworks-dynamics");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (Worker w : ws) {
                    fs.add(pool.submit(w));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("dynamics interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(c);
            } finally {
                pool.shutdownNow();
            }
        }
        Acc acc = ws.get(0).acc;
        for (int w = 1; w < workers; w++) {
            acc.merge(ws.get(w).acc);
        }
        return acc.result(traj, grid, o, kMean, kv.length, shells0);
    }

    /** Sums over (origin, lag) pairs of one worker. Flat arrays indexed [lag * C + channel] (then bin / shell). */
    private static final class Acc {
        final int lags;
        final int channels;
        final int bins;
        final int shells;
        final int[] pairs;
        final double[] msd;
        final double[] msd2;
        final double[] r4;
        final double[] fs;
        final double[] fs2;
        final double[] q;
        final double[] q2;
        final double[] cb;
        final double[] cb2;
        final int[] cbPairs;
        final long[] hist;
        final double[] sAA;
        final double[] sAR;
        final double[] sRR;
        final long[] s4Count;

        Acc(int lags, int channels, int bins, int shells) {
            this.lags = lags;
            this.channels = channels;
            this.bins = bins;
            this.shells = shells;
            int lc = lags * channels;
            pairs = new int[lags];
            msd = new double[lc];
            msd2 = new double[lc];
            r4 = new double[lc];
            fs = new double[lc];
            fs2 = new double[lc];
            q = new double[lc];
            q2 = new double[lc];
            cb = new double[lc];
            cb2 = new double[lc];
            cbPairs = new int[lc];
            hist = new long[lc * (bins + 1)];
            sAA = new double[lc * shells];
            sAR = new double[lc * shells];
            sRR = new double[lc * shells];
            s4Count = new long[lags * shells];
        }

        long slots() {
            return pairs.length + 10L * msd.length + hist.length + 3L * sAA.length + s4Count.length;
        }

        void merge(Acc b) {
            add(pairs, b.pairs);
            add(msd, b.msd);
            add(msd2, b.msd2);
            add(r4, b.r4);
            add(fs, b.fs);
            add(fs2, b.fs2);
            add(q, b.q);
            add(q2, b.q2);
            add(cb, b.cb);
            add(cb2, b.cb2);
            add(cbPairs, b.cbPairs);
            for (int i = 0; i < hist.length; i++) {
                hist[i] += b.hist[i];
            }
            add(sAA, b.sAA);
            add(sAR, b.sAR);
            add(sRR, b.sRR);
            for (int i = 0; i < s4Count.length; i++) {
                s4Count[i] += b.s4Count[i];
            }
        }

        private static void add(double[] a, double[] b) {
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
        }

        private static void add(int[] a, int[] b) {
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
        }

        Result result(Trajectory traj, LagGrid grid, Options o, double kMean, int kCount, FourPoint.Shells shells0) {
            int species = channels - 1;
            int[] nc = new int[channels];
            for (int s = 0; s < species; s++) {
                nc[s] = traj.count(s);
            }
            nc[species] = traj.n();
            int d = traj.dims();
            double[][] mMsd = new double[channels][lags];
            double[][] eMsd = new double[channels][lags];
            double[][] mR4 = new double[channels][lags];
            double[][] a2 = new double[channels][lags];
            double[][] mFs = new double[channels][lags];
            double[][] eFs = new double[channels][lags];
            double[][] mQ = new double[channels][lags];
            double[][] eQ = new double[channels][lags];
            double[][] x4 = new double[channels][lags];
            double[][] mCb = new double[channels][lags];
            double[][] eCb = new double[channels][lags];
            double[][] x4Cb = new double[channels][lags];
            double binW = o.vanHoveRMax() / bins;
            double[][][] vh = new double[channels][lags][bins];
            double[][] beyond = new double[channels][lags];
            double[][][] s4 = new double[channels][lags][shells];
            for (int l = 0; l < lags; l++) {
                int p = pairs[l];
                for (int c = 0; c < channels; c++) {
                    int at = l * channels + c;
                    if (nc[c] == 0 || p == 0) {
                        mMsd[c][l] = eMsd[c][l] = mR4[c][l] = a2[c][l] = mFs[c][l] = eFs[c][l] = Double.NaN;
                        mQ[c][l] = eQ[c][l] = x4[c][l] = mCb[c][l] = eCb[c][l] = x4Cb[c][l] = Double.NaN;
                        java.util.Arrays.fill(vh[c][l], Double.NaN);
                        beyond[c][l] = Double.NaN;
                        java.util.Arrays.fill(s4[c][l], Double.NaN);
                        continue;
                    }
                    mMsd[c][l] = msd[at] / p;
                    eMsd[c][l] = stderr(msd[at], msd2[at], p);
                    mR4[c][l] = r4[at] / p;
                    a2[c][l] = d * mR4[c][l] / ((d + 2) * mMsd[c][l] * mMsd[c][l]) - 1;
                    mFs[c][l] = fs[at] / p;
                    eFs[c][l] = stderr(fs[at], fs2[at], p);
                    mQ[c][l] = q[at] / p;
                    eQ[c][l] = stderr(q[at], q2[at], p);
                    x4[c][l] = nc[c] * Math.max(0, q2[at] / p - mQ[c][l] * mQ[c][l]);
                    int cp = cbPairs[at];
                    if (o.bonds() != null && cp > 0) {
                        mCb[c][l] = cb[at] / cp;
                        eCb[c][l] = stderr(cb[at], cb2[at], cp);
                        x4Cb[c][l] = nc[c] * Math.max(0, cb2[at] / cp - mCb[c][l] * mCb[c][l]);
                    } else {
                        mCb[c][l] = eCb[c][l] = x4Cb[c][l] = Double.NaN;
                    }
                    double norm = (double) nc[c] * p;
                    int h = at * (bins + 1);
                    for (int b = 0; b < bins; b++) {
                        vh[c][l][b] = hist[h + b] / norm / binW;
                    }
                    beyond[c][l] = hist[h + bins] / norm;
                    double mean = o.s4Field() == S4Field.BOND_BREAKING ? mCb[c][l] : mQ[c][l];
                    for (int s = 0; s < shells; s++) {
                        int k = at * shells + s;
                        long cnt = s4Count[l * shells + s];
                        s4[c][l][s] = cnt == 0 || Double.isNaN(mean) ? Double.NaN
                                : (sAA[k] - 2 * mean * sAR[k] + mean * mean * sRR[k]) / ((double) cnt * nc[c]);
                    }
                }
            }
            double[] s4Q = shells0 == null ? new double[0] : shells0.q().clone();
            return new Result(d, nc, grid.lagSteps(), grid.lagTimes(), pairs.clone(), mMsd, eMsd, mR4, a2, mFs, eFs,
                    mQ, eQ, x4, mCb, eCb, x4Cb, vh, beyond, binW, kMean, kCount, s4Q, s4, o.s4FitShells(),
                    o.overlapA(), slots());
        }

        private static double stderr(double sum, double sum2, int m) {
            if (m < 2) {
                return Double.NaN;
            }
            double mean = sum / m;
            double var = Math.max(0, (sum2 - m * mean * mean) / (m - 1));
            return Math.sqrt(var / m);
        }
    }

    /** Processes origins w, w + W, w + 2W, ... into its own accumulator. */
    private static final class Worker implements Runnable {
        final Trajectory traj;
        final LagGrid grid;
        final Options o;
        final int index;
        final int stride;
        final Acc acc;
        final Phases fsPhases;
        final int species;
        final int channels;
        final int n;
        final boolean three;
        // S4
        FourPoint.Shells shells;
        Box shellsBox;
        Phases s4Phases;
        double[] tabRe;
        double[] tabIm;
        double[] rhoRe;
        double[] rhoIm;
        double[] aRe;
        double[] aIm;
        // scratch
        final double[] field;
        final boolean[] defined;
        final double[] s2;
        final double[] s4;
        final double[] sq;
        final double[] sfs;
        final double[] scb;
        final int[] ncb;
        final int[] surv;
        final double[] cbi;

        Worker(Trajectory traj, LagGrid grid, Options o, double[][] kv, Box box0, FourPoint.Shells shells0, int index,
               int stride) {
            this.traj = traj;
            this.grid = grid;
            this.o = o;
            this.index = index;
            this.stride = stride;
            this.n = traj.n();
            this.species = traj.speciesCount();
            this.channels = species + 1;
            this.three = traj.dims() == 3;
            int nShells = shells0 == null ? 0 : shells0.shells();
            this.acc = new Acc(grid.lags(), channels, o.vanHoveBins(), nShells);
            this.fsPhases = new Phases(kv, 2 * Math.PI / box0.lx(), 2 * Math.PI / box0.ly(),
                    three ? 2 * Math.PI / box0.lz() : 0, three);
            this.shells = shells0;
            this.shellsBox = box0;
            if (shells0 != null) {
                setShells(shells0, box0);
            }
            field = new double[n];
            defined = new boolean[n];
            s2 = new double[channels];
            s4 = new double[channels];
            sq = new double[channels];
            sfs = new double[channels];
            scb = new double[channels];
            ncb = new int[channels];
            surv = o.bonds() != null ? new int[n] : null;
            cbi = o.bonds() != null ? new double[n] : null;
        }

        private void setShells(FourPoint.Shells sh, Box box) {
            shells = sh;
            shellsBox = box;
            s4Phases = new Phases(sh.vectors(), 2 * Math.PI / box.lx(), 2 * Math.PI / box.ly(),
                    three ? 2 * Math.PI / box.lz() : 0, three);
            int nv = sh.vectors().length;
            if (tabRe == null || tabRe.length < nv * n) {
                tabRe = new double[nv * n];
                tabIm = new double[nv * n];
            }
            rhoRe = new double[nv * channels];
            rhoIm = new double[nv * channels];
            aRe = new double[nv * channels];
            aIm = new double[nv * channels];
        }

        @Override
        public void run() {
            for (int j = index; j < grid.originCount(); j += stride) {
                origin(grid.origin(j));
            }
        }

        private void origin(int o0) {
            Box box = traj.box(o0);
            double[] x0 = traj.x(o0);
            double[] y0 = traj.y(o0);
            double[] z0 = traj.z(o0);
            int[] sp = traj.species();
            BondBreaking.Bonds bonds = null;
            if (o.bonds() != null) {
                bonds = BondBreaking.initial(box, x0, y0, z0, n, sp, o.bonds());
            }
            boolean s4on = shells != null;
            boolean s4cb = o.s4Field() == S4Field.BOND_BREAKING;
            int nv = 0;
            if (s4on) {
                if (!box.equals(shellsBox)) { // NPT: this origin's own box-compatible vectors, same shell ranks
                    setShells(FourPoint.smallestShells(box, o.s4Shells(), o.s4MaxPerShell(), o.seed()), box);
                }
                nv = shells.vectors().length;
                for (int i = 0; i < n; i++) {
                    s4Phases.all(x0[i], y0[i], three ? z0[i] : 0, tabRe, tabIm, i, n);
                    defined[i] = !s4cb || bonds.count(i) > 0;
                }
                java.util.Arrays.fill(rhoRe, 0);
                java.util.Arrays.fill(rhoIm, 0);
                for (int v = 0; v < nv; v++) {
                    int base = v * n;
                    for (int i = 0; i < n; i++) {
                        if (defined[i]) {
                            int c = v * channels + sp[i];
                            rhoRe[c] += tabRe[base + i];
                            rhoIm[c] += tabIm[base + i];
                        }
                    }
                    double tr = 0;
                    double ti = 0;
                    for (int s = 0; s < species; s++) {
                        tr += rhoRe[v * channels + s];
                        ti += rhoIm[v * channels + s];
                    }
                    rhoRe[v * channels + species] = tr;
                    rhoIm[v * channels + species] = ti;
                }
            }
            double a2 = o.overlapA() * o.overlapA();
            int bins = o.vanHoveBins();
            double invW = bins / o.vanHoveRMax();
            int nk = fsPhases.vectors;
            for (int l = 0; l < grid.lags(); l++) {
                int t = grid.target(o0, l);
                if (t < 0) {
                    continue;
                }
                double[] x1 = traj.x(t);
                double[] y1 = traj.y(t);
                double[] z1 = traj.z(t);
                java.util.Arrays.fill(s2, 0);
                java.util.Arrays.fill(s4, 0);
                java.util.Arrays.fill(sq, 0);
                java.util.Arrays.fill(sfs, 0);
                int histBase = l * channels * (bins + 1);
                int histAll = histBase + species * (bins + 1);
                for (int i = 0; i < n; i++) {
                    double dx = x1[i] - x0[i];
                    double dy = y1[i] - y0[i];
                    double dz = three ? z1[i] - z0[i] : 0;
                    double r2 = dx * dx + dy * dy + dz * dz;
                    int c = sp[i];
                    s2[c] += r2;
                    s4[c] += r2 * r2;
                    double w = r2 < a2 ? 1.0 : 0.0;
                    sq[c] += w;
                    field[i] = w;
                    sfs[c] += fsPhases.sumCos(dx, dy, dz);
                    double rb = Math.sqrt(r2) * invW;
                    int b = rb < bins ? (int) rb : bins;
                    acc.hist[histBase + c * (bins + 1) + b]++;
                    acc.hist[histAll + b]++;
                }
                if (bonds != null) {
                    BondBreaking.perParticle(bonds, traj.box(t), x1, y1, z1, sp, o.bonds(), surv, cbi);
                    java.util.Arrays.fill(scb, 0);
                    java.util.Arrays.fill(ncb, 0);
                    for (int i = 0; i < n; i++) {
                        double v = cbi[i];
                        if (!Double.isNaN(v)) {
                            scb[sp[i]] += v;
                            ncb[sp[i]]++;
                        }
                        if (s4cb) {
                            field[i] = Double.isNaN(v) ? 0 : v;
                        }
                    }
                }
                // all-particles channel and per-pair means
                int all = species;
                s2[all] = 0;
                s4[all] = 0;
                sq[all] = 0;
                sfs[all] = 0;
                for (int s = 0; s < species; s++) {
                    s2[all] += s2[s];
                    s4[all] += s4[s];
                    sq[all] += sq[s];
                    sfs[all] += sfs[s];
                }
                if (bonds != null) {
                    scb[all] = 0;
                    ncb[all] = 0;
                    for (int s = 0; s < species; s++) {
                        scb[all] += scb[s];
                        ncb[all] += ncb[s];
                    }
                }
                acc.pairs[l]++;
                for (int c = 0; c < channels; c++) {
                    int nc = c == all ? n : traj.count(c);
                    if (nc == 0) {
                        continue;
                    }
                    int at = l * channels + c;
                    double m2 = s2[c] / nc;
                    acc.msd[at] += m2;
                    acc.msd2[at] += m2 * m2;
                    acc.r4[at] += s4[c] / nc;
                    double f = sfs[c] / ((double) nc * nk);
                    acc.fs[at] += f;
                    acc.fs2[at] += f * f;
                    double qq = sq[c] / nc;
                    acc.q[at] += qq;
                    acc.q2[at] += qq * qq;
                    if (bonds != null && ncb[c] > 0) {
                        double cm = scb[c] / ncb[c];
                        acc.cb[at] += cm;
                        acc.cb2[at] += cm * cm;
                        acc.cbPairs[at]++;
                    }
                }
                if (s4on) {
                    s4Pair(l, nv, sp);
                }
            }
        }

        /** A_c(q) = sum_{i in c, defined} field_i exp(i q.r_i(0)); adds |A|^2, Re(A rho*), |rho|^2 per shell. */
        private void s4Pair(int l, int nv, int[] sp) {
            java.util.Arrays.fill(aRe, 0);
            java.util.Arrays.fill(aIm, 0);
            for (int v = 0; v < nv; v++) {
                int base = v * n;
                int vc = v * channels;
                for (int i = 0; i < n; i++) {
                    if (defined[i]) {
                        double w = field[i];
                        aRe[vc + sp[i]] += w * tabRe[base + i];
                        aIm[vc + sp[i]] += w * tabIm[base + i];
                    }
                }
                double tr = 0;
                double ti = 0;
                for (int s = 0; s < species; s++) {
                    tr += aRe[vc + s];
                    ti += aIm[vc + s];
                }
                aRe[vc + species] = tr;
                aIm[vc + species] = ti;
                int shell = shells.shellOf()[v];
                for (int c = 0; c < channels; c++) {
                    int k = (l * channels + c) * acc.shells + shell;
                    double ar = aRe[vc + c];
                    double ai = aIm[vc + c];
                    double rr = rhoRe[vc + c];
                    double ri = rhoIm[vc + c];
                    acc.sAA[k] += ar * ar + ai * ai;
                    acc.sAR[k] += ar * rr + ai * ri;
                    acc.sRR[k] += rr * rr + ri * ri;
                }
                acc.s4Count[l * acc.shells + shell]++;
            }
        }
    }
}
