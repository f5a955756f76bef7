// Generated from schemas/src/main/schemas/runs.yaml by SchemaCodegen. Do not edit.
package glassworks.schema.tables;

import glassworks.schema.Column;
import glassworks.schema.ColumnType;
import glassworks.schema.TableSchema;
import java.util.List;

/** One row per simulation run: the model, the state point, the protocol and the seed that make it reproducible. Partitioned by model; one file per simulate job per model (never one file per run). */
public final class RunsTable {
    private RunsTable() {}

    /** Table name: its directory under the warehouse and its SQL view. */
    public static final String NAME = "runs";
    /** Format version written into every footer. */
    public static final int VERSION = 1;

    /** Interaction model preset, e.g. ka3d (Kob-Andersen 80:20 binary Lennard-Jones in 3D). [-] (partition) */
    public static final String MODEL = "model";
    /** Unique run id, also the `run` partition value of the frames table: <model>-T<temperature>-r<replica>-s<seed>. [-] */
    public static final String RUN_ID = "run_id";
    /** Target temperature of the thermostat (the `T` partition value of frames and thermo). [epsilon_AA/k_B] */
    public static final String TEMPERATURE = "temperature";
    /** Replica index at this temperature, 0-based. [-] */
    public static final String REPLICA = "replica";
    /** The run's random seed: same seed, same trajectory bit for bit. [-] */
    public static final String SEED = "seed";
    /** Spatial dimensions (2 or 3). [-] */
    public static final String DIMS = "dims";
    /** Number of particles N. [-] */
    public static final String N_PARTICLES = "n_particles";
    /** Particles per species in species order, e.g. A:800,B:200. [-] */
    public static final String COMPOSITION = "composition";
    /** Number density N/V. [sigma_AA^-3] */
    public static final String DENSITY = "density";
    /** Periodic box edge along x. [sigma_AA] */
    public static final String BOX_X = "box_x";
    /** Periodic box edge along y. [sigma_AA] */
    public static final String BOX_Y = "box_y";
    /** Periodic box edge along z (0 in 2D). [sigma_AA] */
    public static final String BOX_Z = "box_z";
    /** NVE or NVT (Nose-Hoover chain) for the production phase; equilibration is always NVT. [-] */
    public static final String ENSEMBLE = "ensemble";
    /** Nose-Hoover relaxation time (LAMMPS Tdamp). [tau] */
    public static final String THERMOSTAT_TAU = "thermostat_tau";
    /** Integration time step dt; tau = sigma_AA sqrt(m/epsilon_AA). [tau] */
    public static final String TIMESTEP = "timestep";
    /** Verlet neighbour-list skin. [sigma_AA] */
    public static final String SKIN = "skin";
    /** NVT steps run (and not saved as frames) before production. [steps] */
    public static final String EQUILIBRATION_STEPS = "equilibration_steps";
    /** Steps of the production phase, whose frames are saved. [steps] */
    public static final String PRODUCTION_STEPS = "production_steps";
    /** Steps between saved frames (frame 0 is the first production configuration). [steps] */
    public static final String FRAME_INTERVAL = "frame_interval";
    /** Steps between thermo rows. [steps] */
    public static final String THERMO_INTERVAL = "thermo_interval";
    /** Frames saved for this run in the frames table. [-] */
    public static final String N_FRAMES = "n_frames";
    /** How the initial configuration was made, e.g. lattice+FIRE. [-] */
    public static final String START = "start";
    /** Run whose snapshot this run starts from (isoconfigurational replicas); null for a fresh start. [-] */
    public static final String PARENT_RUN = "parent_run";
    /** Frame of parent_run this run starts from; null for a fresh start. [-] */
    public static final String PARENT_FRAME = "parent_frame";
    /** Glassworks version that produced the run. [-] */
    public static final String CODE_VERSION = "code_version";
    /** Wall-clock time the kernel spent on the run. [s] */
    public static final String WALL_SECONDS = "wall_seconds";

