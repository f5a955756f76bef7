package glassworks.md;

/**
 * One stage of a run's protocol: a number of steps in one ensemble with a thermostat target that is held or ramped
 * linearly, and whether its configurations are saved as frames. A run is a list of stages executed in order, each
 * continuing from the state the previous one left (positions, velocities, thermostat); seed 000's quench is
 * {melt, ramp 2.0 -> 0.3, equilibrate, produce}, seed 004's thermal cycle {hold 0.51, ramp to 0.56, hold, ramp back,
 * hold}.
 *
 * <p>The target at step s (1-based) of a stage of S steps is T_start + (T_end - T_start) s / S, evaluated at the start
 * of the step, as LAMMPS {@code fix nvt temp T_start T_end} computes its ramp over a run of S steps.
 *
 * @param name             phase name written into thermo rows, e.g. equilibration, quench, production
 * @param steps            number of MD steps (>= 0)
 * @param ensemble         NVE, NVT or NPT
 * @param startTemperature thermostat target at the start [epsilon/k_B] (ignored for NVE)
 * @param endTemperature   thermostat target at the end [epsilon/k_B] (equal to the start for a hold)
 * @param save             whether frames are saved during this stage (per the run's frame schedule)
 */
public record Stage(String name, long steps, Ensemble ensemble, double startTemperature, double endTemperature,
                    boolean save) implements java.io.Serializable {

    /** A stage held at one temperature. */
    public static Stage hold(String name, long steps, Ensemble ensemble, double temperature, boolean save) {
        return new Stage(name, steps, ensemble, temperature, temperature, save);
    }

    /** Thermostat target at step {@code s} (1-based; 0 gives the start) of this stage. */
    public double temperatureAt(long s) {
        if (steps == 0 || startTemperature == endTemperature) {
            return startTemperature;
        }
        return startTemperature + (endTemperature - startTemperature) * ((double) s / steps);
    }

    /** Whether the thermostat target changes during the stage. */
    public boolean ramps() {
        return startTemperature != endTemperature;
    }

    /** e.g. {@code quench NVT 2->0.3 x100000} or {@code production NVT 0.45 x20000 save}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(name).append(' ').append(ensemble);
        if (ensemble != Ensemble.NVE) {
            sb.append(' ').append(num(startTemperature));
            if (ramps()) {
                sb.append("->").append(num(endTemperature));
            }
        }
        sb.append(" x").append(steps);
        return save ? sb.append(" save").toString() : sb.toString();
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    void validate(int index) {
        String where = "stage " + (index + 1) + (name == null ? "" : " (" + name + ")");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(where + ": needs a name, e.g. equilibration");
        }
        if (steps < 0) {
            throw new IllegalArgumentException(where + ": steps must be >= 0, got " + steps);
        }
        if (ensemble == null) {
            throw new IllegalArgumentException(where + ": ensemble missing; use NVE, NVT or NPT");
        }
        if (ensemble != Ensemble.NVE) {
            for (double t : new double[]{startTemperature, endTemperature}) {
                if (!(t > 0) || Double.isInfinite(t)) {
                    throw new IllegalArgumentException(where + ": temperature must be finite and > 0, got " + t);
                }
            }
        }
    }
}
