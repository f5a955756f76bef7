package glassworks.md;

/**
 * A Nose-Hoover chain thermostat (Martyna, Tuckerman and Klein 1996), integrated exactly as LAMMPS {@code fix nvt}
 * does: chain length 3, one Suzuki-Yoshida-free sub-step (nc = 1), thermostat masses Q_0 = dof kT tau^2 and
 * Q_k = kT tau^2 with tau the damping time (LAMMPS Tdamp), and a Trotter splitting in which {@link #halfStep} is applied
 * before the first velocity half-kick and after the second.
 *
 * <p>The extended energy {@link #energy()} = dof kT eta_0 + sum_k>0 kT eta_k + sum_k Q_k eta_dot_k^2 / 2 is what,
 * added to the particles' energy, the dynamics conserves.
 */
public final class NoseHooverChain {
    /** Chain length (LAMMPS default tchain 3). */
    public static final int LENGTH = 3;

    private double kT;
    private final double dof;
    private final double freqSquared;
    private final double dt;
    private final double[] eta = new double[LENGTH];
    private final double[] etaDot = new double[LENGTH + 1]; // etaDot[LENGTH] stays 0
    private final double[] etaDotDot = new double[LENGTH];
    private final double[] etaMass = new double[LENGTH];

    /**
     * @param temperature target temperature [epsilon/k_B]
     * @param tau         damping time [tau]
     * @param dof         kinetic degrees of freedom (3N - 3)
     * @param dt          MD time step [tau]
     */
    public NoseHooverChain(double temperature, double tau, double dof, double dt) {
        this.dof = dof;
        this.dt = dt;
        double freq = 1.0 / tau;
        this.freqSquared = freq * freq;
        setTarget(temperature);
    }

    /**
     * Sets the target temperature, for ramps. As LAMMPS fix nvt does every step of a {@code temp Tstart Tstop} run,
     * the chain masses follow the target (Q_0 = dof kT tau^2, Q_k = kT tau^2) while positions and velocities of the
     * chain carry over.
     */
    public void setTarget(double temperature) {
        this.kT = temperature;
        etaMass[0] = dof * kT / freqSquared;
        for (int k = 1; k < LENGTH; k++) {
            etaMass[k] = kT / freqSquared;
        }
    }

    /**
     * FixNH::setup's chain part, which LAMMPS runs at the start of every {@code run}: the forces on links 1.. from the
     * current chain velocities, (Q_{k-1} eta_dot_{k-1}^2 - kT) / Q_k (-kT / Q_k for a fresh chain), which the first
     * half step reads. NPT stages call it (their LAMMPS comparison is step by step); NVT stages keep their
     * historical start, in which those forces begin at 0.
     */
    public void setup() {
        for (int k = 1; k < LENGTH; k++) {
            etaDotDot[k] = (etaMass[k - 1] * etaDot[k - 1] * etaDot[k - 1] - kT) / etaMass[k];
        }
    }

    /** The current target temperature [epsilon/k_B]. */
    public double target() {
        return kT;
    }

    /** The chain state (eta, eta_dot, eta_dotdot, which the next half step reads) for checkpoints: 3 * LENGTH values. */
    public double[] state() {
        double[] s = new double[3 * LENGTH];
        System.arraycopy(eta, 0, s, 0, LENGTH);
        System.arraycopy(etaDot, 0, s, LENGTH, LENGTH);
        System.arraycopy(etaDotDot, 0, s, 2 * LENGTH, LENGTH);
        return s;
    }

    /** Restores {@link #state()}. */
    public void restore(double[] s) {
        System.arraycopy(s, 0, eta, 0, LENGTH);
        System.arraycopy(s, LENGTH, etaDot, 0, LENGTH);
        System.arraycopy(s, 2 * LENGTH, etaDotDot, 0, LENGTH);
    }

    /**
     * Advances the chain by dt/2 given twice the particles' kinetic energy, and returns the factor by which all
     * velocities must be scaled (the caller applies it; twice the kinetic energy then scales by its square).
     */
    public double halfStep(double twiceKinetic) {
        final double dt4 = 0.25 * dt;
        final double dt8 = 0.125 * dt;
        final double dthalf = 0.5 * dt;
        final double keTarget = dof * kT;
        double ke = twiceKinetic;

        etaDotDot[0] = (ke - keTarget) / etaMass[0];
        for (int k = LENGTH - 1; k > 0; k--) {
            double expfac = Math.exp(-dt8 * etaDot[k + 1]);
            etaDot[k] *= expfac;
            etaDot[k] += etaDotDot[k] * dt4;
            etaDot[k] *= expfac;
        }
        double expfac = Math.exp(-dt8 * etaDot[1]);
        etaDot[0] *= expfac;
        etaDot[0] += etaDotDot[0] * dt4;
        etaDot[0] *= expfac;

        double factor = Math.exp(-dthalf * etaDot[0]);
        ke *= factor * factor;
        etaDotDot[0] = (ke - keTarget) / etaMass[0];

        for (int k = 0; k < LENGTH; k++) {
            eta[k] += dthalf * etaDot[k];
        }

        etaDot[0] *= expfac;
        etaDot[0] += etaDotDot[0] * dt4;
        etaDot[0] *= expfac;
        for (int k = 1; k < LENGTH; k++) {
            double ef = Math.exp(-dt8 * etaDot[k + 1]);
            etaDot[k] *= ef;
            etaDotDot[k] = (etaMass[k - 1] * etaDot[k - 1] * etaDot[k - 1] - kT) / etaMass[k];
            etaDot[k] += etaDotDot[k] * dt4;
            etaDot[k] *= ef;
        }
        return factor;
    }

    /** The chain's energy [epsilon] (LAMMPS fix nvt's energy contribution, ecouple). */
    public double energy() {
        double e = dof * kT * eta[0] + 0.5 * etaMass[0] * etaDot[0] * etaDot[0];
        for (int k = 1; k < LENGTH; k++) {
            e += kT * eta[k] + 0.5 * etaMass[k] * etaDot[k] * etaDot[k];
        }
        return e;
    }
}
