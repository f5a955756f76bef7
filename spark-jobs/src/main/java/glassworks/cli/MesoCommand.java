package glassworks.cli;

import glassworks.spark.MesoJob;
import glassworks.spark.MesoOptions;
import glassworks.spark.Warehouse;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.List;

@Command(name = "meso", mixinStandardHelpOptions = true,
        description = "Seed 000's meso-states of stored descriptors, per temperature: MLlib PCA (explained-variance rule), "
                + "the elbow test with a BIC suggestion, K-means in PC space, then per frame (Spark tasks) the co-learning "
                + "loop between real-space nano-domains and a PC-space Gaussian mixture, state g(r), species fractions, "
                + "feature histograms and C(r) of the state field, then per run the core particles, their diffusion per state and domain, and domain tracks over time; tables pca, clustering, meso_states, domains, "
                + "meso_iterations, meso_profiles.")
final class MesoCommand implements Runnable, SparkCommand {
    @ParentCommand
    Main main;

    @Option(names = "--model", defaultValue = "ka3d", description = "Model (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = {"-T", "--temperatures"}, split = ",", converter = Converters.FiniteDouble.class, paramLabel = "T",
            description = "Temperatures (default: every temperature with the descriptor set).")
    List<Double> temperatures;
    @Option(names = "--runs", split = ",", paramLabel = "RUN", description = "Run ids (default: every described run).")
    List<String> runs;
    @Option(names = "--descriptor", defaultValue = "wcn-avg",
            description = "Descriptor set to classify (default: ${DEFAULT-VALUE}, seed 000's neighbour-averaged WCN).")
    String descriptor;
    @Option(names = "--variance", defaultValue = "0.95", converter = Converters.FiniteDouble.class,
            description = "Keep the fewest principal components with this cumulative explained variance (default: "
                    + "${DEFAULT-VALUE}).")
    double variance;
    @Option(names = "--max-components", defaultValue = "20",
            description = "Principal components computed at most (default: ${DEFAULT-VALUE}).")
    int maxComponents;
    @Option(names = "--k", defaultValue = "2", description = "Meso-states, K of K-means (default: ${DEFAULT-VALUE}).")
    int k;
    @Option(names = "--k-max", defaultValue = "6",
            description = "The elbow test tries K = 1 .. k-max (default: ${DEFAULT-VALUE}).")
    int kMax;
    @Option(names = "--cutoff", defaultValue = "1.45", converter = Converters.FiniteDouble.class,
            description = "Bond cutoff of the nano-domains' neighbour graph in sigma, about the first minimum of g(r) "
                    + "(default: ${DEFAULT-VALUE}).")
    double cutoff;
    @Option(names = "--tolerance", defaultValue = "0.001", converter = Converters.FiniteDouble.class,
            description = "Co-learning stops when fewer than this fraction of particles change state in an iteration "
                    + "(default: ${DEFAULT-VALUE}).")
    double tolerance;
    @Option(names = "--max-iterations", defaultValue = "20",
            description = "Co-learning iterations at most (default: ${DEFAULT-VALUE}).")
    int maxIterations;
    @Option(names = "--spatial-prior", description = "PC-space step weighs each particle's states by its real-space "
            + "posterior instead of the global weights (beyond the paper; see README).")
    boolean spatialPrior;
    @Option(names = "--frame-stride", defaultValue = "1",
            description = "Classify every k-th described frame (default: ${DEFAULT-VALUE}).")
    int frameStride;
    @Option(names = "--r-max", defaultValue = "5.0", converter = Converters.FiniteDouble.class,
            description = "Largest r of the state g(r) and C(r) in sigma, clipped to half the box (default: "
                    + "${DEFAULT-VALUE}).")
    double rMax;
    @Option(names = "--bins", defaultValue = "100",
            description = "Bins of g(r), C(r) and the feature histograms (default: ${DEFAULT-VALUE}).")
    int bins;
    @Option(names = "--seed", defaultValue = "2026", description = "Seed of K-means and the elbow's subsample "
            + "(default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--overwrite", description = "Replace meso-states that exist already.")
    boolean overwrite;

    MesoOptions options() {
        return new MesoOptions(model, temperatures, runs, descriptor, variance, maxComponents, k, kMax, cutoff, tolerance,
                maxIterations, spatialPrior, frameStride, rMax, bins, seed, overwrite);
    }

    @Override
    public void validateOptions() {
        options().validate();
    }

    @Override
    public void validate(Warehouse warehouse) {
        new MesoJob(options(), warehouse).validate();
    }

    @Override
    public void validateAfter(Warehouse warehouse, List<SparkCommand> earlier) {
        SparkCommand.validateAfterDescriptors(this, warehouse, earlier);
    }

    @Override
    public void execute(SparkSession spark, Warehouse warehouse, PrintStream out) {
        new MesoJob(options(), warehouse).run(spark, out);
    }

    @Override
    public void run() {
        GlobalOptions.runWithSpark(main, "meso", this, main.out);
    }
}
