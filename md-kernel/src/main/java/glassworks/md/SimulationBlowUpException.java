package glassworks.md;

/** The integration became unstable: a non-finite energy or position, or a particle jumping half a box in one step. */
public final class SimulationBlowUpException extends IllegalStateException {
    private final String phase;
    private final long step;
    private final int particleId;

    public SimulationBlowUpException(String phase, long step, int particleId, String what) {
        super("simulation blew up in " + phase + " at step " + step
                + (particleId >= 0 ? " (particle id " + particleId + ")" : "") + ": " + what
                + "; likely cause: time step too large or overlapping start");
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
