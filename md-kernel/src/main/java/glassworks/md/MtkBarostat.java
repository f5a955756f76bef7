package glassworks.md;

/**
 * An isotropic Martyna-Tobias-Klein barostat (Martyna, Tobias and Klein 1994; Martyna, Tuckerman, Tobias and Klein
 * 1996) with its own Nose-Hoover chain, integrated exactly as LAMMPS {@code fix npt ... iso P P Pdamp} (FixNH) does
 * with its defaults: pchain 3, ploop 1, mtk yes, drag 0, dilate all, nreset 0, couple xyz (x and y only in 2D, LAMMPS's
 * {@code dimension 2} rule: z is not barostatted).
 *
 * <p>State: the log-volume velocity omega_dot (one value, shared by the pdim coupled axes; LAMMPS keeps pdim equal
 * copies), the barostat chain (etap, etap_dot, etap_dotdot) and the bookkeeping omega. Masses as FixNH::setup sets them
 * at the start of each {@code run} (a stage here) and then keeps them: W = (N + 1) kT / p_freq^2 per coupled axis,
 * Q_k = kT / p_freq^2 for every link of the barostat chain, p_freq = 1 / Pdamp.
 *
 * <p>The pieces of one step, in {@link Simulation}'s order (FixNH::initial_integrate then final_integrate):
 * <pre>
 *   chainHalfStep            nhc_press_integrate
 *   (thermostat half step)   nhc_temp_integrate
 *   omegaHalfStep(P, V, 2KE) nh_omega_dot with mtk_term1 = 2KE / (pdim N); sets mtk_term2 = omega_dot / N
 *   v *= f^2                 nh_v_press, f = exp(-dt/4 (omega_dot + mtk_term2))
 *   v += dt/2 F/m            nve_v
 *   x, L *= e                remap, e = exp(dt/2 omega_dot)
 *   x += dt v                nve_x
 *   x, L *= e                remap
 *   (forces)
 *   v += dt/2 F/m            nve_v
 *   v *= f^2                 nh_v_press (same f: omega_dot has not changed)
 *   omegaHalfStep(P, V, 2KE) nh_omega_dot with the new kinetic energy and volume
 *   (thermostat half step)   nhc_temp_integrate
 *   chainHalfStep            nhc_press_integrate
 * </pre>
 * LAMMPS scales the box about its initial centre and this kernel about the origin; both are the same affine map up to
 * a translation, so energies, pressure and volume agree.
 *
 * <p>{@link #energy} is the barostat's part of the extended energy that these equations of motion conserve:
 * pdim W omega_dot^2 / 2 + P_target (V - V_0) + kT etap_0 + sum_k Q_k etap_dot_k^2 / 2 + sum_{k>0} kT etap_k, with V_0
 * the volume when the barostat was created. It differs from LAMMPS's (FixNH::compute_scalar, the barostat part of
 * ecouple) in one term: LAMMPS thermostats the iso barostat's kinetic energy pdim W omega_dot^2 against one kT
 * (nhc_press_integrate's lkt_press = kT for iso) but credits pdim kT etap_0 in the energy, so its econserve drifts by
 * (pdim - 1) kT etap_0, which grows while the chain removes the barostat's kinetic energy (measured, N = 500 KA relaxing
 * from P = 9 to 0 in 200 steps: LAMMPS's econserve moves by 8.4e-3 per particle, this quantity by 1.4e-3, the
 * integration error). {@link #lammpsEnergy} gives LAMMPS's value; LammpsNptTest compares the kernel's
 * conserved quantity with LAMMPS's econserve less that term (LAMMPS's etap_0 is its f_ID[9]).
 */
public final class MtkBarostat {
    /** Barostat chain length (LAMMPS default pchain 3). */
    public static final int LENGTH = 3;

    private final double pTarget;
    private final double pFreq;
    private final int natoms;
    /** number of barostatted axes: 3, or 2 for a planar box */
    private final int pdim;
    private final double dt;
    /** reference volume of the P V term (restored from checkpoints, hence not final) */
    private double vol0;

