package glassworks.md;

import java.util.List;
import java.util.Locale;

/**
 * Everything one molecular-dynamics run needs, in reduced units of the model (sigma_AA, epsilon_AA).
 *
 * <p>A run starts from a fresh lattice relaxed by FIRE (or from a {@link Snapshot}), draws Maxwell-Boltzmann velocities
 * at the first stage's temperature (unless the snapshot carries velocities), then executes its {@link Stage}s in order.
 * Frames are saved in the stages marked {@code save}, per the {@link FrameSchedule}.
 *
 * @param runId                 run id written into the thermo rows
 * @param model                 the interaction model (a preset or a campaign's declaration)
 * @param particles             number of particles N (the snapshot's N when starting from one)
 * @param density               number density N/V [sigma^-dims] (ignored with a snapshot: its box rules)
 * @param temperature           the run's nominal temperature, its T partition [epsilon/k_B]
 * @param timestep              integration time step dt [tau]
 * @param stages                the protocol, in order
 * @param frames                which saved steps become frames
 * @param thermoInterval        steps between thermo rows (every stage; plus each stage's first and last step)
 * @param seed                  the one seed of the run: same seed, same trajectory bit for bit (per thread count)
 * @param thermostatTau         Nose-Hoover relaxation time [tau] (LAMMPS Tdamp)
 * @param pressure              target pressure of NPT stages [epsilon/sigma^dims] (NaN when no stage is NPT)
 * @param barostatTau           barostat relaxation time of NPT stages [tau] (LAMMPS Pdamp; NaN when no stage is NPT)
 * @param skin                  Verlet-list skin [sigma]
 * @param threads               force-loop threads inside this one run (1 inside a Spark task)
 * @param saveVelocities        write velocities into frames
 * @param savePerParticleEnergy write per-particle potential energy into frames
 * @param savePerParticleVirial write the per-particle virial tensor into frames
 * @param maxFrames             output budget: the run is refused before it starts if it would save more frames
 * @param start                 configuration to start from, or null for a fresh lattice + FIRE
 */
