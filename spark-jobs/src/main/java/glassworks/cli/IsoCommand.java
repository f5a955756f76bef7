package glassworks.cli;

import glassworks.md.RunConfig;
import glassworks.spark.IsoJob;
import glassworks.spark.IsoOptions;
import glassworks.spark.Warehouse;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.List;

@Command(name = "iso", mixinStandardHelpOptions = true,
        description = "Isoconfigurational ensemble: R replicas of one stored frame, same positions, fresh Maxwell-Boltzmann "
                + "velocities per replica; many replicas run inside each Spark task. Each replica is a run (runs.parent_run, "
                + "parent_frame, replica) with its own frames partition.")
final class IsoCommand implements Runnable, SparkCommand {
    @ParentCommand
    Main main;

    @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "Parent run id (runs.run_id).")
    String run;
    @Option(names = "--frame", required = true, description = "Frame of the parent run to start from.")
    int frame;
    @Option(names = "--replicas", defaultValue = "100", description = "Number of replicas R (default: ${DEFAULT-VALUE}).")
    int replicas;
    @Option(names = "--replicas-per-task", defaultValue = "0",
            description = "Replicas run one after another in one Spark task (default: max(1, R / (4 x parallelism))).")
    int replicasPerTask;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of the replica family; replica k's derives from it (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--steps", defaultValue = "10000",
            description = "Without --stages: steps of the one saving NVT stage at the parent's T (default: ${DEFAULT-VALUE}).")
    long steps;
    @Option(names = "--dt", converter = Converters.FiniteDouble.class, description = "Time step in tau (default: the parent's).")
    Double dt;
    @Option(names = "--tau", converter = Converters.FiniteDouble.class, description = "Nose-Hoover relaxation time in tau (default: the parent's).")
    Double tau;
    @Option(names = "--skin", converter = Converters.FiniteDouble.class, description = "Neighbour-list skin in sigma (default: the parent's).")
    Double skin;
    @Option(names = "--thermo-interval", defaultValue = "0", description = "Steps between thermo rows (default: the parent's).")
    int thermoInterval;
    @Mixin
    ProtocolOptions protocol;
    @Option(names = "--overwrite", description = "Replace replicas that already exist.")
    boolean overwrite;

    IsoOptions options() {
        List<glassworks.spark.StageSpec> stages = protocol.stageSpecs();
        return new IsoOptions(run, frame, replicas, replicasPerTask, seed, stages, steps, nan(dt), protocol.frames(),
                protocol.maxFrames, thermoInterval, nan(tau), protocol.pressureOrNaN(), protocol.barostatTauOrNaN(), nan(skin),
                protocol.saveVelocities, protocol.saveEnergies, protocol.saveVirial, overwrite);
    }

    private static double nan(Double d) {
        return d == null ? Double.NaN : d;
    }

    @Override
    public void validateOptions() {
        options().validate();
    }

    @Override
    public void validate(Warehouse warehouse) {
        new IsoJob(options(), warehouse).validate();
    }

    /** The parent may be a run an earlier simulate stage of the campaign will write: check against its plan. */
    @Override
    public void validateAfter(Warehouse warehouse, List<SparkCommand> earlier) {
        for (SparkCommand c : earlier) {
            if (c instanceof SimulateCommand s) {
                for (RunConfig planned : s.options().configs(1)) {
                    if (planned.runId().equals(run)) {
                        new IsoJob(options(), warehouse).validatePlanned(planned);
                        return;
                    }
                }
            }
        }
        validate(warehouse);
    }

    @Override
    public void execute(SparkSession spark, Warehouse warehouse, PrintStream out) {
        new IsoJob(options(), warehouse).run(spark, out);
    }

    @Override
    public void run() {
        GlobalOptions.runWithSpark(main, "iso", this, main.out);
    }
}
