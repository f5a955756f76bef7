package glassworks.cli;

import glassworks.md.bench.MdBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks against a yardstick run side by side; the last line is <name>: ratio=<ours/yardstick>. "
                + "Names: md (the kernel vs LAMMPS on the reference Kob-Andersen system, N = 4000). "
                + "With --scaling (or --sizes): the kernel's cost per atom-step and memory per atom at several sizes, "
                + "one 'md-scaling:' line per run, no LAMMPS.")
final class BenchCommand implements Runnable {
    @picocli.CommandLine.ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "NAME", description = "Benchmark: md.")
    String name;
    @Option(names = "--steps", defaultValue = "5000", description = "Time steps per timed run (default: ${DEFAULT-VALUE}, as in.ka).")
    long steps;
    @Option(names = "--atoms", defaultValue = "4000", description = "Atoms, 4 k^3 (default: ${DEFAULT-VALUE}, as in.ka).")
    int atoms;
    @Option(names = "--repeats", defaultValue = "1", description = "Timed runs per engine, best counts (default: ${DEFAULT-VALUE}).")
    int repeats;
    @Option(names = "--no-mpi", description = "Skip the parallel LAMMPS run.")
    boolean noMpi;
    @Option(names = "--threads", defaultValue = "2",
            description = "Kernel threads of the parallel run, and MPI ranks of the parallel LAMMPS run; with --scaling "
                    + "the parallel rows (1: serial rows only) (default: ${DEFAULT-VALUE}).")
    int threads;
    @Option(names = "--scaling",
            description = "Scaling report instead of the LAMMPS comparison: ns per atom-step and bytes per atom for "
                    + "N = 1000, 10000, 100000 (see --sizes), 1 thread and --threads; a few minutes.")
    boolean scaling;
    @Option(names = "--sizes", paramLabel = "N1,N2,...",
            description = "Particle numbers of the scaling report (implies --scaling; default: 1000,10000,100000).")
    String sizes;

    @Override
    public void run() {
        if (!"md".equals(name)) {
            throw new BadInputException("unknown benchmark '" + name + "'; valid: md", null);
        }
        try {
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
                BadInputException.check(() -> options[0] = new MdBenchmark.Options(atoms, steps, repeats, !noMpi,
                        threads));
                MdBenchmark.run(options[0], main.out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
