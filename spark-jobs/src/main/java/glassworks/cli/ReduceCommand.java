package glassworks.cli;

import glassworks.spark.ReduceJob;
import glassworks.spark.ReduceOptions;
import glassworks.spark.Warehouse;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.List;

@Command(name = "reduce", mixinStandardHelpOptions = true,
        description = "Seed 002's dimensionality reduction of stored descriptors (bo, sbo, rbo, soap), per temperature "
                + "and species: MLlib PCA and its explained-variance spectrum, maps p(PC1, PC2) and marginals, Pearson r "
                + "of each PC and feature with local measures (z, u), Hartigan's dip test of each PC, and least-squares "
                + "fits of the isoconfigurational propensity on single PCs, the first PCs, the full descriptor and the "
                + "measures; tables pca, pc_statistics, pc_maps, propensity_regression.")
final class ReduceCommand implements Runnable, SparkCommand {
    @ParentCommand
    Main main;

    @Option(names = "--model", defaultValue = "ka3d", description = "Model (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = {"-T", "--temperatures"}, split = ",", converter = Converters.FiniteDouble.class, paramLabel = "T",
            description = "Temperatures (default: every temperature with the descriptor set).")
    List<Double> temperatures;
    @Option(names = "--runs", split = ",", paramLabel = "RUN", description = "Run ids (default: every described run "
            + "except isoconfigurational replicas).")
    List<String> runs;
    @Option(names = "--descriptor", defaultValue = "sbo",
            description = "Descriptor set to reduce (default: ${DEFAULT-VALUE}, seed 002's smooth bond order).")
    String descriptor;
    @Option(names = "--analysis", description = "Name of the analysis in the output tables (default: "
            + "reduce-<descriptor>).")
    String analysis;
    @Option(names = "--species", split = ",", paramLabel = "GROUP", description = "Species groups: species names "
            + "and/or all (default: each species alone, as seed 002).")
    List<String> species;
    @Option(names = "--standardise", description = "PCA of z-scored features (seed 002 z-scores SOAP); default: "
            + "centred features.")
    boolean standardise;
    @Option(names = "--components", defaultValue = "8", description = "Principal components analysed: correlations, "
            + "marginals, dip tests, single-PC fits (default: ${DEFAULT-VALUE}; the spectrum keeps up to 60).")
    int components;
    @Option(names = "--bins", defaultValue = "60", description = "Bins per axis of the PC maps (default: "
            + "${DEFAULT-VALUE}).")
    int bins;
    @Option(names = "--measures", defaultValue = "zu", description = "Descriptor set of local measures to correlate "
            + "with (default: ${DEFAULT-VALUE}: z and u), or none.")
    String measures;
    @Option(names = "--label", defaultValue = "propensity_msd", description = "Isoconfigurational label to regress "
            + "(default: ${DEFAULT-VALUE}), or none.")
    String label;
    @Option(names = "--regress-pcs", defaultValue = "2", description = "Leading PCs of the principal-component "
            + "regression (default: ${DEFAULT-VALUE}).")
    int regressPcs;
    @Option(names = "--dip-rows", defaultValue = "100000", description = "Rows of the seeded subsample of each dip "
            + "test at most (default: ${DEFAULT-VALUE}).")
    int dipRows;
    @Option(names = "--seed", defaultValue = "2026", description = "Seed of the dip subsample (default: "
            + "${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--overwrite", description = "Replace an analysis that exists.")
    boolean overwrite;

    ReduceOptions options() {
        return new ReduceOptions(model, temperatures, runs, descriptor, analysis, species, standardise, components, bins,
                measures, label, regressPcs, dipRows, seed, overwrite);
    }

    @Override
    public void validateOptions() {
        options().validate();
    }

    @Override
    public void validate(Warehouse warehouse) {
        new ReduceJob(options(), warehouse).validate();
    }

    @Override
    public void validateAfter(Warehouse warehouse, List<SparkCommand> earlier) {
        SparkCommand.validateAfterDescriptors(this, warehouse, earlier);
    }

    @Override
    public void execute(SparkSession spark, Warehouse warehouse, PrintStream out) {
        new ReduceJob(options(), warehouse).run(spark, out);
    }

    @Override
    public void run() {
        GlobalOptions.runWithSpark(main, "reduce", this, main.out);
    }
}
