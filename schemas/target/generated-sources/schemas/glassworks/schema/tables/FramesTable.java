// Generated from schemas/src/main/schemas/frames.yaml by SchemaCodegen. Do not edit.
package glassworks.schema.tables;

import glassworks.schema.Column;
import glassworks.schema.ColumnType;
import glassworks.schema.TableSchema;
import java.util.List;

/** One row per particle per saved frame. Positions are unwrapped (never folded back into the box), so displacements over any lag are plain differences. Partitioned model=/T=/run=; one file per run, rows ordered by frame then particle. */
public final class FramesTable {
    private FramesTable() {}

    /** Table name: its directory under the warehouse and its SQL view. */
    public static final String NAME = "frames";
    /** Format version written into every footer. */
    public static final int VERSION = 1;

    /** Interaction model preset (see runs.model). [-] (partition) */
    public static final String MODEL = "model";
    /** Target temperature of the run (runs.temperature). [epsilon_AA/k_B] (partition) */
    public static final String T = "T";
    /** Run id (runs.run_id). [-] (partition) */
    public static final String RUN = "run";
    /** Frame index within the run, 0-based, in time order. [-] */
    public static final String FRAME = "frame";
    /** Production step at which the frame was saved. [steps] */
    public static final String STEP = "step";
    /** Time since the start of production, step * timestep. [tau] */
    public static final String TIME = "time";
    /** Particle id, 0..N-1, stable across frames. [-] */
    public static final String PARTICLE = "particle";
    /** Species index in the model's order, 0-based (ka3d: 0 = A, 1 = B). [-] */
    public static final String SPECIES = "species";
    /** Unwrapped x coordinate. [sigma_AA] */
    public static final String X = "x";
    /** Unwrapped y coordinate. [sigma_AA] */
    public static final String Y = "y";
    /** Unwrapped z coordinate (0 in 2D). [sigma_AA] */
    public static final String Z = "z";
    /** Periodic box edge along x at this frame; the box spans [0, box_x). [sigma_AA] */
    public static final String BOX_X = "box_x";
    /** Periodic box edge along y at this frame. [sigma_AA] */
    public static final String BOX_Y = "box_y";
    /** Periodic box edge along z at this frame (0 in 2D). [sigma_AA] */
    public static final String BOX_Z = "box_z";
    /** Velocity x component; null unless the run saved velocities. [sigma_AA/tau] */
    public static final String VX = "vx";
    /** Velocity y component; null unless the run saved velocities. [sigma_AA/tau] */
    public static final String VY = "vy";
    /** Velocity z component; null unless the run saved velocities. [sigma_AA/tau] */
    public static final String VZ = "vz";
    /** Per-particle potential energy (half of each pair energy); null unless the run saved it. Sums to the total potential energy. [epsilon_AA] */
    public static final String PE = "pe";

    /** The table as its schema file declares it. */
    public static final TableSchema SCHEMA = new TableSchema("frames", 1, "One row per particle per saved frame. Positions are unwrapped (never folded back into the box), so displacements over any lag are plain differences. Partitioned model=/T=/run=; one file per run, rows ordered by frame then particle.", List.of(
            new Column("model", ColumnType.STRING, "-", "Interaction model preset (see runs.model).", false, true),
            new Column("T", ColumnType.DOUBLE, "epsilon_AA/k_B", "Target temperature of the run (runs.temperature).", false, true),
            new Column("run", ColumnType.STRING, "-", "Run id (runs.run_id).", false, true),
            new Column("frame", ColumnType.INT32, "-", "Frame index within the run, 0-based, in time order.", false, false),
            new Column("step", ColumnType.INT64, "steps", "Production step at which the frame was saved.", false, false),
            new Column("time", ColumnType.DOUBLE, "tau", "Time since the start of production, step * timestep.", false, false),
            new Column("particle", ColumnType.INT32, "-", "Particle id, 0..N-1, stable across frames.", false, false),
            new Column("species", ColumnType.INT32, "-", "Species index in the model's order, 0-based (ka3d: 0 = A, 1 = B).", false, false),
            new Column("x", ColumnType.DOUBLE, "sigma_AA", "Unwrapped x coordinate.", false, false),
            new Column("y", ColumnType.DOUBLE, "sigma_AA", "Unwrapped y coordinate.", false, false),
            new Column("z", ColumnType.DOUBLE, "sigma_AA", "Unwrapped z coordinate (0 in 2D).", false, false),
            new Column("box_x", ColumnType.DOUBLE, "sigma_AA", "Periodic box edge along x at this frame; the box spans [0, box_x).", false, false),
            new Column("box_y", ColumnType.DOUBLE, "sigma_AA", "Periodic box edge along y at this frame.", false, false),
            new Column("box_z", ColumnType.DOUBLE, "sigma_AA", "Periodic box edge along z at this frame (0 in 2D).", false, false),
            new Column("vx", ColumnType.DOUBLE, "sigma_AA/tau", "Velocity x component; null unless the run saved velocities.", true, false),
            new Column("vy", ColumnType.DOUBLE, "sigma_AA/tau", "Velocity y component; null unless the run saved velocities.", true, false),
            new Column("vz", ColumnType.DOUBLE, "sigma_AA/tau", "Velocity z component; null unless the run saved velocities.", true, false),
            new Column("pe", ColumnType.DOUBLE, "epsilon_AA", "Per-particle potential energy (half of each pair energy); null unless the run saved it. Sums to the total potential energy.", true, false)),
            List.of("model", "T", "run"), List.of("frame", "particle"));

    /** One row's data columns (partition columns live in the directory names), in file order. */
    public record Row(int frame, long step, double time, int particle, int species, double x, double y, double z, double boxX, double boxY, double boxZ, Double vx, Double vy, Double vz, Double pe) {
        /** Value of the i-th data column (file order), boxed; null for an absent nullable value. */
        public Object value(int i) {
            switch (i) {
                case 0: return frame;
                case 1: return step;
                case 2: return time;
                case 3: return particle;
                case 4: return species;
                case 5: return x;
                case 6: return y;
                case 7: return z;
                case 8: return boxX;
                case 9: return boxY;
                case 10: return boxZ;
                case 11: return vx;
                case 12: return vy;
                case 13: return vz;
                case 14: return pe;
                default: throw new IndexOutOfBoundsException("frames has 15 data columns, not " + (i + 1));
            }
        }
    }
}
