package glassworks.cli;

import glassworks.md.bench.MdBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks against a yardstick run side by side; the last line is <name>: ratio=<ours/yardstick>. "
                + "Names: md (the kernel vs LAMMPS on the reference Kob-Andersen system, N = 4000).")
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
    @Option(names = "--no-mpi", description = "Skip the 2-rank LAMMPS run.")
    boolean noMpi;

    @Override
    public void run() {
        if (!"md".equals(name)) {
            throw new BadInputException("unknown benchmark '" + name + "'; valid: md", null);
        }
        MdBenchmark.Options[] options = new MdBenchmark.Options[1];
        BadInputException.check(() -> options[0] = new MdBenchmark.Options(atoms, steps, repeats, !noMpi));
        try {
            MdBenchmark.run(options[0], main.out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
