package glassworks.md;

/**
 * The integration became unstable: a non-finite energy or position, a particle jumping further than the kernel allows
 * in one step, or a jump of the potential energy per particle between two tallies. The message names the phase, step,
 * particle and the likely cause.
 */
public final class SimulationBlowUpException extends IllegalStateException {
    private final String phase;
    private final long step;
    private final int particleId;

    public SimulationBlowUpException(String phase, long step, int particleId, String what) {
        this(phase, step, particleId, what, "time step too large or overlapping start");
    }

    /** @param likelyCause what to fix, e.g. "time step too large (dt = 0.02)" */
    public SimulationBlowUpException(String phase, long step, int particleId, String what, String likelyCause) {
        super("simulation blew up in " + phase + " at step " + step
                + (particleId >= 0 ? " (particle id " + particleId + ")" : "") + ": " + what
                + "; likely cause: " + likelyCause);
        this.phase = phase;
        this.step = step;
        this.particleId = particleId;
    }

    public String phase() {
        return phase;
    }

    public long step() {
        return step;
    }

    /** The particle that showed it, or -1 when the symptom was global (the energy). */
    public int particleId() {
        return particleId;
    }
}
