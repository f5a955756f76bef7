package glassworks.md.lammps;

/**
 * LAMMPS's {@code Loop time of X on P procs for S steps with N atoms} line: the wall time of one {@code run}'s time
 * stepping, setup excluded.
 */
public record LoopTime(double seconds, int procs, long steps, long atoms) {

    /** Atom-steps per second: steps * atoms / seconds (infinite for a zero-time loop such as {@code run 0}). */
    public double atomStepsPerSecond() {
        return steps * (double) atoms / seconds;
    }

    /** Time steps per second. */
    public double stepsPerSecond() {
        return steps / seconds;
    }
}
