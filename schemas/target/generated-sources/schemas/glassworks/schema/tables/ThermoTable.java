// Generated from schemas/src/main/schemas/thermo.yaml by SchemaCodegen. Do not edit.
package glassworks.schema.tables;

import glassworks.schema.Column;
import glassworks.schema.ColumnType;
import glassworks.schema.TableSchema;
import java.util.List;

/** One row per run per logged step, equilibration and production. Energies and pressure are intensive (per particle, LAMMPS `thermo_modify norm yes` convention for energies). Partitioned model=/T=; one file per simulate job per temperature (runs are many and their logs short, so a file per run would be a swarm of tiny files). */
public final class ThermoTable {
    private ThermoTable() {}

    /** Table name: its directory under the warehouse and its SQL view. */
    public static final String NAME = "thermo";
    /** Format version written into every footer. */
    public static final int VERSION = 1;

    /** Interaction model preset (see runs.model). [-] (partition) */
    public static final String MODEL = "model";
    /** Target temperature of the run. [epsilon_AA/k_B] (partition) */
    public static final String T = "T";
    /** Run id (runs.run_id; the run partition of frames). [-] */
    public static final String RUN_ID = "run_id";
    /** equilibration or production. [-] */
    public static final String PHASE = "phase";
    /** Step within the phase. [steps] */
    public static final String STEP = "step";
    /** Time within the phase, step * timestep. [tau] */
    public static final String TIME = "time";
    /** Instantaneous kinetic temperature 2 KE / (d N - d) k_B (centre-of-mass degrees of freedom removed). [epsilon_AA/k_B] */
    public static final String TEMPERATURE = "temperature";
    /** Potential energy per particle. [epsilon_AA] */
    public static final String POTENTIAL_ENERGY = "potential_energy";
    /** Kinetic energy per particle. [epsilon_AA] */
    public static final String KINETIC_ENERGY = "kinetic_energy";
    /** potential_energy + kinetic_energy. [epsilon_AA] */
    public static final String TOTAL_ENERGY = "total_energy";
    /** Virial pressure (N k_B T + W/d) / V with the instantaneous kinetic temperature. [epsilon_AA/sigma_AA^3] */
    public static final String PRESSURE = "pressure";
    /** Quantity the integrator conserves, per particle: total energy in NVE, total energy plus the Nose-Hoover chain's energy in NVT. Its drift measures integration error. [epsilon_AA] */
    public static final String CONSERVED = "conserved";

    /** The table as its schema file declares it. */
    public static final TableSchema SCHEMA = new TableSchema("thermo", 1, "One row per run per logged step, equilibration and production. Energies and pressure are intensive (per particle, LAMMPS `thermo_modify norm yes` convention for energies). Partitioned model=/T=; one file per simulate job per temperature (runs are many and their logs short, so a file per run would be a swarm of tiny files).", List.of(
            new Column("model", ColumnType.STRING, "-", "Interaction model preset (see runs.model).", false, true),
            new Column("T", ColumnType.DOUBLE, "epsilon_AA/k_B", "Target temperature of the run.", false, true),
            new Column("run_id", ColumnType.STRING, "-", "Run id (runs.run_id; the run partition of frames).", false, false),
            new Column("phase", ColumnType.STRING, "-", "equilibration or production.", false, false),
            new Column("step", ColumnType.INT64, "steps", "Step within the phase.", false, false),
            new Column("time", ColumnType.DOUBLE, "tau", "Time within the phase, step * timestep.", false, false),
            new Column("temperature", ColumnType.DOUBLE, "epsilon_AA/k_B", "Instantaneous kinetic temperature 2 KE / (d N - d) k_B (centre-of-mass degrees of freedom removed).", false, false),
            new Column("potential_energy", ColumnType.DOUBLE, "epsilon_AA", "Potential energy per particle.", false, false),
            new Column("kinetic_energy", ColumnType.DOUBLE, "epsilon_AA", "Kinetic energy per particle.", false, false),
            new Column("total_energy", ColumnType.DOUBLE, "epsilon_AA", "potential_energy + kinetic_energy.", false, false),
            new Column("pressure", ColumnType.DOUBLE, "epsilon_AA/sigma_AA^3", "Virial pressure (N k_B T + W/d) / V with the instantaneous kinetic temperature.", false, false),
            new Column("conserved", ColumnType.DOUBLE, "epsilon_AA", "Quantity the integrator conserves, per particle: total energy in NVE, total energy plus the Nose-Hoover chain's energy in NVT. Its drift measures integration error.", false, false)),
            List.of("model", "T"), List.of("run_id", "step"));

    /** One row's data columns (partition columns live in the directory names), in file order. */
    public record Row(String runId, String phase, long step, double time, double temperature, double potentialEnergy, double kineticEnergy, double totalEnergy, double pressure, double conserved) {
        /** Value of the i-th data column (file order), boxed; null for an absent nullable value. */
        public Object value(int i) {
            switch (i) {
                case 0: return runId;
                case 1: return phase;
                case 2: return step;
                case 3: return time;
                case 4: return temperature;
                case 5: return potentialEnergy;
                case 6: return kineticEnergy;
                case 7: return totalEnergy;
                case 8: return pressure;
                case 9: return conserved;
                default: throw new IndexOutOfBoundsException("thermo has 10 data columns, not " + (i + 1));
            }
        }
    }
}
