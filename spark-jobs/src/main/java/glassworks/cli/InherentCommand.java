package glassworks.cli;

import glassworks.md.InherentStructures;
import glassworks.spark.InherentJob;
import glassworks.spark.InherentOptions;
import glassworks.spark.Warehouse;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

@Command(name = "inherent", mixinStandardHelpOptions = true,
        description = "Minimise stored frames to their inherent structures (FIRE 2.0, one Spark task per frame) into the "
                + "inherent table.")
final class InherentCommand implements Runnable, SparkCommand {
    @ParentCommand
    Main main;

    @Option(names = "--model", defaultValue = "ka3d", description = "Model whose frames are minimised (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = {"-T", "--temperatures"}, split = ",", converter = Converters.FiniteDouble.class, paramLabel = "T",
            description = "Temperatures to process (default: every stored temperature).")
    List<Double> temperatures;
    @Option(names = "--runs", split = ",", paramLabel = "RUN",
            description = "Run ids to process, e.g. ka3d-T0.6-r0-s2026 (default: every run at the chosen temperatures).")
    List<String> runs;
    @Option(names = "--every", defaultValue = "1",
            description = "Minimise every k-th frame of a run: frames 0, k, 2k, ... (default: ${DEFAULT-VALUE}).")
    int every;
    @Option(names = "--force-tolerance", defaultValue = "" + InherentStructures.DEFAULT_FORCE_TOLERANCE,
            converter = Converters.FiniteDouble.class,
            description = "Converged when no force component exceeds this, in epsilon/sigma (default: ${DEFAULT-VALUE}).")
    double forceTolerance;
    @Option(names = "--max-iterations", defaultValue = "" + InherentStructures.DEFAULT_MAX_ITERATIONS,
            description = "FIRE iterations allowed per frame (default: ${DEFAULT-VALUE}).")
    int maxIterations;
    @Option(names = "--overwrite", description = "Recompute runs whose inherent structures exist already.")
    boolean overwrite;

    InherentOptions options() {
        return new InherentOptions(model, temperatures, runs, every, forceTolerance, maxIterations, overwrite);
    }

    @Override
    public void validateOptions() {
        options().validate();
    }

    @Override
    public void validate(Warehouse warehouse) {
        new InherentJob(options(), warehouse).validate();
    }

    @Override
    public void validateAfter(Warehouse warehouse, List<SparkCommand> earlier) {
        Map<Double, List<String>> planned = SparkCommand.plannedRuns(earlier, model);
        if (planned.isEmpty()) {
            validate(warehouse);
        } else {
            new InherentJob(options(), warehouse).validatePlanned(planned);
        }
    }

    @Override
    public void execute(SparkSession spark, Warehouse warehouse, PrintStream out) {
        new InherentJob(options(), warehouse).run(spark, out);
    }

    @Override
    public void run() {
        GlobalOptions.runWithSpark(main, "inherent", this, main.out);
    }
}
