package glassworks.cli;

import glassworks.md.bench.DescriptorBenchmark;
import glassworks.md.bench.DynamicsBenchmark;
import glassworks.md.bench.MdBenchmark;
import glassworks.spark.DescriptorsScaling;
import glassworks.spark.ml.MlBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks against a yardstick run side by side; the last line is <name>: ratio=<ours/yardstick>. "
                + "Names: md (the kernel vs LAMMPS on the reference Kob-Andersen system, N = 4000; with --scaling (or "
                + "--sizes): the kernel's cost per atom-step and memory per atom at several sizes, one 'md-scaling:' "
                + "line per run, no LAMMPS); descriptors (KA N = 4096: particle-frames/s of every descriptor family on "
                + "one core, DescriptorsJob on Spark local[1] .. local[all cores], then the bare bond order Q_1..Q_8 vs "
                + "LAMMPS compute orientorder/atom on the same frames, one core each); dynamics (MSD + F_s + Q(t) of a "
                + "random-walk trajectory, N = 4096 x 2000 frames written to a frames-table file: RunDynamics on 1 .. "
                + "all cores vs a straightforward single-threaded Java loop over the same file, read included; "
                + "'dynamics-scaling:' lines per thread count, heap per particle-frame; last line "
                + "dynamics: ratio=<yardstick seconds / ours with all cores>; a few minutes on 2 cores); ml (seed "
                + "000's unsupervised pipeline: PCA with the 95 %% rule, K-means K = 2 and a full-covariance Gaussian "
                + "mixture K = 2 on 10^7 rows x 12 features of a synthetic two-state mixture, Spark MLlib vs "
                + "scikit-learn (Debian's /usr/bin/python3; bin/install-sklearn installs it) on the same numbers "
                + "from the same starts, reading included; results must agree; 'ml-scaling:' lines for Spark "
                + "local[1] .. local[all cores]; last line ml: ratio=<scikit-learn seconds / ours with all cores>; "
                + "about 12 minutes on 2 cores, 7 with --no-scaling).")