    /** target temperature the chain and the masses use [epsilon/k_B] */
    private double kT;
    /** barostat mass per coupled axis, W = (N + 1) kT / p_freq^2 at the last setup */
    private double omegaMass;
    private double omega;
    private double omegaDot;
    private double mtkTerm2;
    private final double[] etap = new double[LENGTH];
    private final double[] etapDot = new double[LENGTH + 1]; // etapDot[LENGTH] stays 0
    private final double[] etapDotDot = new double[LENGTH];
    private final double[] etapMass = new double[LENGTH];

    /**
     * @param pressure    target pressure [epsilon/sigma^dims]
     * @param tau         barostat damping time [tau] (LAMMPS Pdamp)
     * @param natoms      number of particles N
     * @param dims        2 or 3: the number of barostatted axes
     * @param dt          MD time step [tau]
     * @param temperature target temperature at creation [epsilon/k_B] (masses; {@link #setup} may reset them)
     * @param volume0     volume (area in 2D) at creation, the reference of the P V term of {@link #energy}
     */
    public MtkBarostat(double pressure, double tau, int natoms, int dims, double dt, double temperature,
                       double volume0) {
        if (!Double.isFinite(pressure) || !(tau > 0) || natoms < 1 || (dims != 2 && dims != 3) || !(dt > 0)
                || !(temperature > 0) || !(volume0 > 0)) {
            throw new IllegalArgumentException("invalid barostat: P=" + pressure + " tau=" + tau + " N=" + natoms
                    + " dims=" + dims + " dt=" + dt + " T=" + temperature + " V0=" + volume0);
        }
        this.pTarget = pressure;
        this.pFreq = 1.0 / tau;
        this.natoms = natoms;
        this.pdim = dims;
        this.dt = dt;
        this.vol0 = volume0;
        setup(temperature);
    }

    /**
     * FixNH::setup's barostat part, at the start of every stage (LAMMPS: every {@code run}): masses from the current
     * target temperature, and the chain forces of links 1.. from the current chain velocities. omega_dot and the chain
     * carry over.
     */
    public void setup(double temperature) {
        kT = temperature;
        omegaMass = (natoms + 1) * kT / (pFreq * pFreq);
        for (int k = 0; k < LENGTH; k++) {
            etapMass[k] = kT / (pFreq * pFreq);
        }
        for (int k = 1; k < LENGTH; k++) {
            etapDotDot[k] = (etapMass[k - 1] * etapDot[k - 1] * etapDot[k - 1] - kT) / etapMass[k];
        }
    }

    /**
     * Moves the temperature the barostat chain relaxes to (and {@link #energy} uses), for ramps; the masses stay as the
     * last {@link #setup} made them (FixNH defaults: no omega/etap mass update).
     */
    public void setTemperature(double temperature) {
        kT = temperature;
    }

    /** nhc_press_integrate: advances the barostat chain by dt/2 and rescales omega_dot by its friction. */
    public void chainHalfStep() {
        final double dt4 = 0.25 * dt;
        final double dt8 = 0.125 * dt;
        final double dthalf = 0.5 * dt;
        // iso: the chain's kinetic energy is the sum over the pdim (equal) axes, its target one kT (LAMMPS lkt_press)
        double ke = pdim * omegaMass * omegaDot * omegaDot;
        etapDotDot[0] = (ke - kT) / etapMass[0];
        for (int k = LENGTH - 1; k > 0; k--) {
            double expfac = Math.exp(-dt8 * etapDot[k + 1]);
            etapDot[k] *= expfac;
            etapDot[k] += etapDotDot[k] * dt4;
            etapDot[k] *= expfac;
        }
        double expfac = Math.exp(-dt8 * etapDot[1]);
        etapDot[0] *= expfac;
        etapDot[0] += etapDotDot[0] * dt4;
        etapDot[0] *= expfac;

        for (int k = 0; k < LENGTH; k++) {
            etap[k] += dthalf * etapDot[k];
        }
        omegaDot *= Math.exp(-dthalf * etapDot[0]);

        ke = pdim * omegaMass * omegaDot * omegaDot;
        etapDotDot[0] = (ke - kT) / etapMass[0];
        etapDot[0] *= expfac;
        etapDot[0] += etapDotDot[0] * dt4;
        etapDot[0] *= expfac;
        for (int k = 1; k < LENGTH; k++) {
            double ef = Math.exp(-dt8 * etapDot[k + 1]);
            etapDot[k] *= ef;
            etapDotDot[k] = (etapMass[k - 1] * etapDot[k - 1] * etapDot[k - 1] - kT) / etapMass[k];
            etapDot[k] += etapDotDot[k] * dt4;
            etapDot[k] *= ef;
        }
    }

