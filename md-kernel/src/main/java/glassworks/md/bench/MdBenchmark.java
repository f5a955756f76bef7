package glassworks.md.bench;

import glassworks.md.Ensemble;
import glassworks.md.FrameView;
import glassworks.md.MdRun;
import glassworks.md.RunConfig;
import glassworks.md.TrajectorySink;
import glassworks.md.lammps.Lammps;
import glassworks.md.lammps.LammpsException;
import glassworks.md.lammps.LoopTime;
import glassworks.schema.tables.ThermoTable;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Speed of the Java MD kernel against LAMMPS on the same system, side by side in one invocation (machines are noisy, so
 * only the ratio is meaningful): the Kob-Andersen 80:20 reference input (the project's standard LAMMPS in.ka) — N = 4000 (an fcc
 * lattice of 10^3 cells), density 1.2, NVT at T = 1.0 with Tdamp 0.5, dt = 0.005, cutoffs 2.5 sigma_ab, shifted,
 * Verlet skin 0.3 rebuilt on demand.
 *
 * <p>Engines: LAMMPS serial ({@code lmp}), LAMMPS on 2 MPI ranks ({@code mpirun --allow-run-as-root -np 2 lmp}), the
 * kernel with 1 and with 2 force threads. Each runs the same number of time steps S.
 *
 * <p><b>What is timed.</b> LAMMPS: its "Loop time" (time stepping only; reading the input, building the lattice and the
 * setup force/neighbour computation excluded). Kernel: a short untimed warm-up run per thread count first (JIT), then a
 * run with no equilibration and S production steps into a no-op sink, timed from the sink's production frame 0 (start
 * configuration built, lattice + FIRE done, forces known) to its frame at step S: the same region as LAMMPS's Loop
 * time. The {@code wall} column also shows the whole {@code MdRun.run} call, setup included (lattice start + FIRE
 * minimisation + first neighbour list), which is the conservative figure; {@code md: ratio_with_setup} uses it.
 *
 * <p>With {@code repeats > 1} the engines run interleaved and each reports its best (shortest) repeat.
 *
 * <p>Output: a table (engine, threads, steps, atoms, seconds, atom-steps/s, wall), then {@code md: ratio_with_setup=x},
 * {@code md: ratio_2threads=x} (kernel 2 threads / LAMMPS 2 MPI ranks; only with MPI; with {@code --threads T} the
 * kernel runs T threads against T ranks and the line is {@code md: ratio_Tthreads=x}) and as the LAST line
 * {@code md: ratio=x} = kernel 1-thread atom-steps/s / LAMMPS serial atom-steps/s.
 *
 * <p><b>Scaling report</b> ({@link #scaling}, {@code --scaling}): the kernel alone (no LAMMPS) on the same KA settings
 * at several sizes (default N = 10^3, 10^4, 10^5), with 1 thread and with the requested threads, a few hundred to a
 * few thousand steps each (about 10^7 atom-steps per run, at least 200 steps), one line per run:
 * {@code md-scaling: N=100000 threads=1 steps=200 ns/atom-step=... bytes/atom=...}. ns/atom-step is the timed region's
 * wall time (as above) / (N steps); bytes/atom is the heap growth of the running simulation, measured after a full GC at
 * production frame 0 against the heap before the run, divided by N: every array of the kernel (particles ~110 B,
 * Verlet list with its 25 % slack ~270 B, cell list ~60 B, per extra thread ~150 B of force buffers and list chunk) plus
 * MdRun's id-ordered frame buffers (species and x, y, z: 28 B). G1 gives an array larger than half a heap region whole
 * regions, so at some sizes the figure reads up to ~1.5x the arrays' bytes: that is memory the JVM really holds.
 */
public final class MdBenchmark {
    /** Kernel model preset matching in.ka. */
    public static final String MODEL = "ka3d";
    public static final double DENSITY = 1.2;
    public static final double TEMPERATURE = 1.0;
    public static final double TIMESTEP = 0.005;
    public static final double THERMOSTAT_TAU = 0.5;
    public static final double SKIN = 0.3;
    /** Steps of each kernel warm-up run (or S, when smaller). */
    public static final long WARMUP_STEPS = 1000;

    private MdBenchmark() {
    }

    /** Most kernel threads / MPI ranks the benchmark accepts. */
    public static final int MAX_THREADS = 256;

    /**
     * @param atoms    number of atoms; must be 4 k^3 (an fcc lattice of k^3 cells, as in.ka builds it): 4000 is in.ka
     * @param steps    time steps of every timed run (in.ka: 5000)
     * @param repeats  timed runs per engine; the best counts
     * @param withMpi  also run LAMMPS on {@code threads} MPI ranks (needs mpirun) and print ratio_{threads}threads
     * @param threads  kernel threads of the parallel run and MPI ranks of the parallel LAMMPS run (default 2, >= 2)
     */
    public record Options(int atoms, long steps, int repeats, boolean withMpi, int threads) {
        public Options {
            latticeCells(atoms);
            if (steps < 1 || steps > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("steps must be in 1.." + Integer.MAX_VALUE + ", not " + steps);
            }
            if (repeats < 1) {
                throw new IllegalArgumentException("repeats must be >= 1, not " + repeats);
            }
            if (threads < 2 || threads > MAX_THREADS) {
                throw new IllegalArgumentException("threads must be in 2.." + MAX_THREADS + " (the parallel run; the "
                        + "serial one always runs), not " + threads);
            }
        }

        /** With the parallel runs on 2 threads / 2 ranks. */
        public Options(int atoms, long steps, int repeats, boolean withMpi) {
            this(atoms, steps, repeats, withMpi, 2);
        }

        /** in.ka as it stands: 4000 atoms, 5000 steps, one repeat, with the MPI run, 2 threads. */
        public static Options defaults() {
            return new Options(4000, 5000, 1, true, 2);
        }
    }

    /**
     * The scaling report's settings.
     *
     * @param sizes           particle numbers (N >= 211: the box edge must exceed 2 (2.5 + 0.3))
     * @param threads         the parallel thread count; 1 runs only the serial rows
     * @param atomStepsPerRun timed steps per run: this / N, within 200..2000 (default 10^7)
     * @param warmupSteps     steps of the untimed N = 4000 warm-up run per thread count (default 1000)
     */
    public record ScalingOptions(List<Integer> sizes, int threads, long atomStepsPerRun, long warmupSteps) {
        /** Default sizes: 10^3, 10^4, 10^5. */
        public static final List<Integer> DEFAULT_SIZES = List.of(1_000, 10_000, 100_000);

        /** The default run lengths. */
        public ScalingOptions(List<Integer> sizes, int threads) {
            this(sizes, threads, SCALING_ATOM_STEPS, WARMUP_STEPS);
        }

        /** Timed steps of a run of N atoms: about atomStepsPerRun, at least 200 and at most 2000. */
        public long steps(int atoms) {
            return Math.max(200, Math.min(2000, atomStepsPerRun / atoms));
        }

        public ScalingOptions {
            if (atomStepsPerRun < 1 || warmupSteps < 1) {
                throw new IllegalArgumentException("atomStepsPerRun and warmupSteps must be >= 1");
            }
            sizes = List.copyOf(sizes);
            if (sizes.isEmpty()) {
                throw new IllegalArgumentException("sizes must name at least one particle number, e.g. 1000,10000");
            }
            for (int n : sizes) {
                if (n < MIN_SCALING_ATOMS || n > RunConfig.MAX_PARTICLES) {
                    throw new IllegalArgumentException("sizes must be in " + MIN_SCALING_ATOMS + ".."
                            + RunConfig.MAX_PARTICLES + " (the box edge must exceed 2 (cutoff + skin)), not " + n);
                }
            }
            if (threads < 1 || threads > MAX_THREADS) {
                throw new IllegalArgumentException("threads must be in 1.." + MAX_THREADS + ", not " + threads);
            }
        }

        public static ScalingOptions defaults() {
            return new ScalingOptions(DEFAULT_SIZES, 2);
        }
    }

    /**
     * One scaling run.
     *
     * @param atoms          N
     * @param threads        kernel threads
     * @param steps          timed steps
     * @param nsPerAtomStep  timed wall time / (N steps) [ns]
     * @param bytesPerAtom   heap growth of the running simulation / N (see the class comment) [bytes]
     */
    public record ScalingRow(int atoms, int threads, long steps, double nsPerAtomStep, double bytesPerAtom) {
        /** The report line, {@code md-scaling: N=... threads=... steps=... ns/atom-step=... bytes/atom=...}. */
        public String line() {
            return String.format(Locale.ROOT, "md-scaling: N=%d threads=%d steps=%d ns/atom-step=%.1f bytes/atom=%.0f",
                    atoms, threads, steps, nsPerAtomStep, bytesPerAtom);
        }
    }

    /** Smallest N of the scaling report: KA at rho 1.2 needs a box edge > 2 (2.5 + 0.3) = 5.6, N > 210. */
    static final int MIN_SCALING_ATOMS = 211;
    /** Atom-steps per scaling run (~4 s at 0.4 us/atom-step), within 200..2000 steps. */
    public static final long SCALING_ATOM_STEPS = 10_000_000L;

    /**
     * The scaling report: for every size, the kernel on 1 thread and on {@code threads} (when > 1), each timed as in
     * the comparison (production frame 0 to the last step) after one untimed warm-up run per thread count at N = 4000.
     * With the defaults it runs in about two minutes on 2 cores (N = 10^5: 200 steps, FIRE start included).
     * Prints a header line and one {@link ScalingRow#line()} per run to {@code out}.
     */
    public static List<ScalingRow> scaling(ScalingOptions options, PrintStream out) throws IOException {
        out.printf(Locale.ROOT, "md scaling: Kob-Andersen 80:20, rho=%.1f, NVT T=%.1f, dt=%.3f, skin %.1f; "
                        + "ns/atom-step = wall / (N steps); bytes/atom = heap growth of the running simulation / N "
                        + "(kernel state + 28 B/atom of frame buffers, G1 region rounding included)%n", DENSITY,
                TEMPERATURE, TIMESTEP, SKIN);
        List<Integer> threadCounts = options.threads() > 1 ? List.of(1, options.threads()) : List.of(1);
        for (int t : threadCounts) {
            runKernel(4000, options.warmupSteps(), t, "scaling-warmup-t" + t);
        }
        List<ScalingRow> rows = new ArrayList<>();
        for (int n : options.sizes()) {
            long steps = options.steps(n);
            for (int t : threadCounts) {
                TimingSink sink = new TimingSink(steps, true);
                long before = usedHeapAfterGc();
                MdRun.run(config(n, steps, t, "scaling-n" + n + "-t" + t), sink);
                double seconds = sink.seconds();
                ScalingRow row = new ScalingRow(n, t, steps, seconds * 1e9 / ((double) n * steps),
                        (double) (sink.heapAtStart - before) / n);
                rows.add(row);
                out.println(row.line());
                out.flush();
            }
        }
        return rows;
    }

    /** Heap in use after a full collection (twice: finalizable garbage goes in the second) [bytes]. */
    private static long usedHeapAfterGc() {
        java.lang.management.MemoryMXBean mx = java.lang.management.ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        return mx.getHeapMemoryUsage().getUsed();
    }

    /**
     * One engine's best timed run.
     *
     * @param engine      "lammps", "lammps-mpi" or "kernel"
     * @param threads     MPI ranks (LAMMPS) or force threads (kernel)
     * @param seconds     the timed region (LAMMPS Loop time; kernel production frame 0 to frame S)
     * @param wallSeconds whole run: the LAMMPS process (start-up included), the whole MdRun.run call
     */
    public record Measurement(String engine, int threads, long steps, long atoms, double seconds, double wallSeconds) {
        public double atomStepsPerSecond() {
            return steps * (double) atoms / seconds;
        }
    }

    /**
     * @param measurements    every engine's best run, in table order
     * @param ratio           kernel 1 thread / LAMMPS serial, atom-steps/s
     * @param ratio2Threads   kernel T threads / LAMMPS T MPI ranks, T = {@link Options#threads()} (2 by default; NaN
     *                        without the MPI run)
     * @param ratioWithSetup  like ratio but with the kernel's whole MdRun.run call (setup included) timed
     */
    public record Result(List<Measurement> measurements, double ratio, double ratio2Threads, double ratioWithSetup) {
        public Measurement find(String engine, int threads) {
            for (Measurement m : measurements) {
                if (m.engine().equals(engine) && m.threads() == threads) {
                    return m;
                }
            }
            throw new IllegalArgumentException("no measurement " + engine + "/" + threads);
        }
    }

    /** Runs the whole comparison and prints its table and ratio lines to {@code out}. */
    public static Result run(Options options, PrintStream out) throws IOException {
        Lammps lammps = Lammps.locate();
        if (options.withMpi() && Lammps.mpirun().isEmpty()) {
            throw new LammpsException.NotFound("mpirun not found (needed for the 2-rank LAMMPS run): install it with "
                    + "bin/install-lammps, or run without MPI");
        }
        int cells = latticeCells(options.atoms());
        String input = lammpsInput(cells, options.steps());
        // Generous: 20k atom-steps/s is ~60x slower than LAMMPS serial here.
        Duration timeout = Duration.ofSeconds(120 + (long) (options.steps() * (double) options.atoms() / 2e4));

        int parallel = options.threads();
        out.printf(Locale.ROOT, "md bench: Kob-Andersen 80:20, N=%d, rho=%.1f, NVT T=%.1f, dt=%.3f, %d steps, "
                        + "lammps %s, best of %d%n", options.atoms(), DENSITY, TEMPERATURE, TIMESTEP, options.steps(),
                lammps.binary(), options.repeats());
        // Untimed kernel warm-up (JIT, worker threads), once per thread count.
        long warm = Math.min(WARMUP_STEPS, options.steps());
        runKernel(options.atoms(), warm, 1, "bench-warmup-t1");
        runKernel(options.atoms(), warm, parallel, "bench-warmup-t" + parallel);

        Measurement[] best = new Measurement[4];
        for (int r = 0; r < options.repeats(); r++) {
            best[0] = better(best[0], runLammps(lammps, input, 1, timeout, "lammps"));
            if (options.withMpi()) {
                best[1] = better(best[1], runLammps(lammps, input, parallel, timeout, "lammps-mpi"));
            }
            best[2] = better(best[2], timeKernel(options.atoms(), options.steps(), 1));
            best[3] = better(best[3], timeKernel(options.atoms(), options.steps(), parallel));
        }
        List<Measurement> ms = new ArrayList<>();
        for (Measurement m : best) {
            if (m != null) {
                ms.add(m);
            }
        }
        double ratio = best[2].atomStepsPerSecond() / best[0].atomStepsPerSecond();
        double ratio2 = best[1] == null ? Double.NaN : best[3].atomStepsPerSecond() / best[1].atomStepsPerSecond();
        double ratioSetup = (best[2].steps() * (double) best[2].atoms() / best[2].wallSeconds())
                / best[0].atomStepsPerSecond();
        Result result = new Result(List.copyOf(ms), ratio, ratio2, ratioSetup);
        print(result, out);
        return result;
    }

    /** Prints the table and the ratio lines, {@code md: ratio=x} last. */
    public static void print(Result result, PrintStream out) {
        out.printf(Locale.ROOT, "%-11s %7s %8s %7s %10s %14s %10s%n", "engine", "threads", "steps", "atoms", "seconds",
                "atom-steps/s", "wall");
        for (Measurement m : result.measurements()) {
            out.printf(Locale.ROOT, "%-11s %7d %8d %7d %10.3f %14.4e %10.3f%n", m.engine(), m.threads(), m.steps(),
                    m.atoms(), m.seconds(), m.atomStepsPerSecond(), m.wallSeconds());
        }
        out.println("(seconds: LAMMPS Loop time / kernel production frame 0..S; wall: whole LAMMPS process / whole "
                + "MdRun.run call incl. lattice+FIRE setup)");
        out.printf(Locale.ROOT, "md: ratio_with_setup=%.3f%n", result.ratioWithSetup());
        if (!Double.isNaN(result.ratio2Threads())) {
            int parallel = result.measurements().stream().filter(m -> m.engine().equals("lammps-mpi"))
                    .mapToInt(Measurement::threads).findFirst().orElse(2);
            out.printf(Locale.ROOT, "md: ratio_%dthreads=%.3f%n", parallel, result.ratio2Threads());
        }
        out.printf(Locale.ROOT, "md: ratio=%.3f%n", result.ratio());
        out.flush();
    }

    /**
     * The Kob-Andersen interaction and neighbour settings of the reference LAMMPS input in.ka, written once here for the
     * benchmark and the kernel-vs-LAMMPS physics tests alike (an independent statement of the model, not derived from
     * the kernel's {@code PairModel}).
     */
    public static final String KA_INTERACTIONS = String.join("\n",
            "pair_style      lj/cut 2.5",
            "pair_coeff      1 1 1.0 1.00 2.5",
            "pair_coeff      1 2 1.5 0.80 2.0",
            "pair_coeff      2 2 0.5 0.88 2.2",
            "pair_modify     shift yes",
            "neighbor        0.3 bin",
            "neigh_modify    every 1 delay 0 check yes");

    /** The in.ka input with a k^3-cell fcc lattice and S steps (in.ka itself: k = 10, S = 5000). */
    public static String lammpsInput(int latticeCells, long steps) {
        int k = latticeCells;
        return String.join("\n",
                "# Kob-Andersen 80:20 binary LJ, N=" + (4L * k * k * k) + ", rho=1.2, NVT T=1.0, dt=0.005",
                "# Generated by glassworks.md.bench.MdBenchmark from the reference Kob-Andersen input in.ka (run length = steps).",
                "units           lj",
                "atom_style      atomic",
                "boundary        p p p",
                "lattice         fcc 1.2",
                "region          box block 0 " + k + " 0 " + k + " 0 " + k,
                "create_box      2 box",
                "create_atoms    1 box",
                "set             type 1 type/fraction 2 0.2 12345",
                "mass            * 1.0",
                KA_INTERACTIONS,
                "velocity        all create 1.0 4928459 dist gaussian",
                "fix             1 all nvt temp 1.0 1.0 0.5",
                "timestep        0.005",
                "thermo          1000",
                "run             " + steps,
                "");
    }

    /** k such that atoms = 4 k^3; throws otherwise. */
    static int latticeCells(int atoms) {
        int k = (int) Math.round(Math.cbrt(atoms / 4.0));
        if (atoms < 4 || 4L * k * k * k != atoms) {
            throw new IllegalArgumentException("atoms must be 4 k^3 (an fcc lattice of k^3 cells, e.g. 500, 4000, "
                    + "32000), not " + atoms);
        }
        return k;
    }

    private static Measurement better(Measurement a, Measurement b) {
        return a == null || b.seconds() < a.seconds() ? b : a;
    }

    private static Measurement runLammps(Lammps lammps, String input, int procs, Duration timeout, String engine) {
        Lammps.Run run = lammps.run(input, Map.of(), List.of(), procs, timeout);
        LoopTime loop = run.lastLoop();
        return new Measurement(engine, loop.procs(), loop.steps(), loop.atoms(), loop.seconds(), run.wallSeconds());
    }

    private static RunConfig config(int atoms, long steps, int threads, String runId) {
        return new RunConfig(runId, MODEL, atoms, DENSITY, TEMPERATURE, TIMESTEP, 0, steps, (int) steps,
                (int) Math.min(steps, 1000), 12345L, Ensemble.NVT, THERMOSTAT_TAU, SKIN, threads, false, false);
    }

    private static void runKernel(int atoms, long steps, int threads, String runId) throws IOException {
        MdRun.run(config(atoms, steps, threads, runId), new TimingSink(steps));
    }

    private static Measurement timeKernel(int atoms, long steps, int threads) throws IOException {
        TimingSink sink = new TimingSink(steps);
        long t0 = System.nanoTime();
        MdRun.run(config(atoms, steps, threads, "bench-kernel-t" + threads), sink);
        double wall = (System.nanoTime() - t0) / 1e9;
        double seconds = sink.seconds();
        if (Double.isNaN(seconds)) {
            // The kernel did not report frames 0 and S: fall back to the whole call (conservative).
            seconds = wall;
        }
        return new Measurement("kernel", threads, steps, atoms, seconds, wall);
    }

    /**
     * No-op sink that notes when production frame 0 and frame S arrive; with {@code measureHeap} it also takes the heap
     * in use after a full GC at frame 0, before the clock starts.
     */
    private static final class TimingSink implements TrajectorySink {
        private final long lastStep;
        private final boolean measureHeap;
        private long start = -1;
        private long end = -1;
        long heapAtStart = -1;

        TimingSink(long lastStep) {
            this(lastStep, false);
        }

        TimingSink(long lastStep, boolean measureHeap) {
            this.lastStep = lastStep;
            this.measureHeap = measureHeap;
        }

        @Override
        public void frame(FrameView frame) {
            if (frame.step() == 0 && start < 0 && measureHeap) {
                heapAtStart = usedHeapAfterGc();
            }
            long now = System.nanoTime();
            if (frame.step() == 0 && start < 0) {
                start = now;
            }
            if (frame.step() == lastStep) {
                end = now;
            }
        }

        @Override
        public void thermo(ThermoTable.Row row) {
            // not needed
        }

        double seconds() {
            return start >= 0 && end > start ? (end - start) / 1e9 : Double.NaN;
        }
    }

    /** Parses "1000,10000,100000" (also 1e5) into sizes; the message names the bad entry. */
    public static List<Integer> parseSizes(String s) {
        List<Integer> sizes = new ArrayList<>();
        for (String part : s.split(",")) {
            String t = part.trim();
            try {
                double v = Double.parseDouble(t);
                if (v != Math.rint(v) || v > Integer.MAX_VALUE || v < 1) {
                    throw new NumberFormatException();
                }
                sizes.add((int) v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("sizes must be particle numbers separated by commas, e.g. "
                        + "1000,10000,100000; not '" + t + "'");
            }
        }
        return sizes;
    }

    /**
     * {@code MdBenchmark [--steps S] [--repeats R] [--atoms N] [--threads T] [--no-mpi]}: prints the table; last line
     * md: ratio=x. {@code MdBenchmark --scaling [--sizes 1000,10000,100000] [--threads T]}: the scaling report only.
     */
    public static void main(String[] args) {
        Options d = Options.defaults();
        int atoms = d.atoms();
        long steps = d.steps();
        int repeats = d.repeats();
        boolean mpi = d.withMpi();
        int threads = d.threads();
        boolean scaling = false;
        List<Integer> sizes = ScalingOptions.DEFAULT_SIZES;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--steps" -> steps = Long.parseLong(args[++i]);
                    case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                    case "--atoms" -> atoms = Integer.parseInt(args[++i]);
                    case "--threads" -> threads = Integer.parseInt(args[++i]);
                    case "--no-mpi" -> mpi = false;
                    case "--scaling" -> scaling = true;
                    case "--sizes" -> {
                        sizes = parseSizes(args[++i]);
                        scaling = true;
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]
                            + " (usage: [--steps S] [--repeats R] [--atoms N] [--threads T] [--no-mpi] | --scaling "
                            + "[--sizes N1,N2,...] [--threads T])");
                }
            }
            if (scaling) {
                scaling(new ScalingOptions(sizes, threads), System.out);
            } else {
                run(new Options(atoms, steps, repeats, mpi, threads), System.out);
            }
        } catch (LammpsException | IllegalArgumentException | IOException | ArrayIndexOutOfBoundsException e) {
            System.err.println("md bench: " + e.getMessage());
            System.exit(1);
        }
    }
}
