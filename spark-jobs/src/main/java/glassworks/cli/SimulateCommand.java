package glassworks.cli;

import glassworks.md.Ensemble;
import glassworks.md.PairModel;
import glassworks.spark.ModelSpecs;
import glassworks.spark.SimulateJob;
import glassworks.spark.SimulateOptions;
import glassworks.spark.StageSpec;
import glassworks.spark.Warehouse;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate a model at several temperatures (x replicas); each run is one Spark task writing its partition of "
                + "the frames table, plus runs and thermo rows.")
final class SimulateCommand implements Runnable, SparkCommand {
    @ParentCommand
    Main main;

    @Option(names = "--model", defaultValue = "ka3d",
            description = "Model: a preset (ka3d, ka3d-uniform, ka2d, wahnstrom) or, in a campaign, a name declared under models: (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = {"-n", "--particles"}, defaultValue = "1000", description = "Particles per run N (default: ${DEFAULT-VALUE}).")
    int particles;
    @Option(names = "--density", converter = Converters.FiniteDouble.class,
            description = "Number density N/V in sigma^-dims (default: the model's, 1.2 for ka3d).")
    Double density;
    @Option(names = {"-T", "--temperatures"}, split = ",", required = true, converter = Converters.FiniteDouble.class,
            paramLabel = "T", description = "Target temperatures, comma separated, e.g. 2.0,1.0,0.8.")
    List<Double> temperatures;
    @Option(names = "--replicas", defaultValue = "1", description = "Independent runs per temperature (default: ${DEFAULT-VALUE}).")
    int replicas;
    @Option(names = "--dt", defaultValue = "0.005", converter = Converters.FiniteDouble.class,
            description = "Time step in tau (default: ${DEFAULT-VALUE}).")
    double dt;
    @Option(names = "--equilibration-steps",
            description = "Without --stages: NVT steps before production (default: 20000).")
    Long equilibrationSteps;
    @Option(names = "--production-steps", description = "Without --stages: production steps, saved as frames (default: 20000).")
    Long productionSteps;
    @Option(names = "--ensemble", description = "Without --stages: production ensemble: ${COMPLETION-CANDIDATES} (default: NVT).")
    Ensemble ensemble;
    @Mixin
    ProtocolOptions protocol;
    @Option(names = "--thermo-interval", defaultValue = "100", description = "Steps between thermo rows (default: ${DEFAULT-VALUE}).")
    int thermoInterval;
    @Option(names = "--seed", defaultValue = "1", description = "Campaign seed; each run's seed derives from it (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--tau", defaultValue = "0.5", converter = Converters.FiniteDouble.class,
            description = "Nose-Hoover relaxation time in tau (default: ${DEFAULT-VALUE}).")
    double tau;
    @Option(names = "--skin", defaultValue = "0.3", converter = Converters.FiniteDouble.class,
            description = "Neighbour-list skin in sigma (default: ${DEFAULT-VALUE}).")
    double skin;
    @Option(names = "--overwrite", description = "Replace runs that already exist.")
    boolean overwrite;
    @Option(names = "--checkpoint-every", defaultValue = "0",
            description = "Steps between checkpoints of each run (default: 0, none). A failed task, or the same command "
                    + "run again after a crash, resumes each unfinished run from its last checkpoint, bit for bit.")
    long checkpointEvery;
    @Option(names = "--checkpoint-dir",
            description = "Directory of the checkpoints, local or on a file system every worker mounts (default: "
                    + "_checkpoints in a local warehouse).")
    String checkpointDir;

    /** Models declared by the campaign file (empty on the command line). */
    Map<String, PairModel> declaredModels = Map.of();

    SimulateOptions options() {
        PairModel m = ModelSpecs.resolve(model, declaredModels);
        List<StageSpec> stages = protocol.stageSpecs();
        if (stages != null && (equilibrationSteps != null || productionSteps != null || ensemble != null)) {
            throw new IllegalArgumentException("stages replace --equilibration-steps, --production-steps and --ensemble; "
                    + "drop those, or drop the stages");
        }
        if (stages == null) {
            stages = StageSpec.twoStages(equilibrationSteps == null ? 20000 : equilibrationSteps,
                    productionSteps == null ? 20000 : productionSteps, ensemble == null ? Ensemble.NVT : ensemble);
        }
        return new SimulateOptions(m, particles, density == null ? m.defaultDensity() : density, temperatures, replicas, dt,
                stages, protocol.frames(), protocol.maxFrames, thermoInterval, seed, tau, protocol.pressureOrNaN(),
                protocol.barostatTauOrNaN(), skin, protocol.saveVelocities, protocol.saveEnergies, protocol.saveVirial,
                overwrite, checkpointEvery, checkpointDir);
    }

    @Override
    public void validateOptions() {
        options().validate();
    }

    @Override
    public void validate(Warehouse warehouse) {
        new SimulateJob(options(), warehouse).validate();
    }

    @Override
    public void execute(SparkSession spark, Warehouse warehouse, PrintStream out) {
        new SimulateJob(options(), warehouse).run(spark, out);
    }

    @Override
    public void run() {
        GlobalOptions.runWithSpark(main, "simulate", this, main.out);
    }
}