    /** The table as its schema file declares it. */
    public static final TableSchema SCHEMA = new TableSchema("runs", 1, "One row per simulation run: the model, the state point, the protocol and the seed that make it reproducible. Partitioned by model; one file per simulate job per model (never one file per run).", List.of(
            new Column("model", ColumnType.STRING, "-", "Interaction model preset, e.g. ka3d (Kob-Andersen 80:20 binary Lennard-Jones in 3D).", false, true),
            new Column("run_id", ColumnType.STRING, "-", "Unique run id, also the `run` partition value of the frames table: <model>-T<temperature>-r<replica>-s<seed>.", false, false),
            new Column("temperature", ColumnType.DOUBLE, "epsilon_AA/k_B", "Target temperature of the thermostat (the `T` partition value of frames and thermo).", false, false),
            new Column("replica", ColumnType.INT32, "-", "Replica index at this temperature, 0-based.", false, false),
            new Column("seed", ColumnType.INT64, "-", "The run's random seed: same seed, same trajectory bit for bit.", false, false),
            new Column("dims", ColumnType.INT32, "-", "Spatial dimensions (2 or 3).", false, false),
            new Column("n_particles", ColumnType.INT32, "-", "Number of particles N.", false, false),
            new Column("composition", ColumnType.STRING, "-", "Particles per species in species order, e.g. A:800,B:200.", false, false),
            new Column("density", ColumnType.DOUBLE, "sigma_AA^-3", "Number density N/V.", false, false),
            new Column("box_x", ColumnType.DOUBLE, "sigma_AA", "Periodic box edge along x.", false, false),
            new Column("box_y", ColumnType.DOUBLE, "sigma_AA", "Periodic box edge along y.", false, false),
            new Column("box_z", ColumnType.DOUBLE, "sigma_AA", "Periodic box edge along z (0 in 2D).", false, false),
            new Column("ensemble", ColumnType.STRING, "-", "NVE or NVT (Nose-Hoover chain) for the production phase; equilibration is always NVT.", false, false),
            new Column("thermostat_tau", ColumnType.DOUBLE, "tau", "Nose-Hoover relaxation time (LAMMPS Tdamp).", false, false),
            new Column("timestep", ColumnType.DOUBLE, "tau", "Integration time step dt; tau = sigma_AA sqrt(m/epsilon_AA).", false, false),
            new Column("skin", ColumnType.DOUBLE, "sigma_AA", "Verlet neighbour-list skin.", false, false),
            new Column("equilibration_steps", ColumnType.INT64, "steps", "NVT steps run (and not saved as frames) before production.", false, false),
            new Column("production_steps", ColumnType.INT64, "steps", "Steps of the production phase, whose frames are saved.", false, false),
            new Column("frame_interval", ColumnType.INT32, "steps", "Steps between saved frames (frame 0 is the first production configuration).", false, false),
            new Column("thermo_interval", ColumnType.INT32, "steps", "Steps between thermo rows.", false, false),
            new Column("n_frames", ColumnType.INT32, "-", "Frames saved for this run in the frames table.", false, false),
            new Column("start", ColumnType.STRING, "-", "How the initial configuration was made, e.g. lattice+FIRE.", false, false),
            new Column("parent_run", ColumnType.STRING, "-", "Run whose snapshot this run starts from (isoconfigurational replicas); null for a fresh start.", true, false),
            new Column("parent_frame", ColumnType.INT32, "-", "Frame of parent_run this run starts from; null for a fresh start.", true, false),
            new Column("code_version", ColumnType.STRING, "-", "Glassworks version that produced the run.", false, false),
            new Column("wall_seconds", ColumnType.DOUBLE, "s", "Wall-clock time the kernel spent on the run.", false, false)),
            List.of("model"), List.of("run_id"));

    /** One row's data columns (partition columns live in the directory names), in file order. */
    public record Row(String runId, double temperature, int replica, long seed, int dims, int nParticles, String composition, double density, double boxX, double boxY, double boxZ, String ensemble, double thermostatTau, double timestep, double skin, long equilibrationSteps, long productionSteps, int frameInterval, int thermoInterval, int nFrames, String start, String parentRun, Integer parentFrame, String codeVersion, double wallSeconds) {
        /** Value of the i-th data column (file order), boxed; null for an absent nullable value. */
        public Object value(int i) {
            switch (i) {
                case 0: return runId;
                case 1: return temperature;
                case 2: return replica;
                case 3: return seed;
                case 4: return dims;
                case 5: return nParticles;
                case 6: return composition;
                case 7: return density;
                case 8: return boxX;
                case 9: return boxY;
                case 10: return boxZ;
                case 11: return ensemble;
                case 12: return thermostatTau;
                case 13: return timestep;
                case 14: return skin;
                case 15: return equilibrationSteps;
                case 16: return productionSteps;
                case 17: return frameInterval;
                case 18: return thermoInterval;
                case 19: return nFrames;
                case 20: return start;
                case 21: return parentRun;
                case 22: return parentFrame;
                case 23: return codeVersion;
                case 24: return wallSeconds;
                default: throw new IndexOutOfBoundsException("runs has 25 data columns, not " + (i + 1));
            }
        }
    }
}