public record RunConfig(String runId, PairModel model, int particles, double density, double temperature,
                        double timestep, List<Stage> stages, FrameSchedule frames, int thermoInterval, long seed,
                        double thermostatTau, double pressure, double barostatTau, double skin, int threads,
                        boolean saveVelocities, boolean savePerParticleEnergy, boolean savePerParticleVirial,
                        long maxFrames, Snapshot start)
        implements java.io.Serializable {

    /** Most particles one run can hold: neighbour-list entries pack a particle index into 26 bits. */
    public static final int MAX_PARTICLES = 1 << 26;
    /** Default output budget in frames. */
    public static final long DEFAULT_MAX_FRAMES = 100_000;

    public RunConfig {
        stages = stages == null ? List.of() : List.copyOf(stages);
    }

    /**
     * The classic two-stage protocol: NVT equilibration (not saved) then production in {@code ensemble} saved every
     * {@code frameInterval} steps, both at {@code temperature}; {@code model} is a preset name.
     */
    public RunConfig(String runId, String model, int particles, double density, double temperature, double timestep,
                     long equilibrationSteps, long productionSteps, int frameInterval, int thermoInterval, long seed,
                     Ensemble ensemble, double thermostatTau, double skin, int threads, boolean saveVelocities,
                     boolean savePerParticleEnergy) {
        this(runId, Models.byName(model), particles, density, temperature, timestep,
                twoStages(equilibrationSteps, productionSteps, ensemble, temperature), FrameSchedule.linear(frameInterval),
                thermoInterval, seed, thermostatTau, Double.NaN, Double.NaN, skin, threads, saveVelocities, savePerParticleEnergy, false,
                DEFAULT_MAX_FRAMES, null);
    }

    /** NVT equilibration then production in {@code ensemble}, both held at {@code temperature}. */
    public static List<Stage> twoStages(long equilibrationSteps, long productionSteps, Ensemble ensemble,
                                        double temperature) {
        return List.of(Stage.hold("equilibration", equilibrationSteps, Ensemble.NVT, temperature, false),
                Stage.hold("production", productionSteps, ensemble, temperature, true));
    }

    /** The stages as one line, e.g. {@code equilibration NVT 0.8 x20000; production NVT 0.8 x10000 save}. */
    public String describeStages() {
        return String.join("; ", stages.stream().map(Stage::describe).toList());
    }

    /** Ensemble of the saving stages (of the last stage when none saves), e.g. NVT; "mixed" when they differ. */
    public String savedEnsemble() {
        List<String> e = stages.stream().filter(Stage::save).map(st -> st.ensemble().name()).distinct().toList();
        if (e.isEmpty()) {
            return stages.isEmpty() ? "" : stages.get(stages.size() - 1).ensemble().name();
        }
        return e.size() == 1 ? e.get(0) : "mixed";
    }

    /** Spatial dimension of the model. */
    public int dims() {
        return model.dims();
    }

    /** Steps over all stages. */
    public long totalSteps() {
        return stages.stream().mapToLong(Stage::steps).sum();
    }

    /** Steps of the saving stages. */
    public long savedSteps() {
        return stages.stream().filter(Stage::save).mapToLong(Stage::steps).sum();
    }

    /** Number of frames this configuration saves (0 when no stage saves). */
    public long frameCount() {
        return stages.stream().anyMatch(Stage::save) ? frames.count(savedSteps()) : 0;
    }

    /** Frames the run saves, as an int (validate() guarantees it fits). */
    public int framesToSave() {
        return (int) frameCount();
    }

    /** The same run under another id, seed and start (isoconfigurational replicas). */
    public RunConfig withStart(String newRunId, long newSeed, Snapshot snapshot) {
        return new RunConfig(newRunId, model, snapshot == null ? particles : snapshot.n(), density, temperature, timestep,
                stages, frames, thermoInterval, newSeed, thermostatTau, pressure, barostatTau, skin, threads,
                saveVelocities,
                savePerParticleEnergy, savePerParticleVirial, maxFrames, snapshot);
    }

    /** The same run with another thread count. */
    public RunConfig withThreads(int newThreads) {
        return new RunConfig(runId, model, particles, density, temperature, timestep, stages, frames, thermoInterval, seed,
                thermostatTau, pressure, barostatTau, skin, newThreads, saveVelocities, savePerParticleEnergy, savePerParticleVirial, maxFrames,
                start);
    }

    /** The box the run starts in. */
    public Box initialBox() {
        return start != null ? start.box() : Box.forDensity(model.dims(), particles, density);
    }

    /**
     * Checks every option before anything expensive starts (the CLI calls it before Spark). Throws an
     * {@link IllegalArgumentException} whose message names the first bad option, its value and the fix.
     *
     * @return this, for chaining
     */
    public RunConfig validate() {
        if (model == null) {
            throw bad("model is missing; valid presets: " + String.join(", ", Models.names()));
        }
        if (start != null) {
            start.validate(model);
            if (start.n() != particles) {
                throw bad("particles " + particles + " differs from the snapshot's " + start.n());
            }
        }
        if (particles <= 0) {
            throw bad("particles must be > 0, got " + particles + "; pass a positive particle count N");
        }
        if (particles > MAX_PARTICLES) {
            throw bad("particles must be <= " + MAX_PARTICLES + ", got " + particles + "; split the system");
        }
        if (start == null) {
            requirePositive("density", density, "number density N/V, e.g. " + model.defaultDensity());
        }
        requirePositive("temperature", temperature, "temperature in epsilon/k_B, e.g. 0.45");
        requirePositive("timestep", timestep, "time step in tau, e.g. 0.005");
        requirePositive("thermostatTau", thermostatTau, "Nose-Hoover relaxation time in tau, e.g. 100 * timestep");
        if (stages.isEmpty()) {
            throw bad("no stages; a run needs at least one, e.g. equilibration then production");
        }
        for (int i = 0; i < stages.size(); i++) {
            try {
                stages.get(i).validate(i);
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
        }
        if (stages.stream().anyMatch(st -> st.ensemble() == Ensemble.NPT)) {
            if (!Double.isFinite(pressure)) {
                throw bad("pressure must be finite for NPT stages, got " + pressure + "; pass the target pressure, e.g. 0");
            }
            requirePositive("barostatTau", barostatTau, "barostat relaxation time in tau, e.g. 1000 * timestep");
        }
        if (frames == null) {
            throw bad("frame schedule missing; give a frame interval");
        }
        if (thermoInterval <= 0) {
            throw bad("thermoInterval must be > 0, got " + thermoInterval + "; use a positive number of steps between thermo rows");
        }
        if (!(skin >= 0) || Double.isInfinite(skin)) {
            throw bad("skin must be >= 0, got " + skin + "; a Verlet skin of 0.3 sigma is usual");
        }
        if (threads < 1) {
            throw bad("threads must be >= 1, got " + threads + "; use 1 inside a Spark task");
        }
        long frameCount = frameCount();
        if (maxFrames < 1) {
            throw bad("max_frames must be >= 1, got " + maxFrames);
        }
        if (frameCount > maxFrames || frameCount > Integer.MAX_VALUE) {
            throw bad(String.format(Locale.ROOT, "the run would save %d frames (about %.1f GB), more than the output "
                            + "budget max_frames = %d; raise the frame interval (or lower points per decade), shorten the "
                            + "saving stages, or raise max_frames", frameCount, frameCount * (double) particles * 60e-9,
                    maxFrames));
        }
        Box box = initialBox();
        double edge = box.minEdge();
        double reach = model.maxCutoff() + skin;
        if (edge <= 2 * reach) {
            // the smallest N whose box edge exceeds 2 (rc + skin) at this density
            long nMin = (long) Math.floor(density * Math.pow(2 * reach, model.dims())) + 1;
            throw bad(String.format(Locale.ROOT,
                    "box edge %.4f sigma (N=%d) must exceed 2*(cutoff %.3f + skin %.3f) = %.4f for the "
                            + "minimum-image convention; use particles >= %d or a smaller skin",
                    edge, particles, model.maxCutoff(), skin, 2 * reach, nMin));
        }
        return this;
    }

    private static void requirePositive(String option, double value, String what) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw bad(option + " must be finite and > 0, got " + value + "; pass the " + what);
        }
    }

    private static IllegalArgumentException bad(String message) {
        return new IllegalArgumentException("invalid run configuration: " + message);
    }
}
