// Generated from schemas/src/main/schemas/rdf.yaml by SchemaCodegen. Do not edit.
package glassworks.schema.tables;

import glassworks.schema.Column;
import glassworks.schema.ColumnType;
import glassworks.schema.TableSchema;
import java.util.List;

/** Radial distribution functions averaged over every frame of every run at one temperature. One row per (T, pair, bin). Partial g_ab(r) is normalised so that it tends to 1 at large r: g_ab(r) = V / (N_a N_b) <sum_i in a sum_j in b, j != i delta(r - r_ij)> / (4 pi r^2) over each bin's shell volume; the total g(r) weights all pairs alike. */
public final class RdfTable {
    private RdfTable() {}

    /** Table name: its directory under the warehouse and its SQL view. */
    public static final String NAME = "rdf";
    /** Format version written into every footer. */
    public static final int VERSION = 1;

    /** Interaction model preset (see runs.model). [-] (partition) */
    public static final String MODEL = "model";
    /** Target temperature of the runs averaged. [epsilon_AA/k_B] */
    public static final String T = "T";
    /** Species pair: AA, AB, BB (ka3d) or total. [-] */
    public static final String PAIR = "pair";
    /** Bin centre. [sigma_AA] */
    public static final String R = "r";
    /** Bin lower edge. [sigma_AA] */
    public static final String R_LO = "r_lo";
    /** Bin upper edge. [sigma_AA] */
    public static final String R_HI = "r_hi";
    /** g(r) in the bin. [1] */
    public static final String G = "g";
    /** Running coordination number: mean number of partners of the pair's second species within r_hi of a particle of its first species (total: any particle of any). [-] */
    public static final String COORDINATION = "coordination";
    /** Ordered pair distances counted in the bin, summed over frames. [-] */
    public static final String PAIR_COUNT = "pair_count";
    /** Frames averaged. [-] */
    public static final String N_FRAMES = "n_frames";
    /** Runs averaged. [-] */
    public static final String N_RUNS = "n_runs";

    /** The table as its schema file declares it. */
    public static final TableSchema SCHEMA = new TableSchema("rdf", 1, "Radial distribution functions averaged over every frame of every run at one temperature. One row per (T, pair, bin). Partial g_ab(r) is normalised so that it tends to 1 at large r: g_ab(r) = V / (N_a N_b) <sum_i in a sum_j in b, j != i delta(r - r_ij)> / (4 pi r^2) over each bin's shell volume; the total g(r) weights all pairs alike.", List.of(
            new Column("model", ColumnType.STRING, "-", "Interaction model preset (see runs.model).", false, true),
            new Column("T", ColumnType.DOUBLE, "epsilon_AA/k_B", "Target temperature of the runs averaged.", false, false),
            new Column("pair", ColumnType.STRING, "-", "Species pair: AA, AB, BB (ka3d) or total.", false, false),
            new Column("r", ColumnType.DOUBLE, "sigma_AA", "Bin centre.", false, false),
            new Column("r_lo", ColumnType.DOUBLE, "sigma_AA", "Bin lower edge.", false, false),
            new Column("r_hi", ColumnType.DOUBLE, "sigma_AA", "Bin upper edge.", false, false),
            new Column("g", ColumnType.DOUBLE, "1", "g(r) in the bin.", false, false),
            new Column("coordination", ColumnType.DOUBLE, "-", "Running coordination number: mean number of partners of the pair's second species within r_hi of a particle of its first species (total: any particle of any).", false, false),
            new Column("pair_count", ColumnType.INT64, "-", "Ordered pair distances counted in the bin, summed over frames.", false, false),
            new Column("n_frames", ColumnType.INT64, "-", "Frames averaged.", false, false),
            new Column("n_runs", ColumnType.INT32, "-", "Runs averaged.", false, false)),
            List.of("model"), List.of("T", "pair", "r"));

    /** One row's data columns (partition columns live in the directory names), in file order. */
    public record Row(double t, String pair, double r, double rLo, double rHi, double g, double coordination, long pairCount, long nFrames, int nRuns) {
        /** Value of the i-th data column (file order), boxed; null for an absent nullable value. */
        public Object value(int i) {
            switch (i) {
                case 0: return t;
                case 1: return pair;
                case 2: return r;
                case 3: return rLo;
                case 4: return rHi;
                case 5: return g;
                case 6: return coordination;
                case 7: return pairCount;
                case 8: return nFrames;
                case 9: return nRuns;
                default: throw new IndexOutOfBoundsException("rdf has 10 data columns, not " + (i + 1));
            }
        }
    }
}
