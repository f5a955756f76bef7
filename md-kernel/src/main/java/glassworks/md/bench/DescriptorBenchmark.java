package glassworks.md.bench;

import glassworks.md.Ensemble;
import glassworks.md.FrameView;
import glassworks.md.MdRun;
import glassworks.md.Models;
import glassworks.md.PairModel;
import glassworks.md.RunConfig;
import glassworks.md.TrajectorySink;
import glassworks.md.lammps.Lammps;
import glassworks.md.lammps.LammpsDataFile;
import glassworks.md.lammps.LammpsException;
import glassworks.md.lammps.LoopTime;
import glassworks.md.lammps.ThermoBlock;
import glassworks.md.structure.BondOrder;
import glassworks.md.structure.Descriptor;
import glassworks.md.structure.DescriptorCatalog;
import glassworks.md.structure.StructureReference;
import glassworks.schema.tables.ThermoTable;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Speed of the structural descriptors ({@link DescriptorCatalog}) on one core, and of the bare bond order against
 * LAMMPS {@code compute orientorder/atom} on the same frames, side by side in one invocation (machines are noisy, so
 * only the ratio is meaningful). {@code bin/glassworks bench descriptors} runs it (and adds a Spark scaling part between
 * the family lines and the ratio lines).
 *
 * <p><b>Frames.</b> A Kob-Andersen 80:20 liquid ({@code ka3d}), N = 4096, rho = 1.2, made by a short {@link MdRun}:
 * lattice + FIRE start, {@link Options#equilibrationSteps()} steps of NVT at T = 1.0 (tau_T = 0.5, dt = 0.005), then
 * {@link Options#frames()} frames {@link Options#frameInterval()} steps apart (per-particle energies saved, which
 * {@code zu} needs). The frames are copied and kept in memory; everything below runs on them.
 *
 * <p><b>Families.</b> Every family of {@link DescriptorCatalog#families()} (or those of {@link Options#families()}) with
 * its default parameters, {@code auto} ones resolved from a {@link StructureReference} of these frames (as the Spark
 * job resolves them per temperature). A family that does not apply to a 3D KA frame of this size (e.g. {@code cg},
 * 2D only, or a cutoff beyond half the box at small N) prints {@code descriptors-family: family=F skipped: reason}.
 * Otherwise, on the calling thread alone: an untimed warm-up (JIT; frames for 0.3 s, at least one), then frames in turn
 * until {@link Options#minSeconds()} have elapsed (at least one frame), computing into a preallocated output array:
 * {@code descriptors-family: family=F features=K particle_frames_per_s=X alloc_bytes_per_particle=B}, where B is
 * what one {@code compute} call on one frame allocates on the heap (HotSpot's per-thread allocation counter), divided by
 * N: the neighbour lists and scratch of the call, not the output (8 K bytes per particle, given by the caller). It is
 * an upper bound on the call's extra live memory. It grows with the family's largest cutoff (its neighbour rows hold
 * ~36 bytes per neighbour: gx reaches 6.4 sigma, ~1300 neighbours) and not with N: no family builds N x N arrays.
 *
 * <p><b>Yardstick: LAMMPS {@code compute orientorder/atom}.</b> The same definition as our family {@code bo} (see
 * {@code LammpsOrientOrderTest}, which checks the numbers agree to 1e-10): Q_l for l = 1..8 over every neighbour
 * closer than one cutoff r^c = {@value #YARDSTICK_CUTOFF} (KA's r^c_AA) for every pair, {@code nnn NULL}. Every frame
 * is written as a LAMMPS data file ({@link LammpsDataFile}) and one serial LAMMPS process runs, per frame
 * ({@link #lammpsInput}): {@code clear}, {@code read_data}, {@code pair_style zero r^c} with {@code neighbor 0.0 bin}
 * (the neighbour list holds exactly the pairs within r^c, the smallest list orientorder/atom accepts: its cutoff may not
 * exceed the pair cutoff), no integrator (atoms never move, so the list is built once, at setup, outside the timed
 * loop; the compute's own full "occasional" list is built at its first evaluation and then reused), then
 * <ol>
 *   <li>a baseline {@code run E} without the compute (the empty time-step loop: zero pair style, neighbour check,
 *   output), and</li>
 *   <li>{@code compute q all orientorder/atom nnn NULL cutoff r^c degrees 8 1 2 3 4 5 6 7 8}, forced every step by
 *   {@code fix ave/atom 1 1 1 c_q[*]}, with {@code thermo E} printing the frame's mean Q_6 (a {@code compute reduce})
 *   at the start and the end of the run, then {@code run E}.</li>
 * </ol>
 * LAMMPS's cost per evaluation of the frame is (Loop time of 2 - Loop time of 1) / E, so start-up, reading the data
 * file, the setup neighbour build and the empty loop are all excluded: the yardstick is the compute's own per-atom work
 * (on a 2-core test machine ~12 us per atom; the empty loop costs ~0.02 % of it). What is timed on our side is
 * {@code new BondOrder(r^c, 1, 8).compute(frame, out)} on one thread, which builds its neighbour rows afresh on every
 * call: our neighbour search is inside the timed region and LAMMPS's is not, which can only favour LAMMPS (letting
 * LAMMPS re-neighbour every step, {@code neigh_modify check no}, adds ~10 % to its time). Ours: the frames in turn
 * for at least {@link Options#minSeconds()}, after an untimed warm-up. The two engines run interleaved
 * {@link Options#repeats()} times and each keeps its best. Sanity: the frames' mean Q_6 from LAMMPS's thermo output
 * must equal ours to 1e-6 relative, or the benchmark stops (it would compare different computations).
 *
 * <p>Output lines, in order: a header, {@code descriptors-reference: ...} (the structure that set the auto parameters),
 * one {@code descriptors-family:} line per family, then (after anything the caller prints in between, see
 * {@link #run(Options, PrintStream, Runnable)}) {@code descriptors: check mean_Q6 lammps=... ours=...},
 * {@code descriptors: lammps_particle_frames_per_s=X ours=Y} and, last, {@code descriptors: ratio=Y/X}
 * (higher is better; the goal is >= 1).
 */
public final class DescriptorBenchmark {
    /** Kernel model preset of the frames. */
    public static final String MODEL = "ka3d";
    public static final double DENSITY = 1.2;
    public static final double TEMPERATURE = 1.0;
    public static final double TIMESTEP = 0.005;
    public static final double THERMOSTAT_TAU = 0.5;
    public static final double SKIN = 0.3;
    /** The yardstick's one neighbour cutoff for every pair: KA's r^c_AA, the first minimum of g_AA [sigma]. */
    public static final double YARDSTICK_CUTOFF = 1.45;
    /** Degrees of the yardstick: l = 1..8, as family bo's defaults. */
    public static final int YARDSTICK_L_MAX = 8;
    /** Untimed warm-up (JIT) of each family before it is timed: frames until this many seconds, at least one [s]. */
    static final double WARMUP_SECONDS = 0.3;
    /** Seed of the frames' run. */
    public static final long SEED = 4096L;

    private DescriptorBenchmark() {
    }

    /**
     * @param atoms              N of the KA frames (default 4096)
     * @param frames             frames made and described (default 4)
     * @param repeats            interleaved timed runs of the yardstick comparison, LAMMPS and ours; each keeps its best
     *                           (default 3)
     * @param families           families to time (empty: every family of {@link DescriptorCatalog#families()})
     * @param lammpsEvaluations  E, evaluations of the compute per frame in each LAMMPS run (default 20)
     * @param minSeconds         least timed seconds per measurement of ours (default 1.0)
     * @param equilibrationSteps NVT steps from the FIRE-relaxed lattice before the first frame (default 2000 = 10 tau)
     * @param frameInterval      steps between frames (default 200)
     */
    public record Options(int atoms, int frames, int repeats, List<String> families, int lammpsEvaluations,
                          double minSeconds, long equilibrationSteps, int frameInterval) {
        public Options {
            if (atoms < 100 || atoms > RunConfig.MAX_PARTICLES) {
                throw new IllegalArgumentException("atoms must be in 100.." + RunConfig.MAX_PARTICLES + ", not " + atoms);
            }
            if (frames < 1 || frames > 1000) {
                throw new IllegalArgumentException("frames must be in 1..1000, not " + frames);
            }
            if (repeats < 1) {
                throw new IllegalArgumentException("repeats must be >= 1, not " + repeats);
            }
            families = families == null ? List.of() : List.copyOf(families);
            for (String f : families) {
                if (!DescriptorCatalog.families().contains(f)) {
                    throw new IllegalArgumentException("unknown descriptor family '" + f + "'; families: "
                            + String.join(", ", DescriptorCatalog.families()));
                }
            }
            if (lammpsEvaluations < 1) {
                throw new IllegalArgumentException("lammpsEvaluations must be >= 1, not " + lammpsEvaluations);
            }
            if (!(minSeconds >= 0) || Double.isInfinite(minSeconds)) {
                throw new IllegalArgumentException("minSeconds must be finite and >= 0, not " + minSeconds);
            }
            if (equilibrationSteps < 0 || frameInterval < 1) {
                throw new IllegalArgumentException("equilibrationSteps must be >= 0 and frameInterval >= 1");
            }
        }

        /** N = 4096, 4 frames, best of 3, every family, 20 LAMMPS evaluations per frame, 1 s per measurement. */
        public static Options defaults() {
            return new Options(4096, 4, 3, List.of(), 20, 1.0, 2000, 200);
        }

        /** The families to time, in catalog order. */
        public List<String> selectedFamilies() {
            return families.isEmpty() ? DescriptorCatalog.families() : families;
        }

        public Options withFrames(int f) {
            return new Options(atoms, f, repeats, families, lammpsEvaluations, minSeconds, equilibrationSteps,
                    frameInterval);
        }

        public Options withRepeats(int r) {
            return new Options(atoms, frames, r, families, lammpsEvaluations, minSeconds, equilibrationSteps,
                    frameInterval);
        }

        public Options withFamilies(List<String> fs) {
            return new Options(atoms, frames, repeats, fs, lammpsEvaluations, minSeconds, equilibrationSteps,
                    frameInterval);
        }

        public Options withAtoms(int n) {
            return new Options(n, frames, repeats, families, lammpsEvaluations, minSeconds, equilibrationSteps,
                    frameInterval);
        }
    }

    /**
     * One family's timing, or why it was skipped.
     *
     * @param family                 family name
     * @param features               vector length (0 when skipped)
     * @param particleFramesPerSecond particles x frames described per second on one thread (NaN when skipped)
     * @param allocBytesPerParticle  heap bytes one compute call allocates / N (NaN when unmeasured or skipped)
     * @param skipped                why the family does not apply, or null
     */
    public record FamilyRow(String family, int features, double particleFramesPerSecond, double allocBytesPerParticle,
                            String skipped) {
        /** {@code descriptors-family: family=F features=K particle_frames_per_s=X alloc_bytes_per_particle=B}. */
        public String line() {
            if (skipped != null) {
                return "descriptors-family: family=" + family + " skipped: " + skipped;
            }
            return String.format(Locale.ROOT, "descriptors-family: family=%s features=%d particle_frames_per_s=%.0f "
                            + "alloc_bytes_per_particle=%s", family, features, particleFramesPerSecond,
                    Double.isNaN(allocBytesPerParticle) ? "n/a" : String.format(Locale.ROOT, "%.0f", allocBytesPerParticle));
        }
    }

    /**
     * @param families            one row per family, in order
     * @param lammpsPerSecond     LAMMPS orientorder/atom particle-frames/s (best repeat)
     * @param oursPerSecond       our BondOrder(r^c, 1, 8) particle-frames/s on one thread (best repeat)
     * @param lammpsMeanQ6        mean Q_6 over the frames' particles from LAMMPS
     * @param oursMeanQ6          the same from ours
     */
    public record Result(List<FamilyRow> families, double lammpsPerSecond, double oursPerSecond, double lammpsMeanQ6,
                         double oursMeanQ6) {
        /** ours / LAMMPS, higher is better. */
        public double ratio() {
            return oursPerSecond / lammpsPerSecond;
        }
    }

    /** Runs everything and prints it, {@code descriptors: ratio=x} last. */
    public static Result run(Options options, PrintStream out) throws IOException {
        return run(options, out, () -> { });
    }

    /**
     * Runs everything; {@code beforeRatio} runs after the family lines and the yardstick measurements and before the
     * yardstick's lines, so that the ratio stays the last line whatever the caller adds (the CLI's Spark scaling).
     */
    public static Result run(Options options, PrintStream out, Runnable beforeRatio) throws IOException {
        Lammps lammps = Lammps.locate();
        PairModel model = Models.byName(MODEL);
        out.printf(Locale.ROOT, "descriptors bench: Kob-Andersen 80:20 (%s), N=%d, rho=%.1f, NVT T=%.1f, %d frame(s) "
                        + "%d steps apart after %d steps; one thread; lammps %s; yardstick best of %d%n", MODEL,
                options.atoms(), DENSITY, TEMPERATURE, options.frames(), options.frameInterval(),
                options.equilibrationSteps(), lammps.binary(), options.repeats());
        out.flush();
        List<FrameView> frames = makeFrames(options);
        StructureReference reference = new StructureReference(model);
        for (FrameView f : frames) {
            reference.add(f);
        }
        out.println("descriptors-reference: " + reference.summary());
        out.flush();

        List<FamilyRow> rows = new ArrayList<>();
        for (String family : options.selectedFamilies()) {
            FamilyRow row = timeFamily(family, model, reference, frames, options.minSeconds());
            rows.add(row);
            out.println(row.line());
            out.flush();
        }

        // the yardstick: LAMMPS and ours interleaved, best of each
        Map<String, String> files = dataFiles(frames, model);
        String input = lammpsInput(frames.size(), YARDSTICK_CUTOFF, options.lammpsEvaluations());
        double lammpsSecondsPerEval = Double.NaN;
        double lammpsBest = 0;
        double oursBest = 0;
        double lammpsQ6 = Double.NaN;
        BondOrder bo = new BondOrder(YARDSTICK_CUTOFF, 1, YARDSTICK_L_MAX);
        double[] outArray = new double[options.atoms() * bo.featureCount()];
        throughput(bo, frames, outArray, WARMUP_SECONDS); // JIT
        for (int r = 0; r < options.repeats(); r++) {
            Duration timeout = Duration.ofSeconds(300 + (long) (frames.size() * options.lammpsEvaluations()
                    * (double) options.atoms() * 1e-4));
            Lammps.Run run = lammps.run(input, files, List.of(), 1, timeout);
            LammpsTiming t = parseLammps(run, frames.size(), options.lammpsEvaluations());
            double perSecond = (double) options.atoms() * frames.size() * options.lammpsEvaluations() / t.seconds();
            lammpsBest = Math.max(lammpsBest, perSecond);
            lammpsQ6 = t.meanQ6();
            oursBest = Math.max(oursBest, throughput(bo, frames, outArray, options.minSeconds()));
        }
        double oursQ6 = 0;
        for (FrameView f : frames) {
            bo.compute(f, outArray);
            oursQ6 += meanFeature(outArray, f.n(), bo.featureCount(), 6 - 1) / frames.size();
        }
        Result result = new Result(List.copyOf(rows), lammpsBest, oursBest, lammpsQ6, oursQ6);
        if (!(Math.abs(lammpsQ6 - oursQ6) <= 1e-6 * Math.abs(oursQ6))) {
            throw new IllegalStateException(String.format(Locale.ROOT, "LAMMPS orientorder/atom and our bond order "
                    + "disagree on the frames' mean Q6 (%.9f vs %.9f): the yardstick would not compute the same thing",
                    lammpsQ6, oursQ6));
        }
        beforeRatio.run();
        print(result, out);
        return result;
    }

    /** Prints the yardstick's lines, {@code descriptors: ratio=x} last. */
    public static void print(Result result, PrintStream out) {
        out.printf(Locale.ROOT, "descriptors: check mean_Q6 lammps=%.9f ours=%.9f (cutoff %.2f, l = 1..%d, same frames)%n",
                result.lammpsMeanQ6(), result.oursMeanQ6(), YARDSTICK_CUTOFF, YARDSTICK_L_MAX);
        out.printf(Locale.ROOT, "descriptors: lammps_particle_frames_per_s=%.0f ours=%.0f%n", result.lammpsPerSecond(),
                result.oursPerSecond());
        out.printf(Locale.ROOT, "descriptors: ratio=%.3f%n", result.ratio());
        out.flush();
    }

    /**
     * The yardstick's LAMMPS input for {@code frames} data files {@code frame0.data ..}: per frame a baseline
     * {@code run E} and a {@code run E} with orientorder/atom evaluated every step (see the class comment).
     */
    public static String lammpsInput(int frames, double cutoff, int evaluations) {
        StringBuilder s = new StringBuilder();
        s.append("# Glassworks descriptors bench: LAMMPS compute orientorder/atom on ").append(frames)
                .append(" frame(s), ").append(evaluations).append(" evaluations each; cost = loop(compute) - loop(baseline)\n");
        String rc = num(cutoff);
        for (int k = 0; k < frames; k++) {
            s.append(String.join("\n",
                    "clear",
                    "units           lj",
                    "atom_style      atomic",
                    "boundary        p p p",
                    "read_data       " + dataFileName(k),
                    "pair_style      zero " + rc,
                    "pair_coeff      * *",
                    "neighbor        0.0 bin",
                    "neigh_modify    every 1 delay 0 check yes",
                    "thermo_style    custom step",
                    "thermo          " + evaluations,
                    "run             " + evaluations,
                    "compute         q all orientorder/atom nnn NULL cutoff " + rc + " degrees 8 1 2 3 4 5 6 7 8",
                    "fix             qa all ave/atom 1 1 1 c_q[*]",
                    "compute         q6 all reduce ave c_q[6]",
                    "thermo_style    custom step c_q6",
                    "thermo_modify   format float %.15g",
                    "thermo          " + evaluations,
                    "run             " + evaluations,
                    ""));
        }
        return s.toString();
    }

    /** Data file name of frame k in the LAMMPS run directory. */
    static String dataFileName(int k) {
        return "frame" + k + ".data";
    }

    /**
     * What one LAMMPS yardstick run measured.
     *
     * @param seconds  summed over frames: Loop time with the compute - Loop time of the baseline
     * @param meanQ6   mean over frames of the per-frame mean Q_6 (c_q6 at the end of each compute run)
     */
    record LammpsTiming(double seconds, double meanQ6) {
    }

    /**
     * Parses a yardstick run's log: 2 Loop-time lines per frame (baseline, then compute, each over E steps) and the
     * c_q6 thermo column of each compute run. Throws {@link LammpsException} when the log does not have that shape.
     */
    static LammpsTiming parseLammps(Lammps.Run run, int frames, int evaluations) {
        List<LoopTime> loops = run.loops();
        if (loops.size() != 2 * frames) {
            throw new LammpsException("expected " + 2 * frames + " Loop-time lines (baseline and compute per frame) in "
                    + "the LAMMPS log, found " + loops.size());
        }
        double seconds = 0;
        for (int k = 0; k < frames; k++) {
            LoopTime base = loops.get(2 * k);
            LoopTime comp = loops.get(2 * k + 1);
            if (base.steps() != evaluations || comp.steps() != evaluations) {
                throw new LammpsException("LAMMPS ran " + base.steps() + " and " + comp.steps() + " steps for frame " + k
                        + ", expected " + evaluations + " each");
            }
            seconds += Math.max(0.0, comp.seconds() - base.seconds());
        }
        if (!(seconds > 0)) {
            throw new LammpsException("LAMMPS's orientorder/atom loops took no measurable time; raise the evaluations "
                    + "per frame");
        }
        List<Double> q6 = new ArrayList<>();
        for (ThermoBlock b : run.thermo()) {
            if (b.columns().contains("c_q6")) {
                q6.add(b.lastRow().get("c_q6"));
            }
        }
        if (q6.size() != frames) {
            throw new LammpsException("expected " + frames + " thermo blocks with c_q6 in the LAMMPS log, found "
                    + q6.size());
        }
        return new LammpsTiming(seconds, q6.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
    }

    /** The LAMMPS data files of the frames, name to content. */
    static Map<String, String> dataFiles(List<FrameView> frames, PairModel model) {
        Map<String, String> files = new LinkedHashMap<>();
        double[] masses = LammpsDataFile.masses(model);
        for (int k = 0; k < frames.size(); k++) {
            files.put(dataFileName(k), LammpsDataFile.format(frames.get(k), masses, false));
        }
        return files;
    }

    /**
     * Times one family: builds it from the catalog's defaults and the reference, warms it up (untimed), then computes
     * frames until {@code minSeconds}; a family that does not apply gives a skipped row.
     */
    static FamilyRow timeFamily(String family, PairModel model, StructureReference reference, List<FrameView> frames,
                                double minSeconds) {
        Descriptor d;
        double[] out;
        try {
            d = DescriptorCatalog.build(new DescriptorCatalog.Request(family, family, Map.of()), model, 3, reference);
            out = new double[frames.get(0).n() * d.featureCount()];
            throughput(d, frames, out, WARMUP_SECONDS); // JIT, and does it apply to these frames?
        } catch (IllegalArgumentException e) {
            return new FamilyRow(family, 0, Double.NaN, Double.NaN, e.getMessage());
        }
        double alloc = allocatedBytes(() -> d.compute(frames.get(0), out)) / (double) frames.get(0).n();
        double perSecond = throughput(d, frames, out, minSeconds);
        return new FamilyRow(family, d.featureCount(), perSecond, alloc, null);
    }

    /**
     * Computes {@code d} on the frames in turn (0, 1, .., F - 1, 0, ..) until {@code minSeconds} have elapsed, at least
     * one frame; returns particle-frames per second.
     */
    static double throughput(Descriptor d, List<FrameView> frames, double[] out, double minSeconds) {
        long particles = 0;
        long t0 = System.nanoTime();
        long elapsed;
        int k = 0;
        do {
            FrameView f = frames.get(k);
            d.compute(f, out);
            particles += f.n();
            k = (k + 1) % frames.size();
            elapsed = System.nanoTime() - t0;
        } while (elapsed < minSeconds * 1e9);
        return particles / (elapsed / 1e9);
    }

    /** Heap bytes the calling thread allocates while running {@code r}; NaN where the JVM does not count them. */
    static double allocatedBytes(Runnable r) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        if (mx instanceof com.sun.management.ThreadMXBean hs && hs.isThreadAllocatedMemorySupported()) {
            if (!hs.isThreadAllocatedMemoryEnabled()) {
                hs.setThreadAllocatedMemoryEnabled(true);
            }
            long id = Thread.currentThread().getId();
            long before = hs.getThreadAllocatedBytes(id);
            r.run();
            long after = hs.getThreadAllocatedBytes(id);
            return before >= 0 && after >= before ? after - before : Double.NaN;
        }
        r.run();
        return Double.NaN;
    }

    /** Mean over particles of feature {@code index}. */
    static double meanFeature(double[] out, int n, int features, int index) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += out[i * features + index];
        }
        return s / n;
    }

    /** The KA run and its frames, copied out of the kernel's reused buffers. */
    static List<FrameView> makeFrames(Options options) throws IOException {
        long production = (long) (options.frames() - 1) * options.frameInterval();
        RunConfig config = new RunConfig("bench-descriptors", MODEL, options.atoms(), DENSITY, TEMPERATURE, TIMESTEP,
                options.equilibrationSteps(), Math.max(1, production), options.frameInterval(), options.frameInterval(),
                SEED, Ensemble.NVT, THERMOSTAT_TAU, SKIN, 1, false, true);
        List<FrameView> frames = new ArrayList<>();
        MdRun.run(config, new TrajectorySink() {
            @Override
            public void frame(FrameView f) {
                if (frames.size() < options.frames()) {
                    frames.add(copy(f));
                }
            }

            @Override
            public void thermo(ThermoTable.Row row) {
                // not needed
            }
        });
        if (frames.size() != options.frames()) {
            throw new IllegalStateException("the KA run saved " + frames.size() + " frames, expected " + options.frames());
        }
        return List.copyOf(frames);
    }

    private static FrameView copy(FrameView f) {
        return new FrameView(f.frameIndex(), f.step(), f.time(), f.n(), f.dims(), f.species().clone(), f.x().clone(),
                f.y().clone(), f.z().clone(), f.boxX(), f.boxY(), f.boxZ(), null, null, null,
                f.potentialEnergy() == null ? null : f.potentialEnergy().clone());
    }

    private static String num(double v) {
        String s = java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return s.contains(".") ? s : s + ".0";
    }

    /** Parses "bo,seed004" into family names (checked by {@link Options}). */
    public static List<String> parseFamilies(String s) {
        List<String> out = new ArrayList<>();
        for (String part : s.split(",")) {
            String t = part.trim();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * {@code DescriptorBenchmark [--frames F] [--repeats R] [--atoms N] [--families a,b] [--lammps-evaluations E]
     * [--min-seconds S]}: the kernel part alone (no Spark); last line {@code descriptors: ratio=x}.
     */
    public static void main(String[] args) {
        Options o = Options.defaults();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--frames" -> o = o.withFrames(Integer.parseInt(args[++i]));
                    case "--repeats" -> o = o.withRepeats(Integer.parseInt(args[++i]));
                    case "--atoms" -> o = o.withAtoms(Integer.parseInt(args[++i]));
                    case "--families" -> o = o.withFamilies(parseFamilies(args[++i]));
                    case "--lammps-evaluations" -> o = new Options(o.atoms(), o.frames(), o.repeats(), o.families(),
                            Integer.parseInt(args[++i]), o.minSeconds(), o.equilibrationSteps(), o.frameInterval());
                    case "--min-seconds" -> o = new Options(o.atoms(), o.frames(), o.repeats(), o.families(),
                            o.lammpsEvaluations(), Double.parseDouble(args[++i]), o.equilibrationSteps(),
                            o.frameInterval());
                    default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (usage: [--frames F] "
                            + "[--repeats R] [--atoms N] [--families a,b] [--lammps-evaluations E] [--min-seconds S])");
                }
            }
            run(o, System.out);
        } catch (LammpsException | IllegalArgumentException | IllegalStateException | IOException
                 | ArrayIndexOutOfBoundsException e) {
            System.err.println("descriptors bench: " + e.getMessage());
            System.exit(1);
        }
    }
}
