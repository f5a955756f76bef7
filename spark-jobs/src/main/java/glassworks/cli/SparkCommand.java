package glassworks.cli;

import glassworks.spark.Warehouse;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;

/** A subcommand that runs on Spark: checked first (no Spark, nothing written), then executed. */
interface SparkCommand {
    /** Options only: what a campaign checks for every stage before any stage runs. */
    void validateOptions();

    /** Options plus the warehouse state this command needs (input present, output absent unless --overwrite). */
    void validate(Warehouse warehouse);

    void execute(SparkSession spark, Warehouse warehouse, PrintStream out);

    /**
     * In a campaign, the check against the warehouse as the earlier stages will leave it (their output does not exist
     * yet). By default the stage does not depend on earlier stages.
     */
    default void validateAfter(Warehouse warehouse, java.util.List<SparkCommand> earlier) {
        validate(warehouse);
    }

    /**
     * {@link #validateAfter} of a stage that reads descriptor sets: when an earlier descriptors stage makes them, they
     * do not exist yet and only the options can be checked.
     */
    static void validateAfterDescriptors(SparkCommand c, Warehouse warehouse, java.util.List<SparkCommand> earlier) {
        if (earlier.stream().anyMatch(e -> e instanceof DescriptorsCommand)) {
            c.validateOptions();
        } else {
            c.validate(warehouse);
        }
    }

    /** The runs (temperature to run ids) that earlier simulate stages of a campaign will write for {@code model}. */
    static java.util.Map<Double, java.util.List<String>> plannedRuns(java.util.List<SparkCommand> earlier, String model) {
        java.util.Map<Double, java.util.List<String>> planned = new java.util.TreeMap<>();
        for (SparkCommand c : earlier) {
            if (c instanceof SimulateCommand s && s.model.equals(model)) {
                s.options().configs(1).forEach(cfg -> planned.computeIfAbsent(cfg.temperature(),
                        x -> new java.util.ArrayList<>()).add(cfg.runId()));
            }
        }
        return planned;
    }
}
