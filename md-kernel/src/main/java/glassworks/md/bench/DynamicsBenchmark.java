package glassworks.md.bench;

import glassworks.md.Box;
import glassworks.md.FrameView;
import glassworks.md.dynamics.LagGrid;
import glassworks.md.dynamics.RunDynamics;
import glassworks.md.dynamics.Trajectory;
import glassworks.md.io.FramesFileReader;
import glassworks.md.io.FramesFileWriter;
import glassworks.md.structure.StructureFactor;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Speed of the multi-origin dynamics ({@link RunDynamics}: MSD, F_s(k, t) and the overlap Q(t)) against a
 * straightforward single-threaded Java loop over the same data read from the same frames table, and how our
 * computation scales with threads. {@code bin/glassworks bench dynamics} runs it.
 *
 * <p><b>Data.</b> A synthetic <b>random-walk</b> trajectory, not MD: N particles (default 4096, 80:20 species as KA) in
 * a cubic box at rho = {@value #DENSITY}, uniform random start, then every frame each particle moves by an independent
 * Gaussian step of standard deviation {@value #STEP_A} sigma per axis (species B: {@value #STEP_B}); frames are
 * {@value #FRAME_STEPS} steps = {@value #FRAME_TIME} tau apart (linear schedule), positions unwrapped. The MSD after one
 * frame is 3 x 0.04^2 = 0.0048 sigma^2 and F_s(7.25, t) decays to 1/e within ~40 frames, roughly a KA liquid near T = 1,
 * so the overlap and F_s cover their whole range over the lags. The cost of these observables depends only on N,
 * frames, lags and k vectors, never on the physics, so a random walk is an honest throughput input (an MD run long
 * enough for 2000 frames would take far longer than the bench itself). It is generated frame by frame (one frame in
 * memory) and written with {@link FramesFileWriter} to a temporary frames file, the table format the dynamics job
 * reads, deleted at the end.
 *
 * <p><b>What both sides compute.</b> The lag grid is {@link LagGrid#linear(long[], double[], int, int)} with origin
 * stride 1 (every frame is an origin, every origin whose target exists is used) and the log-spaced lag subset
 * round(10^(j / p)) frames, p = {@link Options#lagsPerDecade()} (default {@value #DEFAULT_LAGS_PER_DECADE}: 1, 2, 3, 4,
 * 6, 10, ..., 1585 and the longest, frames - 1), the same lags for both sides. For every (origin, lag) pair and every
 * particle, dr = r(o + lag) - r(o) (unwrapped), and per lag the mean over pairs of the per-pair particle means of
 * dr^2 (MSD), of (1 / K) sum_k cos(k.dr) (F_s) and of [|dr| &lt; a] (Q(t), a = {@value #OVERLAP_A}). The K wave vectors are
 * those {@link RunDynamics} picks: {@link StructureFactor#vectorsNear} of the first frame's box at |k| =
 * {@value #K} (KA's first S(k) peak), half-width pi / L, at most {@value #K_VECTORS}, seed 2026 (RunDynamics's
 * defaults).
 * <ul>
 *   <li><b>Yardstick</b>: {@link FramesFileReader} into plain arrays x[frame][particle] (and y, z), then, on one
 *       thread, for each origin, for each lag, for each particle: dr, dr^2, the overlap test and one
 *       {@code Math.cos(kx dx + ky dy + kz dz)} per wave vector; the all-particles channel only.</li>
 *   <li><b>Ours</b>: {@link FramesFileReader} into a {@link Trajectory} (its builder, as the dynamics job reads a run),
 *       then {@link RunDynamics#compute} with S_4 off, no bond cutoffs (no C_B) and a 1-bin van Hove histogram (it
 *       cannot be switched off: one sqrt and two counter increments per particle). Ours computes more than the
 *       yardstick: per-species channels as well as all particles, dr^4 (alpha_2), chi_4, the error bars over origins;
 *       F_s uses trigonometric recurrences ({@code Phases}) instead of one cos per vector, and threads deal origins
 *       round-robin.</li>
 * </ul>
 * Both sides' timings include reading the file (single-threaded Parquet decoding in both). Before the timed runs an
 * untimed warm-up runs both paths on the first {@value #WARMUP_FRAMES} frames (JIT). Sanity: MSD must agree within
 * 1e-9 relative, F_s within 1e-9 of F_s(0) = 1 (absolute: F_s decays to ~0, where a relative test is meaningless) and
 * Q within 1e-9 absolute, for every lag, and the pair counts must be equal, or the benchmark stops.
 *
 * <p><b>Memory.</b> Heap in use after a full GC is printed before the read, with the trajectory held and after the
 * computation (result held), with the bytes per particle-frame of the trajectory (3 doubles = 24 plus array headers);
 * the heap the 1-thread computation allocates (HotSpot's per-thread counter) and the accumulator slots and the lag
 * grid's stored values show that nothing grows as frames x frames (a pair is never stored).
 *
 * <p>Output lines, in order: a header ({@code dynamics bench: ...}), {@code dynamics-data: ...}, per repeat
 * {@code dynamics-yardstick: ...} and one {@code dynamics-ours: threads=k ...} per thread count,
 * {@code dynamics-check: ...}, one {@code dynamics-scaling: threads=k seconds=s ...} per thread count (1, 2, 4, ... and
 * the available cores; best repeat, compute only), {@code dynamics-memory: ...},
 * {@code dynamics: yardstick_seconds=X ours_seconds=Y threads=k} and last {@code dynamics: ratio=X/Y} (yardstick
 * seconds / ours with all cores, read included; higher is better, the goal is >= 2 on 2 cores).
 */
public final class DynamicsBenchmark {
    public static final double DENSITY = 1.2;
    public static final double STEP_A = 0.04;
    public static final double STEP_B = 0.035;
    public static final long FRAME_STEPS = 10;
    public static final double FRAME_TIME = 0.05;
    public static final double K = 7.25;
    public static final int K_VECTORS = 48;
    public static final long K_SEED = 2026L;
    public static final double OVERLAP_A = 0.3;
    public static final int DEFAULT_LAGS_PER_DECADE = 5;
    static final int WARMUP_FRAMES = 64;
    /** MSD (relative), F_s and Q (absolute) agreement required between yardstick and ours. */
    public static final double TOLERANCE = 1e-9;

    private DynamicsBenchmark() {
    }

    /**
     * @param atoms         N (default 4096)
     * @param frames        linear frames (default 2000)
     * @param repeats       timed runs per side, interleaved; each keeps its best (default 1)
     * @param lagsPerDecade log-spaced lags per decade of the grid (0: every lag 1..frames-1; default 5)
     * @param maxThreads    most threads of ours (default: available cores)
     * @param seed          seed of the random walk
     */
    public record Options(int atoms, int frames, int repeats, int lagsPerDecade, int maxThreads, long seed) {
        public Options {
            if (atoms < 10 || atoms > 10_000_000) {
                throw new IllegalArgumentException("atoms must be in 10..10000000, not " + atoms);
            }
            if (frames < 2 || frames > 1_000_000) {
                throw new IllegalArgumentException("frames must be in 2..1000000, not " + frames);
            }
            if (repeats < 1) {
                throw new IllegalArgumentException("repeats must be >= 1, not " + repeats);
            }
            if (lagsPerDecade < 0) {
                throw new IllegalArgumentException("lagsPerDecade must be >= 0, not " + lagsPerDecade);
            }
            if (maxThreads < 1) {
                throw new IllegalArgumentException("maxThreads must be >= 1, not " + maxThreads);
            }
        }

        /** N = 4096, 2000 frames, 1 repeat, 5 lags per decade, every available core. */
        public static Options defaults() {
            return new Options(4096, 2000, 1, DEFAULT_LAGS_PER_DECADE, Runtime.getRuntime().availableProcessors(),
                    4096L);
        }

        public Options withAtoms(int n) {
            return new Options(n, frames, repeats, lagsPerDecade, maxThreads, seed);
        }

        public Options withFrames(int f) {
            return new Options(atoms, f, repeats, lagsPerDecade, maxThreads, seed);
        }

        public Options withRepeats(int r) {
            return new Options(atoms, frames, r, lagsPerDecade, maxThreads, seed);
        }

        public Options withLagsPerDecade(int p) {
            return new Options(atoms, frames, repeats, p, maxThreads, seed);
        }

        public Options withMaxThreads(int t) {
            return new Options(atoms, frames, repeats, lagsPerDecade, t, seed);
        }

        /** 1, 2, 4, ... below maxThreads, then maxThreads. */
        public List<Integer> threadCounts() {
            List<Integer> t = new ArrayList<>();
            for (int k = 1; k < maxThreads; k *= 2) {
                t.add(k);
            }
            t.add(maxThreads);
            return t;
        }
    }

    /** The yardstick's per-lag means (all particles). */
    record Yardstick(double[] msd, double[] fs, double[] overlap, int[] pairs) {
    }

    /**
     * @param yardstickSeconds best yardstick time (read + compute)
     * @param oursSeconds      best time of ours with the most threads (read + compute)
     * @param threads          thread counts timed
     * @param computeSeconds   best compute-only seconds of ours per thread count
     * @param readSeconds      best read seconds of ours
     */
    public record Result(double yardstickSeconds, double oursSeconds, List<Integer> threads, double[] computeSeconds,
                         double readSeconds) {
        /** Yardstick / ours with the most threads: higher is better. */
        public double ratio() {
            return yardstickSeconds / oursSeconds;
        }
    }

    /** Runs everything and prints it, {@code dynamics: ratio=x} last; the frames file lives in a temporary folder. */
    public static Result run(Options options, PrintStream out) throws IOException {
        java.nio.file.Path dir = Files.createTempDirectory("glassworks-dynbench");
        java.nio.file.Path file = dir.resolve("part-00000.parquet");
        try {
            return run(options, out, file);
        } finally {
            Files.deleteIfExists(file);
            java.nio.file.Path crc = dir.resolve(".part-00000.parquet.crc");
            Files.deleteIfExists(crc);
            try (var s = Files.list(dir)) {
                for (java.nio.file.Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    static Result run(Options o, PrintStream out, java.nio.file.Path file) throws IOException {
        Configuration conf = new Configuration();
        Path path = new Path(file.toUri());
        int n = o.atoms();
        int frames = o.frames();
        double edge = Math.cbrt(n / DENSITY);
        Box box = Box.cubic(edge);
        int cores = Runtime.getRuntime().availableProcessors();

        long t0 = System.nanoTime();
        writeRandomWalk(path, conf, n, frames, box, o.seed());
        double writeSeconds = (System.nanoTime() - t0) / 1e9;
        long fileBytes = Files.size(file);

        long[] steps = new long[frames];
        double[] times = new double[frames];
        for (int f = 0; f < frames; f++) {
            steps[f] = f * FRAME_STEPS;
            times[f] = f * FRAME_TIME;
        }
        LagGrid grid = LagGrid.linear(steps, times, 1, o.lagsPerDecade());
        double[][] kv = StructureFactor.vectorsNear(box, K, Math.PI / box.minEdge(), K_VECTORS, K_SEED);
        long pairs = grid.totalPairs();
        out.printf(Locale.ROOT, "dynamics bench: random-walk trajectory (Gaussian steps %.3f/%.3f sigma per axis per "
                        + "frame, species A/B 80:20; synthetic, not MD), N=%d, frames=%d (%d steps = %.2f tau apart), "
                        + "box L=%.3f (rho=%.1f); lags=%d (%s, %d..%d frames), origins=every frame, pairs=%d; F_s at "
                        + "k=%.2f (%d vectors), Q with a=%.1f; cores=%d, threads %s; best of %d%n",
                STEP_A, STEP_B, n, frames, FRAME_STEPS, FRAME_TIME, edge, DENSITY, grid.lags(),
                o.lagsPerDecade() == 0 ? "every lag" : o.lagsPerDecade() + " per decade",
                grid.lagStep(0) / FRAME_STEPS, grid.lagStep(grid.lags() - 1) / FRAME_STEPS, pairs, K, kv.length,
                OVERLAP_A, cores, o.threadCounts(), o.repeats());
        out.printf(Locale.ROOT, "dynamics-data: file=frames-table parquet rows=%d bytes=%d write_seconds=%.2f%n",
                (long) n * frames, fileBytes, writeSeconds);
        out.flush();

        // untimed warm-up (JIT) of both paths on the first frames
        int wf = Math.min(frames, WARMUP_FRAMES);
        if (wf >= 2) {
            LagGrid wg = LagGrid.linear(java.util.Arrays.copyOf(steps, wf), java.util.Arrays.copyOf(times, wf), 1,
                    o.lagsPerDecade());
            double[][][] xyz = readArrays(path, conf, n, wf);
            yardstick(xyz, kv, wg);
            Trajectory wt = readTrajectory(path, conf, n, wf);
            for (int t : o.threadCounts()) {
                RunDynamics.compute(wt, wg, oursOptions(t));
            }
        }

        List<Integer> threads = o.threadCounts();
        double bestYard = Double.POSITIVE_INFINITY;
        double bestRead = Double.POSITIVE_INFINITY;
        double[] bestCompute = new double[threads.size()];
        java.util.Arrays.fill(bestCompute, Double.POSITIVE_INFINITY);
        Yardstick ref = null;
        RunDynamics.Result ours = null;
        long heapBefore = 0;
        long heapTraj = 0;
        long heapAfter = 0;
        double allocBytes = Double.NaN;
        for (int rep = 1; rep <= o.repeats(); rep++) {
            // (a) the yardstick
            long a0 = System.nanoTime();
            double[][][] xyz = readArrays(path, conf, n, frames);
            long a1 = System.nanoTime();
            ref = yardstick(xyz, kv, grid);
            long a2 = System.nanoTime();
            xyz = null;
            double yRead = (a1 - a0) / 1e9;
            double yComp = (a2 - a1) / 1e9;
            bestYard = Math.min(bestYard, yRead + yComp);
            out.printf(Locale.ROOT, "dynamics-yardstick: repeat=%d threads=1 read_seconds=%.2f compute_seconds=%.2f "
                    + "seconds=%.2f%n", rep, yRead, yComp, yRead + yComp);
            out.flush();

            // (b) ours
            heapBefore = heapAfterGc();
            long b0 = System.nanoTime();
            Trajectory traj = readTrajectory(path, conf, n, frames);
            double read = (System.nanoTime() - b0) / 1e9;
            bestRead = Math.min(bestRead, read);
            heapTraj = heapAfterGc();
            for (int ti = 0; ti < threads.size(); ti++) {
                int t = threads.get(ti);
                RunDynamics.Result[] r = new RunDynamics.Result[1];
                long c0 = System.nanoTime();
                if (t == 1) {
                    allocBytes = DescriptorBenchmark.allocatedBytes(
                            () -> r[0] = RunDynamics.compute(traj, grid, oursOptions(1)));
                } else {
                    r[0] = RunDynamics.compute(traj, grid, oursOptions(t));
                }
                double comp = (System.nanoTime() - c0) / 1e9;
                bestCompute[ti] = Math.min(bestCompute[ti], comp);
                ours = r[0];
                out.printf(Locale.ROOT, "dynamics-ours: repeat=%d threads=%d read_seconds=%.2f compute_seconds=%.2f "
                        + "seconds=%.2f%n", rep, t, read, comp, read + comp);
                out.flush();
                check(ref, r[0], kv.length, t);
            }
            heapAfter = heapAfterGc();
            // keeps the trajectory reachable through the measurement above (heap with the trajectory and result held)
            if (traj.n() != n) {
                throw new IllegalStateException("trajectory has " + traj.n() + " particles, wrote " + n);
            }
        }

        // the check line (last repeat, most threads)
        Deviation d = deviation(ref, ours);
        out.printf(Locale.ROOT, "dynamics-check: lags=%d pairs=%d msd_max_rel=%.2e fs_max_abs=%.2e q_max_abs=%.2e "
                        + "(tolerance %.0e; every thread count) msd_last=%.6f fs_lag1=%.6f q_lag1=%.6f k_mean=%.4f%n",
                grid.lags(), pairs, d.msd, d.fs, d.q, TOLERANCE, ref.msd[grid.lags() - 1], ref.fs[0], ref.overlap[0],
                ours.k());
        double pp = (double) pairs * n;
        for (int ti = 0; ti < threads.size(); ti++) {
            out.printf(Locale.ROOT, "dynamics-scaling: threads=%d seconds=%.2f speedup=%.2f particle_pairs_per_s=%.3e "
                            + "read_seconds=%.2f total_seconds=%.2f%n", threads.get(ti), bestCompute[ti],
                    bestCompute[0] / bestCompute[ti], pp / bestCompute[ti], bestRead, bestRead + bestCompute[ti]);
        }
        long trajBytes = heapTraj - heapBefore;
        out.printf(Locale.ROOT, "dynamics-memory: heap_after_gc_before_read=%d with_trajectory=%d after_compute=%d "
                        + "trajectory_bytes_per_particle_frame=%.1f compute_growth_bytes=%d compute_alloc_bytes=%s "
                        + "(1 thread) accumulator_slots=%d grid_values=%d frames_squared=%d%n", heapBefore, heapTraj,
                heapAfter, trajBytes / ((double) n * frames), heapAfter - heapTraj,
                Double.isNaN(allocBytes) ? "n/a" : String.format(Locale.ROOT, "%.0f", allocBytes),
                ours.accumulatorSlots(), grid.storedValues(), (long) frames * frames);
        int last = threads.size() - 1;
        double oursSeconds = bestRead + bestCompute[last];
        Result result = new Result(bestYard, oursSeconds, threads, bestCompute, bestRead);
        out.printf(Locale.ROOT, "dynamics: yardstick_seconds=%.2f ours_seconds=%.2f threads=%d (read included)%n",
                bestYard, oursSeconds, threads.get(last));
        out.printf(Locale.ROOT, "dynamics: ratio=%.3f%n", result.ratio());
        out.flush();
        return result;
    }

    /** RunDynamics settings of the equal-work comparison: S_4 off, no C_B, a 1-bin van Hove histogram. */
    static RunDynamics.Options oursOptions(int threads) {
        return RunDynamics.Options.defaults(K).withWaveVectors(Double.NaN, K_VECTORS, K_SEED).withOverlap(OVERLAP_A)
                .withVanHove(1, 5.0).withS4(0, 1, 3, RunDynamics.S4Field.OVERLAP).withThreads(threads);
    }

    /** Writes the random walk frame by frame; returns the species. */
    static int[] writeRandomWalk(Path path, Configuration conf, int n, int frames, Box box, long seed)
            throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] species = new int[n];
        int nb = n / 5;
        for (int i = 0; i < n; i++) {
            species[i] = i < n - nb ? 0 : 1;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble() * box.lx();
            y[i] = rnd.nextDouble() * box.ly();
            z[i] = rnd.nextDouble() * box.lz();
        }
        java.util.Random g = new java.util.Random(seed ^ 0x5DEECE66DL);
        try (FramesFileWriter w = new FramesFileWriter(path, conf)) {
            for (int f = 0; f < frames; f++) {
                if (f > 0) {
                    for (int i = 0; i < n; i++) {
                        double s = species[i] == 0 ? STEP_A : STEP_B;
                        x[i] += s * g.nextGaussian();
                        y[i] += s * g.nextGaussian();
                        z[i] += s * g.nextGaussian();
                    }
                }
                w.write(new FrameView(f, f * FRAME_STEPS, f * FRAME_TIME, n, 3, species, x, y, z, box.lx(), box.ly(),
                        box.lz(), null, null, null, null));
            }
        }
        return species;
    }

    /** The yardstick's read: every frame into plain arrays {x, y, z}[frame][particle]. */
    static double[][][] readArrays(Path path, Configuration conf, int n, int frames) throws IOException {
        double[][][] xyz = new double[3][frames][];
        int got = FramesFileReader.forEachFrame(List.of(path), conf, n, 3, 0, frames - 1, f -> {
            int k = f.frameIndex();
            xyz[0][k] = f.x().clone();
            xyz[1][k] = f.y().clone();
            xyz[2][k] = f.z().clone();
        });
        if (got != frames) {
            throw new IllegalStateException("read " + got + " frames, wrote " + frames);
        }
        return xyz;
    }

    /** Ours: the frames into a Trajectory, as the dynamics job reads a run. */
    static Trajectory readTrajectory(Path path, Configuration conf, int n, int frames) throws IOException {
        Trajectory.Builder b = Trajectory.builder();
        FramesFileReader.forEachFrame(List.of(path), conf, n, 3, 0, frames - 1, b::add);
        return b.build();
    }

    /**
     * The straightforward loop: for each origin frame, each lag of the grid (in frames) whose target exists, each
     * particle: dr, dr^2, [dr^2 &lt; a^2] and Math.cos(k.dr) for every k; per-pair particle means summed per lag.
     */
    static Yardstick yardstick(double[][][] xyz, double[][] kv, LagGrid grid) {
        double[][] x = xyz[0];
        double[][] y = xyz[1];
        double[][] z = xyz[2];
        int frames = x.length;
        int n = x[0].length;
        int lags = grid.lags();
        int[] lagFrames = new int[lags];
        for (int l = 0; l < lags; l++) {
            lagFrames[l] = (int) (grid.lagStep(l) / FRAME_STEPS);
        }
        int nk = kv.length;
        double a2 = OVERLAP_A * OVERLAP_A;
        double[] msd = new double[lags];
        double[] fs = new double[lags];
        double[] q = new double[lags];
        int[] pairs = new int[lags];
        for (int o = 0; o < frames; o++) {
            double[] x0 = x[o];
            double[] y0 = y[o];
            double[] z0 = z[o];
            for (int l = 0; l < lags; l++) {
                int t = o + lagFrames[l];
                if (t >= frames) {
                    continue;
                }
                double[] x1 = x[t];
                double[] y1 = y[t];
                double[] z1 = z[t];
                double s2 = 0;
                double sf = 0;
                double sq = 0;
                for (int i = 0; i < n; i++) {
                    double dx = x1[i] - x0[i];
                    double dy = y1[i] - y0[i];
                    double dz = z1[i] - z0[i];
                    double r2 = dx * dx + dy * dy + dz * dz;
                    s2 += r2;
                    if (r2 < a2) {
                        sq += 1;
                    }
                    for (int v = 0; v < nk; v++) {
                        sf += Math.cos(kv[v][0] * dx + kv[v][1] * dy + kv[v][2] * dz);
                    }
                }
                msd[l] += s2 / n;
                fs[l] += sf / ((double) n * nk);
                q[l] += sq / n;
                pairs[l]++;
            }
        }
        for (int l = 0; l < lags; l++) {
            msd[l] /= pairs[l];
            fs[l] /= pairs[l];
            q[l] /= pairs[l];
        }
        return new Yardstick(msd, fs, q, pairs);
    }

    record Deviation(double msd, double fs, double q) {
    }

    static Deviation deviation(Yardstick ref, RunDynamics.Result r) {
        int all = r.all();
        double dm = 0;
        double df = 0;
        double dq = 0;
        for (int l = 0; l < ref.msd.length; l++) {
            dm = Math.max(dm, Math.abs(r.msd()[all][l] - ref.msd[l]) / Math.abs(ref.msd[l]));
            df = Math.max(df, Math.abs(r.fs()[all][l] - ref.fs[l]));
            dq = Math.max(dq, Math.abs(r.overlap()[all][l] - ref.overlap[l]));
            if (Double.isNaN(r.msd()[all][l]) || Double.isNaN(r.fs()[all][l]) || Double.isNaN(r.overlap()[all][l])) {
                return new Deviation(Double.NaN, Double.NaN, Double.NaN);
            }
        }
        return new Deviation(dm, df, dq);
    }

    /** Stops the benchmark when the two sides computed different things. */
    static void check(Yardstick ref, RunDynamics.Result r, int kVectors, int threads) {
        if (r.lags() != ref.msd.length || !java.util.Arrays.equals(r.pairs(), ref.pairs)) {
            throw new IllegalStateException("yardstick and ours averaged different (origin, lag) pairs: "
                    + java.util.Arrays.toString(ref.pairs) + " vs " + java.util.Arrays.toString(r.pairs()));
        }
        if (r.kVectors() != kVectors) {
            throw new IllegalStateException("yardstick used " + kVectors + " wave vectors, ours " + r.kVectors());
        }
        Deviation d = deviation(ref, r);
        if (!(d.msd <= TOLERANCE && d.fs <= TOLERANCE && d.q <= TOLERANCE)) {
            throw new IllegalStateException(String.format(Locale.ROOT, "yardstick and ours disagree with %d thread(s): "
                    + "MSD max relative deviation %.3e, F_s max %.3e, Q max %.3e (tolerance %.0e): the benchmark would "
                    + "compare different computations", threads, d.msd, d.fs, d.q, TOLERANCE));
        }
    }

    /** Heap in use after full collections. */
    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Entry point for running without the CLI: {@code DynamicsBenchmark [atoms [frames [repeats]]]}. */
    public static void main(String[] args) {
        Options o = Options.defaults();
        if (args.length > 0) {
            o = o.withAtoms(Integer.parseInt(args[0]));
        }
        if (args.length > 1) {
            o = o.withFrames(Integer.parseInt(args[1]));
        }
        if (args.length > 2) {
            o = o.withRepeats(Integer.parseInt(args[2]));
        }
        try {
            run(o, System.out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