final class BenchCommand implements Runnable {
    @picocli.CommandLine.ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "NAME", description = "Benchmark: md, descriptors, dynamics or ml.")
    String name;
    @Option(names = "--steps", defaultValue = "5000", description = "md: time steps per timed run (default: ${DEFAULT-VALUE}, as in.ka).")
    long steps;
    @Option(names = "--atoms", description = "Atoms: md 4 k^3 (default 4000, as in.ka); descriptors N of the KA frames "
            + "(default 4096); dynamics N of the random walk (default 4096).")
    Integer atoms;
    @Option(names = "--repeats", description = "Timed runs per engine, best counts (default: md 1; descriptors 3, "
            + "LAMMPS yardstick and ours interleaved; its Spark scaling part takes the best of 2; dynamics 1, yardstick "
            + "and ours interleaved).")
    Integer repeats;
    @Option(names = "--no-mpi", description = "md: skip the parallel LAMMPS run.")
    boolean noMpi;
    @Option(names = "--threads", defaultValue = "2",
            description = "md: kernel threads of the parallel run, and MPI ranks of the parallel LAMMPS run; with --scaling "
                    + "the parallel rows (1: serial rows only) (default: ${DEFAULT-VALUE}).")
    int threads;
    @Option(names = "--scaling",
            description = "md: scaling report instead of the LAMMPS comparison: ns per atom-step and bytes per atom for "
                    + "N = 1000, 10000, 100000 (see --sizes), 1 thread and --threads; a few minutes.")
    boolean scaling;
    @Option(names = "--sizes", paramLabel = "N1,N2,...",
            description = "md: particle numbers of the scaling report (implies --scaling; default: 1000,10000,100000).")
    String sizes;
    @Option(names = "--frames",
            description = "descriptors: KA frames described by the one-core part and the LAMMPS yardstick (default 4); "
                    + "dynamics: linear frames of the trajectory (default 2000).")
    Integer frames;
    @Option(names = "--lags-per-decade", paramLabel = "P",
            description = "dynamics: log-spaced lags per decade, every frame an origin (0: every lag; default 5).")
    Integer lagsPerDecade;
    @Option(names = "--families", paramLabel = "F1,F2,...",
            description = "descriptors: families timed on one core (default: every family).")
    String families;
    @Option(names = "--scaling-families", paramLabel = "F1,F2,...", defaultValue = "bo,seed004",
            description = "descriptors: families of the Spark scaling part (default: ${DEFAULT-VALUE}).")
    String scalingFamilies;
    @Option(names = "--no-scaling", description = "descriptors, ml: skip the Spark scaling part.")
    boolean noScaling;
    @Option(names = "--rows", paramLabel = "N",
            description = "ml: rows (particles) of the synthetic data (default 10000000).")
    Long rows;
    @Option(names = "--features", paramLabel = "D",
            description = "ml: features per row (default 12, seed 000's neighbour-averaged WCN vectors).")
    Integer features;

    @Override
    public void run() {
        try {
            switch (name) {
                case "md" -> md();
                case "descriptors" -> descriptors();
                case "dynamics" -> dynamics();
                case "ml" -> ml();
                default -> throw new BadInputException("unknown benchmark '" + name + "'; valid: md, descriptors, "
                        + "dynamics, ml", null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void md() throws IOException {
        if (scaling || sizes != null) {
            MdBenchmark.ScalingOptions[] options = new MdBenchmark.ScalingOptions[1];
            BadInputException.check(() -> {
                List<Integer> n = sizes == null ? MdBenchmark.ScalingOptions.DEFAULT_SIZES
                        : MdBenchmark.parseSizes(sizes);
                options[0] = new MdBenchmark.ScalingOptions(n, threads);
            });
            MdBenchmark.scaling(options[0], main.out);
        } else {
            MdBenchmark.Options[] options = new MdBenchmark.Options[1];
            BadInputException.check(() -> options[0] = new MdBenchmark.Options(atoms == null ? 4000 : atoms, steps,
                    repeats == null ? 1 : repeats, !noMpi, threads));
            MdBenchmark.run(options[0], main.out);
        }
    }

    /**
     * The one-core family lines and the LAMMPS yardstick ({@link DescriptorBenchmark}), with the Spark scaling lines
     * ({@link DescriptorsScaling}) printed between them and the yardstick's lines, so that {@code descriptors: ratio=x}
     * stays the last line.
     */
    private void descriptors() throws IOException {
        DescriptorBenchmark.Options[] options = new DescriptorBenchmark.Options[1];
        DescriptorsScaling.Options[] scalingOptions = new DescriptorsScaling.Options[1];
        BadInputException.check(() -> {
            DescriptorBenchmark.Options o = DescriptorBenchmark.Options.defaults()
                    .withFrames(frames == null ? 4 : frames);
            if (atoms != null) {
                o = o.withAtoms(atoms);
            }
            if (repeats != null) {
                o = o.withRepeats(repeats);
            }
            if (families != null) {
                o = o.withFamilies(DescriptorBenchmark.parseFamilies(families));
            }
            options[0] = o;
            if (!noScaling) {
                DescriptorsScaling.Options d = DescriptorsScaling.Options.defaults();
                scalingOptions[0] = new DescriptorsScaling.Options(atoms == null ? d.atoms() : atoms, d.runs(),
                        d.framesPerRun(), DescriptorBenchmark.parseFamilies(scalingFamilies), d.maxCores(),
                        d.repeats());
            }
        });
        DescriptorBenchmark.run(options[0], main.out, () -> {
            if (scalingOptions[0] != null) {
                try {
                    DescriptorsScaling.run(scalingOptions[0], main.conf, main.out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    /** The dynamics bench ({@link DynamicsBenchmark}): yardstick loop vs RunDynamics on 1 .. all cores. */
    private void dynamics() throws IOException {
        DynamicsBenchmark.Options[] options = new DynamicsBenchmark.Options[1];
        BadInputException.check(() -> {
            DynamicsBenchmark.Options o = DynamicsBenchmark.Options.defaults();
            if (atoms != null) {
                o = o.withAtoms(atoms);
            }
            if (frames != null) {
                o = o.withFrames(frames);
            }
            if (repeats != null) {
                o = o.withRepeats(repeats);
            }
            if (lagsPerDecade != null) {
                o = o.withLagsPerDecade(lagsPerDecade);
            }
            options[0] = o;
        });
        DynamicsBenchmark.run(options[0], main.out);
    }

    /** The ml bench ({@link MlBenchmark}): MLlib vs scikit-learn, then Spark local[1] .. local[all cores]. */
    private void ml() throws IOException {
        MlBenchmark.Options[] options = new MlBenchmark.Options[1];
        BadInputException.check(() -> {
            MlBenchmark.Options o = MlBenchmark.Options.defaults().withScaling(!noScaling);
            if (rows != null) {
                o = o.withRows(rows);
            }
            if (features != null) {
                o = o.withFeatures(features);
            }
            options[0] = o;
            MlBenchmark.checkYardstick();
        });
        MlBenchmark.run(options[0], main.conf, main.out);
    }
}
