package glassworks.cli;

import glassworks.spark.DynamicsJob;
import glassworks.spark.DynamicsOptions;
import glassworks.spark.Warehouse;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

@Command(name = "dynamics", mixinStandardHelpOptions = true,
        description = "Time correlation functions of stored runs (MSD, alpha2, F_s(k,t), Q(t), chi4, van Hove, C_B) into "
                + "the observables table and tau_alpha, D and the chi4 peak per run and per temperature into timescales; "
                + "runs are the unit of parallel work.")
final class DynamicsCommand implements Runnable, SparkCommand {
    @ParentCommand
    Main main;

    @Option(names = "--model", defaultValue = "ka3d", description = "Model whose runs are analysed (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = {"-T", "--temperatures"}, split = ",", converter = Converters.FiniteDouble.class, paramLabel = "T",
            description = "Temperatures (default: every stored temperature).")
    List<Double> temperatures;
    @Option(names = "--runs", split = ",", paramLabel = "RUN", description = "Run ids (default: every run).")
    List<String> runs;
    @Option(names = "--k", converter = Converters.FiniteDouble.class,
            description = "Wave number of F_s in 1/sigma (default: k* = first peak of S_AA(k) at each temperature).")
    Double k;
    @Option(names = "--overlap-a", defaultValue = "0.3", converter = Converters.FiniteDouble.class,
            description = "Cutoff a of the self-overlap Q(t) and chi4, in sigma (default: ${DEFAULT-VALUE}).")
    double overlapA;
    @Option(names = "--origin-stride", defaultValue = "1",
            description = "Use every k-th time origin (log frames: block start) (default: ${DEFAULT-VALUE}).")
    int originStride;
    @Option(names = "--bond-breaking", description = "Also C_B(t) and its chi4 (neighbours within 1.4 sigma_ab kept "
            + "while within 1.8 sigma_ab, seed 003).")
    boolean bondBreaking;
    @Option(names = "--overwrite", description = "Replace observables and time scales that exist already.")
    boolean overwrite;
    @Option(names = "--labels", split = ",", paramLabel = "LABEL",
            description = "Per-particle labels into the labels table: p_hop (seed 004's hopping indicator), csd "
                    + "(cumulative squared displacement), disp (|r(t0 + lag) - r(t0)|, see --disp-lag); runs with linear "
                    + "frames only.")
    List<String> labels;
    @Option(names = "--half-window", defaultValue = "5",
            description = "p_hop half window in frames, both windows inclusive of the centre (default: ${DEFAULT-VALUE}).")
    int halfWindow;
    @Option(names = "--csd-window", defaultValue = "10",
            description = "CSD window in frames (default: ${DEFAULT-VALUE}).")
    int csdWindow;

    @Option(names = "--disp-lag", defaultValue = "10",
            description = "Lag of the disp label in frames (default: ${DEFAULT-VALUE}).")
    int dispLag;
    @Option(names = "--iso-times", split = ",", converter = Converters.FiniteDouble.class, paramLabel = "T",
            description = "Isoconfigurational propensities of the selected `glassworks iso` replicas at these times from "
                    + "their shared start (tau, stored frame times): propensity_msd, p_r and with --bond-breaking "
                    + "propensity_cb per particle of the parent frame, into the labels table.")
    List<Double> isoTimes;
    @Option(names = "--pr-event", defaultValue = "phop",
            description = "Event counted by p_r: phop (p_hop at t above the threshold, seed 004), phop-any (at any frame "
                    + "centre up to t) or displacement (|r(t) - r(0)| above the threshold) (default: ${DEFAULT-VALUE}).")
    String prEvent;
    @Option(names = "--pr-threshold", converter = Converters.FiniteDouble.class,
            description = "p_r event threshold: sigma^2 for p_hop (default 0.2, seed 004), sigma for displacement "
                    + "(required).")
    Double prThreshold;

    DynamicsOptions options() {
        return new DynamicsOptions(model, temperatures, runs, k, overlapA, originStride, bondBreaking, overwrite, labels,
                halfWindow, csdWindow, dispLag, isoTimes, prEvent, prThreshold);
    }

    @Override
    public void validateOptions() {
        options().validate();
    }

    @Override
    public void validate(Warehouse warehouse) {
        new DynamicsJob(options(), warehouse).validate();
    }

    @Override
    public void validateAfter(Warehouse warehouse, List<SparkCommand> earlier) {
        Map<Double, List<String>> planned = SparkCommand.plannedRuns(earlier, model);
        if (planned.isEmpty()) {
            validate(warehouse);
        } else {
            new DynamicsJob(options(), warehouse).validatePlanned(planned);
        }
    }

    @Override
    public void execute(SparkSession spark, Warehouse warehouse, PrintStream out) {
        new DynamicsJob(options(), warehouse).run(spark, out);
    }

    @Override
    public void run() {
        GlobalOptions.runWithSpark(main, "dynamics", this, main.out);
    }
}