    /**
     * nh_omega_dot: omega_dot += dt/2 [(P - P_target) V + 2KE / (pdim N)] / W, with P the instantaneous pressure
     * (LAMMPS compute pressure: (2 KE + W) / (d V)), V the current volume and twiceKinetic = dof kT_current.
     */
    public void omegaHalfStep(double pressure, double volume, double twiceKinetic) {
        double mtkTerm1 = twiceKinetic / ((double) pdim * natoms);
        double fOmega = (pressure - pTarget) * volume / omegaMass + mtkTerm1 / omegaMass;
        omegaDot += fOmega * (0.5 * dt);
        mtkTerm2 = pdim * omegaDot / ((double) pdim * natoms);
    }

    /** nh_v_press's factor, applied twice to every velocity: exp(-dt/4 (omega_dot + mtk_term2)). */
    public double velocityFactor() {
        return Math.exp(-0.25 * dt * (omegaDot + mtkTerm2));
    }

    /**
     * remap's factor for each of the two box half-updates of a step, exp(dt/2 omega_dot) (omega_dot does not change
     * between them). Call once per step: it also advances the bookkeeping log-strain omega by dt omega_dot.
     */
    public double boxFactor() {
        omega += dt * omegaDot;
        return Math.exp(0.5 * dt * omegaDot);
    }

    /** Accumulated log-strain per axis since creation, ln(L / L_0) up to round-off (LAMMPS's omega, bookkeeping). */
    public double omega() {
        return omega;
    }

    /**
     * The barostat's part of the conserved extended energy [epsilon] at the current volume: the time derivative of
     * kT etap_0 cancels the chain's work on omega_dot, whose kinetic energy the chain drives to one kT.
     */
    public double energy(double volume) {
        return lammpsEnergy(volume) - (pdim - 1) * kT * etap[0];
    }

    /** LAMMPS's barostat part of ecouple (FixNH::compute_scalar): {@link #energy} + (pdim - 1) kT etap_0. */
    public double lammpsEnergy(double volume) {
        double e = pdim * (0.5 * omegaDot * omegaDot * omegaMass) + pTarget * (volume - vol0);
        e += pdim * kT * etap[0] + 0.5 * etapMass[0] * etapDot[0] * etapDot[0];
        for (int k = 1; k < LENGTH; k++) {
            e += kT * etap[k] + 0.5 * etapMass[k] * etapDot[k] * etapDot[k];
        }
        return e;
    }

    /** Target pressure [epsilon/sigma^dims]. */
    public double targetPressure() {
        return pTarget;
    }

    /** Log-volume velocity per axis, d ln L / dt [1/tau]. */
    public double omegaDot() {
        return omegaDot;
    }

    /** Number of barostatted axes. */
    public int dims() {
        return pdim;
    }

    /**
     * The barostat state for checkpoints: kT, W, omega, omega_dot, mtk_term2, V_0, then etap, etap_dot, etap_dotdot
     * and the chain masses ({@value #STATE_LENGTH} values). P_target, tau, N, dims and dt come from the configuration;
     * a barostat built from it and given this state continues bit for bit.
     */
    public double[] state() {
        double[] s = new double[STATE_LENGTH];
        s[0] = kT;
        s[1] = omegaMass;
        s[2] = omega;
        s[3] = omegaDot;
        s[4] = mtkTerm2;
        s[5] = vol0;
        System.arraycopy(etap, 0, s, 6, LENGTH);
        System.arraycopy(etapDot, 0, s, 6 + LENGTH, LENGTH);
        System.arraycopy(etapDotDot, 0, s, 6 + 2 * LENGTH, LENGTH);
        System.arraycopy(etapMass, 0, s, 6 + 3 * LENGTH, LENGTH);
        return s;
    }

    /** Length of {@link #state()}. */
    public static final int STATE_LENGTH = 6 + 4 * LENGTH;

