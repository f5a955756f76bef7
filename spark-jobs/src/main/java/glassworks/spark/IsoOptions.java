package glassworks.spark;

import glassworks.md.Ensemble;
import glassworks.md.FrameSchedule;

import java.util.List;

/**
 * Options of {@code glassworks iso}: R isoconfigurational replicas of one stored frame, each starting from the frame's
 * positions with fresh Maxwell-Boltzmann velocities of its own seed. Values marked "parent's" default to the parent
 * run's own (from the runs table) when left NaN / 0.
 *
 * @param parentRun       run id of the stored trajectory
 * @param frame           frame index in that run
 * @param replicas        number of replicas R
 * @param replicasPerTask replicas run one after another inside one Spark task (0: max(1, R / (4 x parallelism)))
 * @param seed            seed of the replica family; replica k's seed derives from it, the parent and frame, and k
 * @param stages          the protocol templates ("T" = the parent's T); empty: one saving NVT stage of {@code steps}
 * @param steps           length of the default single stage
 * @param timestep        dt [tau]; NaN: parent's
 * @param frames          which saved steps become frames
 * @param maxFrames       output budget per replica
 * @param thermoInterval  steps between thermo rows; 0: parent's
 * @param thermostatTau   Nose-Hoover relaxation time [tau]; NaN: parent's
 * @param pressure        target pressure of NPT stages; NaN when no stage is NPT
 * @param barostatTau     barostat relaxation time of NPT stages [tau]; NaN when no stage is NPT
 * @param skin            Verlet skin [sigma]; NaN: parent's
 * @param saveVelocities  store velocities in frames
 * @param saveEnergies    store per-particle potential energy
 * @param saveVirial      store the per-particle virial tensor
 * @param overwrite       replace replicas that already exist
 */
public record IsoOptions(String parentRun, int frame, int replicas, int replicasPerTask, long seed, List<StageSpec> stages,
                         long steps, double timestep, FrameSchedule frames, long maxFrames, int thermoInterval,
                         double thermostatTau, double pressure, double barostatTau, double skin, boolean saveVelocities,
                         boolean saveEnergies, boolean saveVirial, boolean overwrite) implements java.io.Serializable {

    public IsoOptions {
        stages = stages == null ? List.of() : List.copyOf(stages);
    }

    /** The protocol: the given stages, or one saving NVT stage of {@code steps} at the parent's temperature. */
    public List<StageSpec> effectiveStages() {
        return stages.isEmpty() ? List.of(StageSpec.hold("iso", steps, Ensemble.NVT, true)) : stages;
    }

    /** Options alone (no warehouse): one message naming the option and the fix. */
    public void validate() {
        if (parentRun == null || parentRun.isBlank()) {
            throw new IllegalArgumentException("no parent run; pass --run <run_id> (see glassworks sql \"SELECT run_id FROM runs\")");
        }
        if (frame < 0) {
            throw new IllegalArgumentException("--frame must be >= 0, got " + frame);
        }
        if (replicas < 1) {
            throw new IllegalArgumentException("--replicas must be at least 1, got " + replicas);
        }
        if (replicasPerTask < 0) {
            throw new IllegalArgumentException("--replicas-per-task must be >= 1 (or 0 for automatic), got " + replicasPerTask);
        }
        if (stages.isEmpty() && steps <= 0) {
            throw new IllegalArgumentException("--steps must be > 0, got " + steps + "; or give stages");
        }
        SimulateOptions.checkStages(effectiveStages(), pressure, barostatTau);
    }

    /** Run id of replica k: the parent, its frame, the replica and the family seed. */
    public String runId(int replica) {
        return parentRun + "-f" + frame + "-iso" + replica + "-s" + seed;
    }

    /** Seed of replica k, independent across parents, frames and replicas. */
    public long replicaSeed(int replica) {
        return Seeds.derive(seed, parentRun + "#" + frame, replica);
    }

    /** Replicas per Spark task: the option, or about four tasks per core so stragglers even out. */
    public int replicasPerTask(int parallelism) {
        return replicasPerTask > 0 ? replicasPerTask : Math.max(1, replicas / (4 * Math.max(1, parallelism)));
    }
}
