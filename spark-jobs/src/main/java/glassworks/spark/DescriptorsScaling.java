package glassworks.spark;

import glassworks.md.Ensemble;
import glassworks.md.bench.DescriptorBenchmark;
import glassworks.md.structure.DescriptorCatalog;
import org.apache.spark.sql.SparkSession;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Spark part of {@code bin/glassworks bench descriptors}: how {@link DescriptorsJob} scales from 1 to all cores of
 * an embedded {@code local[k]} Spark.
 *
 * <p>Once: a small Kob-Andersen campaign ({@code ka3d}, N = 4096, rho = 1.2, T = 1.0, {@link Options#runs()} replicas of
 * 2000 NVT steps then {@link Options#framesPerRun()} frames 200 steps apart, per-particle energies saved) is simulated
 * into a temporary warehouse on {@code local[*]}, and every family is run once there, untimed (JIT warm-up: the JVM
 * and its compiled code outlive the Spark sessions). Then for every core count k of {@link #coreCounts} (1, 2, 4, ..,
 * and all cores) a fresh session {@code local[k]} is started, each family's job is run {@link Options#repeats()} times
 * with {@code --overwrite} and timed (the fastest counts: the machine is shared and noisy), and the session is
 * stopped. A line per (k, family):
 * {@code descriptors-scaling: cores=k family=F particle_frames_per_s=X} with X = N x frames / wall seconds of the
 * whole {@code DescriptorsJob.run} call, as a user sees it: the driver's checks and its structure reference (families
 * with {@code auto} parameters read a few frames and compute g(r) on the driver, serially), the Spark tasks (read the
 * frames, compute, write one Parquet row per particle) and the commit. Session start-up is not timed. The frames are
 * split into tasks by the job's own rule (about four tasks per core). The temporary warehouse is deleted at the end.
 *
 * <p>What to expect: a family as cheap as {@code bo} (~4 us per particle on one core) is dominated by the job's fixed
 * costs at this size (its auto cutoffs alone cost ~0.8 s of g(r) on the driver for 4 reference frames, plus reading
 * and writing 32768 rows), so its figure hardly moves with k; an expensive one such as {@code seed004} (~0.45 ms per
 * particle) scales with the cores, less the job's serial part (the driver also computes every set once on a first frame
 * before Spark, to refuse a set that does not suit the system: one frame of the eight, ~2 s for seed004).
 */
public final class DescriptorsScaling {
    /** Families of the default scaling run: the cheap bond order and the 135-feature seed 004 set. */
    public static final List<String> DEFAULT_FAMILIES = List.of("bo", "seed004");
    public static final int ATOMS = 4096;
    public static final double DENSITY = 1.2;
    public static final double TEMPERATURE = 1.0;
    static final long EQUILIBRATION_STEPS = 2000;
    static final int FRAME_INTERVAL = 200;
    static final long SEED = 4096;

    private DescriptorsScaling() {
    }

    /**
     * @param atoms        N per run
     * @param runs         replicas simulated (at T = 1.0)
     * @param framesPerRun frames each run saves
     * @param families     descriptor families, each with its default parameters (a set named after the family)
     * @param maxCores     the largest k of local[k]
     * @param repeats      timed jobs per (k, family), the fastest counts
     */
    public record Options(int atoms, int runs, int framesPerRun, List<String> families, int maxCores, int repeats) {
        public Options {
            families = List.copyOf(families);
            if (atoms < 100 || runs < 1 || framesPerRun < 1 || maxCores < 1 || repeats < 1) {
                throw new IllegalArgumentException("scaling needs atoms >= 100, and runs, frames per run, cores and "
                        + "repeats >= 1");
            }
            if (families.isEmpty()) {
                throw new IllegalArgumentException("scaling needs at least one family, e.g. bo");
            }
            for (String f : families) {
                if (!DescriptorCatalog.families().contains(f)) {
                    throw new IllegalArgumentException("unknown descriptor family '" + f + "'; families: "
                            + String.join(", ", DescriptorCatalog.families()));
                }
            }
        }

        /**
         * N = 4096, 2 runs, frames enough for four tasks per core at all cores (4 per run on 2 cores), the
         * {@link #DEFAULT_FAMILIES}, every core of this machine, best of 2.
         */
        public static Options defaults() {
            int cores = Runtime.getRuntime().availableProcessors();
            return new Options(ATOMS, 2, Math.max(4, 2 * cores), DEFAULT_FAMILIES, cores, 2);
        }

        public Options withFamilies(List<String> fs) {
            return new Options(atoms, runs, framesPerRun, fs, maxCores, repeats);
        }

        /** Frames described by each job. */
        public int frames() {
            return runs * framesPerRun;
        }
    }

    /** One timed job: k cores, a family, particle-frames and wall seconds. */
    public record Row(int cores, String family, long particleFrames, double seconds) {
        public double particleFramesPerSecond() {
            return particleFrames / seconds;
        }

        /** {@code descriptors-scaling: cores=k family=F particle_frames_per_s=X}. */
        public String line() {
            return String.format(Locale.ROOT, "descriptors-scaling: cores=%d family=%s particle_frames_per_s=%.0f",
                    cores, family, particleFramesPerSecond());
        }
    }

    /** 1, 2, 4, .. below {@code max}, then {@code max} itself. */
    public static List<Integer> coreCounts(int max) {
        List<Integer> out = new ArrayList<>();
        for (int k = 1; k < max; k *= 2) {
            out.add(k);
        }
        out.add(max);
        return out;
    }

    /**
     * Simulates, warms up, times every (core count, family) and prints one line each to {@code out}.
     *
     * @param conf further Spark settings (the CLI's --conf), applied to every session
     */
    public static List<Row> run(Options options, Map<String, String> conf, PrintStream out) throws IOException {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true);
        Path dir = Files.createTempDirectory("glassworks-bench-descriptors");
        try {
            Warehouse warehouse = new Warehouse(dir.resolve("warehouse").toString());
            out.printf(Locale.ROOT, "descriptors-scaling: DescriptorsJob on local[k], %d run(s) x %d frame(s) of %s "
                            + "N=%d T=%.1f (%d particle-frames per job), whole job timed, best of %d, families %s%n",
                    options.runs(), options.framesPerRun(), DescriptorBenchmark.MODEL, options.atoms(), TEMPERATURE,
                    (long) options.atoms() * options.frames(), options.repeats(), String.join(",", options.families()));
            out.flush();
            SparkSession spark = Sessions.start("local[*]", "glassworks-bench-descriptors", conf);
            try {
                new SimulateJob(simulate(options), warehouse).run(spark, quiet);
                for (String family : options.families()) {
                    new DescriptorsJob(descriptors(family, true), warehouse).run(spark, quiet);
                }
            } finally {
                spark.stop();
            }
            List<Row> rows = new ArrayList<>();
            for (int k : coreCounts(options.maxCores())) {
                spark = Sessions.start("local[" + k + "]", "glassworks-bench-descriptors-" + k, conf);
                try {
                    for (String family : options.families()) {
                        double seconds = Double.POSITIVE_INFINITY;
                        for (int r = 0; r < options.repeats(); r++) {
                            DescriptorsJob job = new DescriptorsJob(descriptors(family, true), warehouse);
                            long t0 = System.nanoTime();
                            job.run(spark, quiet);
                            seconds = Math.min(seconds, (System.nanoTime() - t0) / 1e9);
                        }
                        Row row = new Row(k, family, (long) options.atoms() * options.frames(), seconds);
                        rows.add(row);
                        out.println(row.line());
                        out.flush();
                    }
                } finally {
                    spark.stop();
                }
            }
            return rows;
        } finally {
            deleteRecursively(dir);
        }
    }

    /** The campaign: KA at T = 1.0, {@code runs} replicas, energies saved (for families that need them). */
    static SimulateOptions simulate(Options o) {
        return new SimulateOptions(DescriptorBenchmark.MODEL, o.atoms(), DENSITY, List.of(TEMPERATURE), o.runs(),
                0.005, EQUILIBRATION_STEPS, (long) (o.framesPerRun() - 1) * FRAME_INTERVAL, FRAME_INTERVAL,
                FRAME_INTERVAL, SEED, Ensemble.NVT, 0.5, 0.3, false, true, false);
    }

    /** One set named after the family, default parameters, every frame, structure from 4 frames, automatic tasks. */
    static DescriptorsOptions descriptors(String family, boolean overwrite) {
        return new DescriptorsOptions(DescriptorBenchmark.MODEL, List.of(), List.of(), 1,
                List.of(new DescriptorCatalog.Request(family, family, Map.of())), "thermal", null, 4, 0, overwrite);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary warehouse only costs disk
        }
    }
}
