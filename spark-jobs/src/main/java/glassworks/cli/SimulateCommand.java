package glassworks.cli;

import glassworks.md.Ensemble;
import glassworks.spark.SimulateJob;
import glassworks.spark.SimulateOptions;
import glassworks.spark.Warehouse;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.List;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate a model at several temperatures (x replicas); each run is one Spark task writing its partition of "
                + "the frames table, plus runs and thermo rows.")
final class SimulateCommand implements Runnable, SparkCommand {
    @ParentCommand
    Main main;

    @Option(names = "--model", defaultValue = "ka3d", description = "Model preset (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = {"-n", "--particles"}, defaultValue = "1000", description = "Particles per run N (default: ${DEFAULT-VALUE}).")
    int particles;
    @Option(names = "--density", defaultValue = "1.2", converter = Converters.FiniteDouble.class,
            description = "Number density N/V in sigma^-3 (default: ${DEFAULT-VALUE}).")
    double density;
    @Option(names = {"-T", "--temperatures"}, split = ",", required = true, converter = Converters.FiniteDouble.class,
            paramLabel = "T", description = "Target temperatures, comma separated, e.g. 2.0,1.0,0.8.")
    List<Double> temperatures;
    @Option(names = "--replicas", defaultValue = "1", description = "Independent runs per temperature (default: ${DEFAULT-VALUE}).")
    int replicas;
    @Option(names = "--dt", defaultValue = "0.005", converter = Converters.FiniteDouble.class,
            description = "Time step in tau (default: ${DEFAULT-VALUE}).")
    double dt;
    @Option(names = "--equilibration-steps", defaultValue = "20000", description = "NVT steps before production (default: ${DEFAULT-VALUE}).")
    long equilibrationSteps;
    @Option(names = "--production-steps", defaultValue = "20000", description = "Production steps (default: ${DEFAULT-VALUE}).")
    long productionSteps;
    @Option(names = "--frame-interval", defaultValue = "1000", description = "Steps between saved frames (default: ${DEFAULT-VALUE}).")
    int frameInterval;
    @Option(names = "--thermo-interval", defaultValue = "100", description = "Steps between thermo rows (default: ${DEFAULT-VALUE}).")
    int thermoInterval;
    @Option(names = "--seed", defaultValue = "1", description = "Campaign seed; each run's seed derives from it (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--ensemble", defaultValue = "NVT", description = "Production ensemble: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Ensemble ensemble;
    @Option(names = "--tau", defaultValue = "0.5", converter = Converters.FiniteDouble.class,
            description = "Nose-Hoover relaxation time in tau (default: ${DEFAULT-VALUE}).")
    double tau;
    @Option(names = "--skin", defaultValue = "0.3", converter = Converters.FiniteDouble.class,
            description = "Neighbour-list skin in sigma (default: ${DEFAULT-VALUE}).")
    double skin;
    @Option(names = "--save-velocities", description = "Store velocities in frames.")
    boolean saveVelocities;
    @Option(names = "--save-energies", description = "Store per-particle potential energy in frames.")
    boolean saveEnergies;
    @Option(names = "--overwrite", description = "Replace runs that already exist.")
    boolean overwrite;

    SimulateOptions options() {
        return new SimulateOptions(model, particles, density, temperatures, replicas, dt, equilibrationSteps, productionSteps,
                frameInterval, thermoInterval, seed, ensemble, tau, skin, saveVelocities, saveEnergies, overwrite);
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
