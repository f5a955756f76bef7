package glassworks.cli;

import glassworks.spark.PlotJob;
import glassworks.spark.Warehouse;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.List;

@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Figures as PNG/SVG: MSD, F_s and chi4 per temperature and the Arrhenius plot of tau_alpha with the "
                + "fitted laws (after dynamics); the elbow curve, g(r) by meso-state and C(r) of the K-means states "
                + "(after meso).")
final class PlotCommand implements Runnable, SparkCommand {
    @ParentCommand
    Main main;

    @Option(names = "--model", defaultValue = "ka3d", description = "Model (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = "--species", defaultValue = "A", description = "Species channel, or all (default: ${DEFAULT-VALUE}).")
    String species;
    @Option(names = "--out", defaultValue = "plots", description = "Output directory (default: ${DEFAULT-VALUE}).")
    String out;
    @Option(names = "--format", split = ",", defaultValue = "png,svg", description = "png, svg (default: ${DEFAULT-VALUE}).")
    List<String> formats;

    PlotJob.Options options() {
        return new PlotJob.Options(model, species, out, formats);
    }

    @Override
    public void validateOptions() {
        options().validate();
    }

    @Override
    public void validate(Warehouse warehouse) {
        new PlotJob(options(), warehouse).validate();
    }

    @Override
    public void validateAfter(Warehouse warehouse, List<SparkCommand> earlier) {
        if (earlier.stream().anyMatch(c -> c instanceof DynamicsCommand)) {
            options().validate();
        } else {
            validate(warehouse);
        }
    }

    @Override
    public void execute(SparkSession spark, Warehouse warehouse, PrintStream out) {
        new PlotJob(options(), warehouse).run(spark, out);
    }

    @Override
    public void run() {
        GlobalOptions.runWithSpark(main, "plot", this, main.out);
    }
}
