package glassworks.cli;

import glassworks.spark.FitJob;
import glassworks.spark.Warehouse;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.List;

@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit laws across temperatures into the fits table: by default tau_alpha(T) and 1/D(T) (timescales) "
                + "with Arrhenius, VFT and mode-coupling; with --sql any query's (T, y[, sigma][, grp]) per group.")
final class FitCommand implements Runnable, SparkCommand {
    @ParentCommand
    Main main;

    @Option(names = "--model", defaultValue = "ka3d", description = "Model (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = "--law", split = ",", paramLabel = "LAW",
            description = "Laws: arrhenius, vft, mct, inverse_t_linear, power_law_t (alone, with --sql returning t "
                    + "and y: ln y = ln A + n ln t) (default: arrhenius,vft,mct; with --sql: inverse_t_linear).")
    List<String> laws;
    @Option(names = "--sql", paramLabel = "QUERY",
            description = "A query returning columns T and y (optional sigma = standard error of y, grp = group label).")
    String sql;
    @Option(names = "--name", description = "Name of the --sql quantity in the fits table.")
    String name;

    FitJob.Options options() {
        List<String> l = laws != null ? laws : sql != null ? List.of("inverse_t_linear") : List.of("arrhenius", "vft", "mct");
        return new FitJob.Options(model, sql, name, l);
    }

    @Override
    public void validateOptions() {
        options().validate();
    }

    @Override
    public void validate(Warehouse warehouse) {
        new FitJob(options(), warehouse).validate();
    }

    @Override
    public void validateAfter(Warehouse warehouse, List<SparkCommand> earlier) {
        boolean analysed = earlier.stream().anyMatch(c -> c instanceof DynamicsCommand);
        if (analysed || sql != null) {
            options().validate();
        } else {
            validate(warehouse);
        }
    }

    @Override
    public void execute(SparkSession spark, Warehouse warehouse, PrintStream out) {
        new FitJob(options(), warehouse).run(spark, out);
    }

    @Override
    public void run() {
        GlobalOptions.runWithSpark(main, "fit", this, main.out);
    }
}
