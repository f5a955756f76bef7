package glassworks.md.structure;

import glassworks.md.Box;
import glassworks.md.FrameView;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The static structure factor S(k) = &lt;|rho(k)|^2&gt; / N, rho(k) = sum_j exp(i k.r_j), computed directly from the
 * particle positions of one frame or averaged over frames, in 2D and 3D, and optionally the partials.
 *
 * <p><b>Wave vectors.</b> Only box-compatible vectors k = 2 pi (nx / Lx, ny / Ly, nz / Lz), integers n (nz = 0 in 2D),
 * k &ne; 0. Since |rho(-k)| = |rho(k)|, one of each pair +-k is used (the half space: first non-zero n component
 * positive). Vectors are grouped in |k| bins of width dk (default 2 pi / L_min, the spacing of the reciprocal grid of a
 * cube) centred on multiples of dk: bin b holds (b - 1/2) dk &le; |k| &lt; (b + 1/2) dk, b = 1 .. round(kMax / dk);
 * the bin's reported k is the mean |k| of the vectors used in it, not its centre. A bin with more than
 * {@link Options#maxVectorsPerBin()} vectors uses a uniform random subset of that size, chosen by reservoir sampling
 * over the vectors in a fixed enumeration order with a generator seeded by ({@link Options#seed()}, bin): the same
 * options and box give the same vectors. Cost: O(N x vectors) per frame, vectors &le; bins x maxVectorsPerBin.
 *
 * <p><b>Partials</b> (Ashcroft-Langreth): S_ab(k) = Re(rho_a(k) rho_b(k)*) / sqrt(N_a N_b), so S_aa -&gt; 1 and
 * S_ab -&gt; 0 (a &ne; b) at large k, and S(k) = sum_{a,b} sqrt(x_a x_b) S_ab(k) with x_a = N_a / N. Pair channels are
 * ordered as in {@code RadialDistribution} (AA, AB, ..., BB, ...). Kob and Andersen (1995) normalise by 1/N (and a
 * factor 1/2 for a &ne; b) instead: peak positions are the same.
 *
 * <p>Frames are averaged vector by vector: each (frame, vector) sample weighs equally. The binning is fixed by the
 * first frame's box (its dk default and vector set); later frames of another box (NPT) draw their own box-compatible
 * vectors in the same |k| bins.
 */
public final class StructureFactor {

    /**
     * Settings.
     *
     * @param kMax             largest |k| [1/sigma]; default 20 (the first few peaks of a LJ liquid)
     * @param binWidth         |k| bin width [1/sigma]; NaN (default) for 2 pi / L_min of the first frame
     * @param maxVectorsPerBin most wave vectors used per bin (a deterministic random subset beyond it); default 500
     * @param seed             seed of that subset; default 2026
     * @param partials         also compute the partial S_ab; default false
     */
    public record Options(double kMax, double binWidth, int maxVectorsPerBin, long seed, boolean partials) {
        /** kMax 20, binWidth 2 pi / L, 500 vectors per bin, seed 2026, no partials. */
        public static final Options DEFAULTS = new Options(20.0, Double.NaN, 500, 2026L, false);

        public Options {
            if (!(kMax > 0) || Double.isInfinite(kMax) || !(Double.isNaN(binWidth) || binWidth > 0)
                    || maxVectorsPerBin < 1) {
                throw new IllegalArgumentException("structure factor options out of range: kMax " + kMax + " > 0, binWidth "
                        + binWidth + " > 0 (or NaN for 2 pi / L), maxVectorsPerBin " + maxVectorsPerBin + " >= 1");
            }
        }

        /** The same with partials on or off. */
        public Options withPartials(boolean on) {
            return new Options(kMax, binWidth, maxVectorsPerBin, seed, on);
        }

        /** The same with another bin width [1/sigma]. */
        public Options withBinWidth(double width) {
            return new Options(kMax, width, maxVectorsPerBin, seed, partials);
        }
    }

    /**
     * S(k) per |k| bin. Arrays are indexed by bin; only bins holding at least one vector are kept.
     *
     * @param k        mean |k| of the vectors used in the bin [1/sigma]
     * @param s        S(k), averaged over the bin's vectors and the frames
     * @param error    standard error of s: sample standard deviation over the (frame, vector) samples / sqrt(samples)
     *                 (a lower bound when vectors are correlated, as on a lattice)
     * @param samples  (frame, vector) samples in the bin
     * @param partial  S_ab [pair][bin] (Ashcroft-Langreth), or null when not requested
     * @param pairs    pair labels of {@code partial} (AA, AB, BB, ...), or null
     * @param frames   frames averaged
     * @param binWidth the |k| bin width used [1/sigma]
     */
    public record Result(double[] k, double[] s, double[] error, long[] samples, double[][] partial, List<String> pairs,
                         int frames, double binWidth) {

        /** Number of bins. */
        public int bins() {
            return k.length;
        }

        /** k* of the total S(k); see {@link #firstPeak(double[])}. */
        public double firstPeak() {
            return firstPeak(s);
        }

        /** k* of partial channel {@code pair} (e.g. 0 = AA); partials must have been requested. */
        public double firstPeak(int pair) {
            if (partial == null) {
                throw new IllegalStateException("partials were not computed: use Options.withPartials(true)");
            }
            return firstPeak(partial[pair]);
        }

        /**
         * Position of the first peak of {@code values} on this result's k: the first bin (in increasing k) that is a
         * local maximum (not below either neighbour) and at least half the global maximum, refined by the parabola
         * through it and its two neighbours (with their actual mean k, which need not be evenly spaced), the vertex
         * kept within half a bin width of the bin's k. The half-max rule skips the small-k wiggles of a liquid and
         * picks the lowest Bragg peak of a crystal. A peak in the first or last bin is returned unrefined. For a
         * partial whose small-k values are comparable to its main peak (a minority species), use
         * {@link #firstPeak(double[], double)} with a lower bound.
         */
        public double firstPeak(double[] values) {
            return firstPeak(values, 0);
        }

        /** {@link #firstPeak(double[])} among the bins with k &ge; {@code kMin} only. */
        public double firstPeak(double[] values, double kMin) {
            int from = 0;
            while (from < k.length && k[from] < kMin) {
                from++;
            }
            if (from >= k.length) {
                throw new IllegalArgumentException("no bin at k >= " + kMin + " (largest k " + k[k.length - 1] + ")");
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int b = from; b < values.length; b++) {
                max = Math.max(max, values[b]);
            }
            int n = values.length;
            for (int b = from; b < n; b++) {
                boolean local = (b == from || values[b] >= values[b - 1]) && (b == n - 1 || values[b] >= values[b + 1]);
                if (local && values[b] >= 0.5 * max) {
                    if (b == 0 || b == n - 1) {
                        return k[b];
                    }
                    // the peak stays within the bin holding the largest sample: a resolution-limited (Bragg) spike
                    // with empty neighbours has no parabola of its own, and its vertex would wander to the midpoint
                    double v = vertex(k[b - 1], values[b - 1], k[b], values[b], k[b + 1], values[b + 1]);
                    return Math.max(k[b] - 0.5 * binWidth, Math.min(k[b] + 0.5 * binWidth, v));
                }
            }
            throw new IllegalArgumentException("S(k) has no peak"); // unreachable: the global maximum qualifies
        }

        private static double vertex(double x0, double y0, double x1, double y1, double x2, double y2) {
            // parabola through three points (divided differences); vertex where its derivative vanishes
            double d01 = (y1 - y0) / (x1 - x0);
            double d12 = (y2 - y1) / (x2 - x1);
            double c = (d12 - d01) / (x2 - x0);
            if (!(c < 0)) {
                return x1; // flat or not concave: keep the bin
            }
            double v = 0.5 * (x0 + x1) - d01 / (2 * c);
            return Math.max(x0, Math.min(x2, v));
        }
    }

    private final Options options;
    private double binWidth = Double.NaN;
    private int nBins;
    private int species = -1;
    private double[] sumK;
    private double[] sumS;
    private double[] sumS2;
    private long[] count;
    private double[][] sumPartial;
    private int frames;
    private Box lastBox;
    private int[][] lastVectors;

    /**
     * An accumulator with the given options; {@link #add} frames, then read {@link #result()}. Not thread-safe (one
     * per task); the static methods are.
     */
    public StructureFactor(Options options) {
        this.options = options;
    }

    /** S(k) of one frame with default options. */
    public static Result of(FrameView frame) {
        return of(List.of(frame), Options.DEFAULTS);
    }

    /** S(k) of one frame. */
    public static Result of(FrameView frame, Options options) {
        return of(List.of(frame), options);
    }

    /** S(k) averaged over frames. */
    public static Result of(List<FrameView> frames, Options options) {
        StructureFactor sf = new StructureFactor(options);
        for (FrameView f : frames) {
            sf.add(f);
        }
        return sf.result();
    }

    /** Adds one frame's |rho(k)|^2 / N for every selected vector. */
    public void add(FrameView f) {
        Box box = Neighbours.box(f);
        int n = f.n();
        if (n < 1) {
            throw new IllegalArgumentException("a frame without particles has no structure factor");
        }
        if (frames == 0) {
            binWidth = Double.isNaN(options.binWidth()) ? 2 * Math.PI / box.minEdge() : options.binWidth();
            nBins = (int) Math.round(options.kMax() / binWidth) + 1; // bin 0 (k = 0) stays empty
            species = 0;
            for (int s : f.species()) {
                species = Math.max(species, s + 1);
            }
            sumK = new double[nBins];
            sumS = new double[nBins];
            sumS2 = new double[nBins];
            count = new long[nBins];
            if (options.partials()) {
                sumPartial = new double[species * (species + 1) / 2][nBins];
            }
        }
        if (!box.equals(lastBox)) { // NVT runs: one selection for all frames
            lastVectors = select(box, binWidth, nBins, options.maxVectorsPerBin(), options.seed());
            lastBox = box;
        }
        int[][] vectors = lastVectors;
        int[] sp = f.species();
        int[] perSpecies = new int[species];
        for (int j = 0; j < n; j++) {
            if (sp[j] < 0 || sp[j] >= species) {
                throw new IllegalArgumentException("particle " + j + " has species " + sp[j] + " but the first frame had "
                        + species + " species");
            }
            perSpecies[sp[j]]++;
        }
        int channels = options.partials() ? species : 1;
        int[] channel = options.partials() ? sp : new int[n];
        double[][] rho = rho(box, f.x(), f.y(), f.z(), n, channel, channels, vectors);
        double[] len = {box.lx(), box.ly(), box.lz()};
        for (int v = 0; v < vectors.length; v++) {
            int[] q = vectors[v];
            double re = 0;
            double im = 0;
            for (int a = 0; a < channels; a++) {
                re += rho[v][2 * a];
                im += rho[v][2 * a + 1];
            }
            double s = (re * re + im * im) / n;
            double kx = 2 * Math.PI * q[0] / len[0];
            double ky = 2 * Math.PI * q[1] / len[1];
            double kz = box.dims() == 3 ? 2 * Math.PI * q[2] / len[2] : 0;
            double k = Math.sqrt(kx * kx + ky * ky + kz * kz);
            int bin = q[3];
            sumK[bin] += k;
            sumS[bin] += s;
            sumS2[bin] += s * s;
            count[bin]++;
            if (options.partials()) {
                for (int a = 0; a < species; a++) {
                    for (int b = a; b < species; b++) {
                        double norm = Math.sqrt((double) perSpecies[a] * perSpecies[b]);
                        double cross = rho[v][2 * a] * rho[v][2 * b] + rho[v][2 * a + 1] * rho[v][2 * b + 1];
                        double val = norm > 0 ? cross / norm : 0;
                        sumPartial[pairIndex(a, b)][bin] += val;
                    }
                }
            }
        }
        frames++;
    }

    /** The average over the frames added so far. */
    public Result result() {
        if (frames == 0) {
            throw new IllegalStateException("no frames added");
        }
        int used = 0;
        for (long c : count) {
            if (c > 0) {
                used++;
            }
        }
        double[] k = new double[used];
        double[] s = new double[used];
        double[] err = new double[used];
        long[] samples = new long[used];
        double[][] partial = options.partials() ? new double[sumPartial.length][used] : null;
        int q = 0;
        for (int b = 0; b < nBins; b++) {
            if (count[b] == 0) {
                continue;
            }
            long c = count[b];
            k[q] = sumK[b] / c;
            s[q] = sumS[b] / c;
            double var = c > 1 ? Math.max(0, (sumS2[b] - c * s[q] * s[q]) / (c - 1)) : 0;
            err[q] = Math.sqrt(var / c);
            samples[q] = c;
            if (partial != null) {
                for (int p = 0; p < partial.length; p++) {
                    partial[p][q] = sumPartial[p][b] / c;
                }
            }
            q++;
        }
        List<String> labels = null;
        if (partial != null) {
            labels = new ArrayList<>();
            for (int a = 0; a < species; a++) {
                for (int b = a; b < species; b++) {
                    labels.add("" + (char) ('A' + a) + (char) ('A' + b));
                }
            }
        }
        return new Result(k, s, err, samples, partial, labels == null ? null : List.copyOf(labels), frames, binWidth);
    }

    /** Index of pair (a, b), a &le; b, in the order AA, AB, ..., BB, ... (as RadialDistribution's partials). */
    private int pairIndex(int a, int b) {
        return a * species - a * (a - 1) / 2 + (b - a);
    }

    /**
     * S(k) = |rho(k)|^2 / N of one frame for the single box vector k = 2 pi (nx / Lx, ny / Ly, nz / Lz) (nz ignored in
     * 2D).
     */
    public static double single(FrameView f, int nx, int ny, int nz) {
        Box box = Neighbours.box(f);
        double[][] rho = rho(box, f.x(), f.y(), f.z(), f.n(), new int[f.n()], 1, new int[][]{{nx, ny, nz, 0}});
        return (rho[0][0] * rho[0][0] + rho[0][1] * rho[0][1]) / f.n();
    }

    /**
     * Box-compatible wave vectors of the half space with |k| within {@code halfWidth} of {@code k} (e.g. the directions
     * averaged in F_s(k*, t)), at most {@code max} of them, a deterministic random subset (seeded) when more exist.
     *
     * @return rows {kx, ky, kz} [1/sigma] (kz = 0 in 2D), in enumeration order
     */
    public static double[][] vectorsNear(Box box, double k, double halfWidth, int max, long seed) {
        if (!(k > 0) || !(halfWidth >= 0) || max < 1) {
            throw new IllegalArgumentException("need k > 0, halfWidth >= 0 and max >= 1, got " + k + ", " + halfWidth
                    + ", " + max);
        }
        List<int[]> all = new ArrayList<>();
        enumerate(box, k + halfWidth, (nx, ny, nz, kk) -> {
            if (Math.abs(kk - k) <= halfWidth) {
                all.add(new int[]{nx, ny, nz});
            }
        });
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no box-compatible wave vector within " + halfWidth + " of |k| = " + k
                    + " (grid spacing 2 pi / L = " + 2 * Math.PI / box.minEdge() + "): widen the shell");
        }
        List<int[]> chosen = all;
        if (all.size() > max) {
            // partial Fisher-Yates over indices, then back to enumeration order
            SplittableRandom rnd = new SplittableRandom(seed);
            int[] idx = new int[all.size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            for (int i = 0; i < max; i++) {
                int j = i + rnd.nextInt(idx.length - i);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
            int[] keep = Arrays.copyOf(idx, max);
            Arrays.sort(keep);
            chosen = new ArrayList<>();
            for (int i : keep) {
                chosen.add(all.get(i));
            }
        }
        double[][] out = new double[chosen.size()][];
        for (int i = 0; i < out.length; i++) {
            int[] q = chosen.get(i);
            out[i] = new double[]{2 * Math.PI * q[0] / box.lx(), 2 * Math.PI * q[1] / box.ly(),
                    box.dims() == 3 ? 2 * Math.PI * q[2] / box.lz() : 0};
        }
        return out;
    }

    private interface VectorVisitor {
        void visit(int nx, int ny, int nz, double k);
    }

    /**
     * Visits every half-space box vector with 0 &lt; |k| &lt; kLimit in a fixed order (nx, then ny, then nz): nx &gt; 0,
     * or nx = 0 and ny &gt; 0, or (3D) nx = ny = 0 and nz &gt; 0.
     */
    private static void enumerate(Box box, double kLimit, VectorVisitor visitor) {
        boolean three = box.dims() == 3;
        double ux = 2 * Math.PI / box.lx();
        double uy = 2 * Math.PI / box.ly();
        double uz = three ? 2 * Math.PI / box.lz() : 0;
        int mx = (int) Math.floor(kLimit / ux);
        int my = (int) Math.floor(kLimit / uy);
        int mz = three ? (int) Math.floor(kLimit / uz) : 0;
        double limit2 = kLimit * kLimit;
        for (int nx = 0; nx <= mx; nx++) {
            for (int ny = nx == 0 ? (three ? 0 : 1) : -my; ny <= my; ny++) {
                int nzFrom = !three ? 0 : (nx == 0 && ny == 0 ? 1 : -mz);
                for (int nz = nzFrom; nz <= mz; nz++) {
                    double kx = nx * ux;
                    double ky = ny * uy;
                    double kz = nz * uz;
                    double k2 = kx * kx + ky * ky + kz * kz;
                    if (k2 < limit2 && k2 > 0) {
                        visitor.visit(nx, ny, nz, Math.sqrt(k2));
                    }
                }
            }
        }
    }

    /** The selected vectors {nx, ny, nz, bin}: all of a bin's, or a seeded reservoir sample of maxPerBin. */
    private static int[][] select(Box box, double dk, int nBins, int maxPerBin, long seed) {
        double kLimit = (nBins - 0.5) * dk;
        int[][][] reservoir = new int[nBins][][];
        long[] seen = new long[nBins];
        SplittableRandom[] rnd = new SplittableRandom[nBins];
        enumerate(box, kLimit, (nx, ny, nz, k) -> {
            int bin = (int) Math.floor(k / dk + 0.5);
            if (bin < 1 || bin >= nBins) {
                return;
            }
            if (reservoir[bin] == null) {
                reservoir[bin] = new int[maxPerBin][];
                rnd[bin] = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + bin);
            }
            long t = seen[bin]++;
            if (t < maxPerBin) {
                reservoir[bin][(int) t] = new int[]{nx, ny, nz, bin};
            } else {
                long j = rnd[bin].nextLong(t + 1); // Algorithm R: keep with probability maxPerBin / (t + 1)
                if (j < maxPerBin) {
                    reservoir[bin][(int) j] = new int[]{nx, ny, nz, bin};
                }
            }
        });
        List<int[]> out = new ArrayList<>();
        for (int b = 1; b < nBins; b++) {
            if (reservoir[b] == null) {
                continue;
            }
            int m = (int) Math.min(seen[b], maxPerBin);
            for (int i = 0; i < m; i++) {
                out.add(reservoir[b][i]);
            }
        }
        return out.toArray(new int[0][]);
    }

    /**
     * rho_c(k) = sum over particles of channel c of exp(i k.r) for each vector, as {re_0, im_0, re_1, im_1, ...}.
     * exp(i k.r) factorises into exp(i 2 pi nx x / Lx) exp(i 2 pi ny y / Ly) exp(i 2 pi nz z / Lz); the three factors
     * are tabulated per particle for |n| up to the largest used (negative n by conjugation), particles in blocks to
     * bound memory. Positions are wrapped into the box first: box vectors do not see the wrap, and the phases stay
     * small and accurate.
     */
    private static double[][] rho(Box box, double[] x, double[] y, double[] z, int n, int[] channel, int channels,
                                  int[][] vectors) {
        boolean three = box.dims() == 3;
        int mx = 0;
        int my = 0;
        int mz = 0;
        for (int[] q : vectors) {
            mx = Math.max(mx, Math.abs(q[0]));
            my = Math.max(my, Math.abs(q[1]));
            mz = Math.max(mz, Math.abs(q[2]));
        }
        double[][] out = new double[vectors.length][2 * channels];
        int block = Math.max(1, Math.min(n, 1 << 11));
        double[] cxr = new double[(mx + 1) * block];
        double[] cxi = new double[(mx + 1) * block];
        double[] cyr = new double[(my + 1) * block];
        double[] cyi = new double[(my + 1) * block];
        double[] czr = new double[(mz + 1) * block];
        double[] czi = new double[(mz + 1) * block];
        for (int from = 0; from < n; from += block) {
            int m = Math.min(block, n - from);
            table(x, from, m, box.lx(), mx, block, cxr, cxi);
            table(y, from, m, box.ly(), my, block, cyr, cyi);
            if (three) {
                table(z, from, m, box.lz(), mz, block, czr, czi);
            } else {
                Arrays.fill(czr, 0, m, 1.0);
                Arrays.fill(czi, 0, m, 0.0);
            }
            for (int v = 0; v < vectors.length; v++) {
                int[] q = vectors[v];
                int ax = Math.abs(q[0]) * block;
                int ay = Math.abs(q[1]) * block;
                int az = three ? Math.abs(q[2]) * block : 0;
                double sx = Math.signum(q[0]);
                double sy = Math.signum(q[1]);
                double sz = three ? Math.signum(q[2]) : 0;
                double[] acc = out[v];
                for (int j = 0; j < m; j++) {
                    double xr = cxr[ax + j];
                    double xi = sx * cxi[ax + j];
                    double yr = cyr[ay + j];
                    double yi = sy * cyi[ay + j];
                    double zr = czr[az + j];
                    double zi = sz * czi[az + j];
                    double pr = xr * yr - xi * yi;
                    double pi = xr * yi + xi * yr;
                    int c = 2 * channel[from + j];
                    acc[c] += pr * zr - pi * zi;
                    acc[c + 1] += pr * zi + pi * zr;
                }
            }
        }
        return out;
    }

    /** t[p * block + j] = exp(i 2 pi p u_j / L) for p = 0..pMax, particles from..from+m-1 (u wrapped into [0, L)). */
    private static void table(double[] u, int from, int m, double length, int pMax, int block, double[] re, double[] im) {
        for (int j = 0; j < m; j++) {
            double w = u[from + j] - length * Math.floor(u[from + j] / length);
            double phase = 2 * Math.PI * w / length;
            for (int p = 0; p <= pMax; p++) {
                // direct sin/cos rather than a recurrence: no accumulated round-off at large p
                re[p * block + j] = Math.cos(p * phase);
                im[p * block + j] = Math.sin(p * phase);
            }
        }
    }
}