    /** Restores {@link #state()}. */
    public void restore(double[] s) {
        if (s.length != STATE_LENGTH) {
            throw new IllegalArgumentException("barostat state of " + s.length + " values, expected " + STATE_LENGTH);
        }
        kT = s[0];
        omegaMass = s[1];
        omega = s[2];
        omegaDot = s[3];
        mtkTerm2 = s[4];
        vol0 = s[5];
        System.arraycopy(s, 6, etap, 0, LENGTH);
        System.arraycopy(s, 6 + LENGTH, etapDot, 0, LENGTH);
        System.arraycopy(s, 6 + 2 * LENGTH, etapDotDot, 0, LENGTH);
        System.arraycopy(s, 6 + 3 * LENGTH, etapMass, 0, LENGTH);
    }

    /** Reference volume V_0 of the P V term. */
    public double referenceVolume() {
        return vol0;
    }

    // ---- the particle loops of an NPT step (fused: one pass each instead of LAMMPS's three and two)

    /**
     * nh_v_press, nve_v, remap, nve_x, remap of FixNH::initial_integrate in one pass: v = v f f + dt/2 F/m, then
     * x = (x e + dt v) e. (The box half-updates do not touch velocities and the kick does not touch positions, so this
     * order gives what LAMMPS's sequence of loops gives.) Throws on a displacement that is not finite or exceeds
     * {@code limit}, as {@link VelocityVerlet#kickDrift} does.
     */
    static void kickDrift(Particles p, double dt, double f, double e, double limit, String phase, long step) {
        final double dtf = 0.5 * dt;
        final double limitSq = limit * limit;
        final double[] x = p.x;
        final double[] y = p.y;
        final double[] z = p.z;
        final double[] vx = p.vx;
        final double[] vy = p.vy;
        final double[] vz = p.vz;
        final double[] fx = p.fx;
        final double[] fy = p.fy;
        final double[] fz = p.fz;
        final double[] invMass = p.invMass;
        for (int i = 0, n = p.n; i < n; i++) {
            final double dtfm = dtf * invMass[i];
            final double vxi = vx[i] * f * f + dtfm * fx[i];
            final double vyi = vy[i] * f * f + dtfm * fy[i];
            final double vzi = vz[i] * f * f + dtfm * fz[i];
            vx[i] = vxi;
            vy[i] = vyi;
            vz[i] = vzi;
            final double dx = dt * vxi;
            final double dy = dt * vyi;
            final double dz = dt * vzi;
            if (!(dx * dx + dy * dy + dz * dz < limitSq)) {
                throw new SimulationBlowUpException(phase, step, p.id[i], String.format(java.util.Locale.ROOT,
                        "displacement (%.3g, %.3g, %.3g) in one step is not finite or exceeds %.3g sigma", dx, dy, dz,
                        limit), "time step too large (dt = " + dt + "), barostat too fast (barostatTau), or "
                        + "overlapping particles in the start");
            }
            x[i] = (x[i] * e + dx) * e;
            y[i] = (y[i] * e + dy) * e;
            z[i] = (z[i] * e + dz) * e;
        }
    }

    /**
     * nve_v then nh_v_press of FixNH::final_integrate in one pass: v = (v + dt/2 F/m) f f. Returns twice the new
     * kinetic energy (LAMMPS recomputes the temperature right after).
     */
    static double kick(Particles p, double dt, double f) {
        final double dtf = 0.5 * dt;
        final double[] vx = p.vx;
        final double[] vy = p.vy;
        final double[] vz = p.vz;
        final double[] fx = p.fx;
        final double[] fy = p.fy;
        final double[] fz = p.fz;
        final double[] invMass = p.invMass;
        final double[] mass = p.mass;
        double twoKe = 0;
        for (int i = 0, n = p.n; i < n; i++) {
            final double dtfm = dtf * invMass[i];
            final double vxi = (vx[i] + dtfm * fx[i]) * f * f;
            final double vyi = (vy[i] + dtfm * fy[i]) * f * f;
            final double vzi = (vz[i] + dtfm * fz[i]) * f * f;
            vx[i] = vxi;
            vy[i] = vyi;
            vz[i] = vzi;
            twoKe += mass[i] * (vxi * vxi + vyi * vyi + vzi * vzi);
        }
        return twoKe;
    }
}
