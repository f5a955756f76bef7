package glassworks.spark;

import glassworks.md.Ensemble;
import glassworks.md.FrameSchedule;
import glassworks.md.Models;
import glassworks.md.PairModel;
import glassworks.md.RunConfig;
import glassworks.md.io.ParquetTables;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Options of {@code glassworks simulate}: a grid of temperatures times replicas of one model, each (T, replica) one run
 * with the same protocol. The model is carried resolved (a {@link PairModel} is Serializable), so a model declared in a
 * campaign reaches the executors as it was declared.
 *
 * @param model          the interaction model (a preset or a campaign's declaration)
 * @param particles      particles per run N
 * @param density        number density [sigma^-dims]
 * @param temperatures   grid temperatures [epsilon/k_B]: each run's T partition and the value of "T" in the stages
 * @param replicas       independent runs per temperature
 * @param timestep       dt [tau]
 * @param stages         the protocol as templates (see {@link StageSpec}); {@link StageSpec#twoStages} for the classic one
 * @param frames         which saved steps become frames
 * @param maxFrames      output budget per run: a run that would save more frames is refused before Spark starts
 * @param thermoInterval steps between thermo rows
 * @param seed           campaign seed; each run's seed derives from it, its temperature and replica
 * @param thermostatTau  Nose-Hoover relaxation time [tau]
 * @param pressure       target pressure of NPT stages [epsilon/sigma^dims]; NaN when no stage is NPT
 * @param barostatTau    barostat relaxation time of NPT stages [tau]; NaN when no stage is NPT
 * @param skin           neighbour-list skin [sigma]
 * @param saveVelocities store velocities in frames
 * @param saveEnergies   store per-particle potential energy in frames
 * @param saveVirial     store the per-particle virial tensor in frames
 * @param overwrite      replace runs that already exist
 * @param checkpointEvery steps between kernel checkpoints of each run (0: none); a task that dies, or a job submitted
 *                       again after its driver died, resumes every unfinished run from its last checkpoint
 * @param checkpointDir  where checkpoints live (a local or shared POSIX directory); null: {@code _checkpoints} under a
 *                       local warehouse
 */
public record SimulateOptions(PairModel model, int particles, double density, List<Double> temperatures, int replicas,
                              double timestep, List<StageSpec> stages, FrameSchedule frames, long maxFrames,
                              int thermoInterval, long seed, double thermostatTau, double pressure, double barostatTau,
                              double skin, boolean saveVelocities, boolean saveEnergies, boolean saveVirial,
                              boolean overwrite, long checkpointEvery, String checkpointDir)
        implements java.io.Serializable {

    public SimulateOptions {
        temperatures = temperatures == null ? List.of() : List.copyOf(temperatures);
        stages = stages == null ? List.of() : List.copyOf(stages);
    }

    /** The classic two-stage protocol (NVT equilibration, production in {@code ensemble}) of a preset, linear frames. */
    public SimulateOptions(String model, int particles, double density, List<Double> temperatures, int replicas,
                           double timestep, long equilibrationSteps, long productionSteps, int frameInterval,
                           int thermoInterval, long seed, Ensemble ensemble, double thermostatTau, double skin,
                           boolean saveVelocities, boolean saveEnergies, boolean overwrite) {
        this(Models.byName(model), particles, density, temperatures, replicas, timestep,
                StageSpec.twoStages(equilibrationSteps, productionSteps, ensemble), FrameSchedule.linear(frameInterval),
                RunConfig.DEFAULT_MAX_FRAMES, thermoInterval, seed, thermostatTau, Double.NaN, Double.NaN, skin,
                saveVelocities, saveEnergies, false, overwrite, 0, null);
    }

    /** Refuses bad options with one message naming the option and the fix; nothing is touched. */
    public void validate() {
        if (model == null) {
            throw new IllegalArgumentException("no model; pass --model, e.g. --model ka3d");
        }
        if (temperatures.isEmpty()) {
            throw new IllegalArgumentException("no temperatures given; pass --temperatures, e.g. --temperatures 2.0,1.0,0.8");
        }
        if (new LinkedHashSet<>(temperatures).size() != temperatures.size()) {
            throw new IllegalArgumentException("temperature list " + temperatures + " repeats a value; use --replicas for more runs per temperature");
        }
        if (replicas < 1) {
            throw new IllegalArgumentException("--replicas must be at least 1, got " + replicas);
        }
        checkStages(stages, pressure, barostatTau);
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("--checkpoint-every must be >= 0 steps (0: no checkpoints), got "
                    + checkpointEvery + "; e.g. --checkpoint-every 100000");
        }
        if (checkpointDir != null && checkpointEvery == 0) {
            throw new IllegalArgumentException("--checkpoint-dir is set but --checkpoint-every is 0; give both, e.g. "
                    + "--checkpoint-every 100000");
        }
        for (int i = 0; i < temperatures.size(); i++) {
            // N, density, T, dt, stages, frame budget, intervals, skin, tau: one message per bad option
            config(i, 0, 1).validate();
        }
    }

    /** The NPT options agree with the stages: given exactly when some stage is NPT (also used by iso). */
    static void checkStages(List<StageSpec> stages, double pressure, double barostatTau) {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("no stages; give stages, or --equilibration-steps and --production-steps");
        }
        boolean npt = StageSpec.any(stages, Ensemble.NPT);
        if (npt && (Double.isNaN(pressure) || Double.isNaN(barostatTau))) {
            throw new IllegalArgumentException("an NPT stage needs --pressure (target pressure in epsilon/sigma^dims, e.g. 0) "
                    + "and --barostat-tau (barostat relaxation time in tau, e.g. 5.0 = 1000 dt)");
        }
        if (!npt && (!Double.isNaN(pressure) || !Double.isNaN(barostatTau))) {
            throw new IllegalArgumentException("--pressure and --barostat-tau apply to NPT stages only, and no stage is NPT; "
                    + "drop them or set ensemble: NPT on the stages that should hold the pressure");
        }
    }

    /** Run id of (temperature, replica): stable, so re-running the same campaign finds its runs. */
    public String runId(double temperature, int replica) {
        return model.name() + "-T" + ParquetTables.partitionValue(temperature) + "-r" + replica + "-s" + seed;
    }

    /**
     * Seed of one run: the campaign seed mixed with the temperature and replica ({@link Seeds#derive}), so runs are
     * independent yet every run is reproducible from the campaign seed alone.
     */
    public long runSeed(double temperature, int replica) {
        return Seeds.derive(seed, temperature, replica);
    }

    /** The kernel configuration of temperature index {@code ti}, replica {@code replica}. */
    public RunConfig config(int ti, int replica, int threads) {
        double t = temperatures.get(ti);
        return new RunConfig(runId(t, replica), model, particles, density, t, timestep, StageSpec.resolve(stages, t, timestep),
                frames, thermoInterval, runSeed(t, replica), thermostatTau, pressure, barostatTau, skin, threads,
                saveVelocities, saveEnergies, saveVirial, maxFrames, null);
    }

    /** Every (temperature, replica) of the grid as kernel configurations. */
    public List<RunConfig> configs(int threads) {
        List<RunConfig> out = new ArrayList<>();
        for (int i = 0; i < temperatures.size(); i++) {
            for (int r = 0; r < replicas; r++) {
                out.add(config(i, r, threads));
            }
        }
        return out;
    }
}
