package glassworks.cli;

import glassworks.spark.RdfJob;
import glassworks.spark.RdfOptions;
import glassworks.spark.Warehouse;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.List;

@Command(name = "rdf", mixinStandardHelpOptions = true,
        description = "Partial g_AA, g_AB, g_BB and total g(r) per temperature, averaged over all frames (distributed over frames).")
final class RdfCommand implements Runnable, SparkCommand {
    @ParentCommand
    Main main;

    @Option(names = "--model", defaultValue = "ka3d", description = "Model whose frames are read (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = {"-T", "--temperatures"}, split = ",", converter = Converters.FiniteDouble.class, paramLabel = "T",
            description = "Temperatures to compute (default: every stored temperature).")
    List<Double> temperatures;
    @Option(names = "--r-max", defaultValue = "3.0", converter = Converters.FiniteDouble.class,
            description = "Largest distance in sigma, at most half the box (default: ${DEFAULT-VALUE}).")
    double rMax;
    @Option(names = "--bins", defaultValue = "150", description = "Bins on [0, r-max) (default: ${DEFAULT-VALUE}).")
    int bins;
    @Option(names = "--overwrite", description = "Recompute temperatures whose g(r) exists already.")
    boolean overwrite;

    RdfOptions options() {
        return new RdfOptions(model, temperatures, rMax, bins, overwrite);
    }

    @Override
    public void validateOptions() {
        options().validate();
    }

    @Override
    public void validate(Warehouse warehouse) {
        new RdfJob(options(), warehouse).validate();
    }

    @Override
    public void validateAfter(Warehouse warehouse, List<SparkCommand> earlier) {
        List<Double> simulated = new java.util.ArrayList<>();
        boolean simulates = false;
        for (SparkCommand c : earlier) {
            if (c instanceof SimulateCommand s && s.model.equals(model)) {
                simulates = true;
                simulated.addAll(s.temperatures);
            }
        }
        if (simulates) {
            new RdfJob(options(), warehouse).validatePlanned(simulated);
        } else {
            validate(warehouse);
        }
    }

    @Override
    public void execute(SparkSession spark, Warehouse warehouse, PrintStream out) {
        new RdfJob(options(), warehouse).run(spark, out);
    }

    @Override
    public void run() {
        GlobalOptions.runWithSpark(main, "rdf", this, main.out);
    }
}
