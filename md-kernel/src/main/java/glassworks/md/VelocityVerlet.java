package glassworks.md;

/**
 * The two halves of a velocity-Verlet step, fused per particle: {@link #kickDrift} (v += dt/2 f/m; r += dt v) before
 * the force computation and {@link #kick} (v += dt/2 f/m) after it. The drift doubles as the blow-up detector: a
 * displacement that is not finite or exceeds {@link #MAX_STEP_DISPLACEMENT} (or half the shortest box edge) in one step
 * can only come from an unstable integration.
 */
final class VelocityVerlet {
    /**
     * Largest displacement in one step before the run is declared blown up [sigma]. A thermal particle moves
     * ~sqrt(d T / m) dt: 0.03 sigma at T = 5 with dt = 0.01; one sigma per step means a speed of order 100, which only
     * a particle shot out of an overlap reaches.
     */
    static final double MAX_STEP_DISPLACEMENT = 1.0;

    private VelocityVerlet() {
    }

    static void kickDrift(Particles p, double dt, Box box, String phase, long step) {
        final double dtf = 0.5 * dt;
        final double limit = Math.min(MAX_STEP_DISPLACEMENT, 0.5 * box.minEdge());
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
            final double vxi = vx[i] + dtfm * fx[i];
            final double vyi = vy[i] + dtfm * fy[i];
            final double vzi = vz[i] + dtfm * fz[i];
            vx[i] = vxi;
            vy[i] = vyi;
            vz[i] = vzi;
            final double dx = dt * vxi;
            final double dy = dt * vyi;
            final double dz = dt * vzi;
            if (!(dx * dx + dy * dy + dz * dz < limitSq)) {
                throw new SimulationBlowUpException(phase, step, p.id[i], String.format(java.util.Locale.ROOT,
                        "displacement (%.3g, %.3g, %.3g) in one step is not finite or exceeds %.3g sigma", dx, dy, dz,
                        limit), "time step too large (dt = " + dt + ") or overlapping particles in the start");
            }
            x[i] += dx;
            y[i] += dy;
            z[i] += dz;
        }
    }

    /** Second half kick; returns twice the new kinetic energy (sum m v^2), which the thermostat needs. */
    static double kick(Particles p, double dt) {
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
            final double vxi = vx[i] + dtfm * fx[i];
            final double vyi = vy[i] + dtfm * fy[i];
            final double vzi = vz[i] + dtfm * fz[i];
            vx[i] = vxi;
            vy[i] = vyi;
            vz[i] = vzi;
            twoKe += mass[i] * (vxi * vxi + vyi * vyi + vzi * vzi);
        }
        return twoKe;
    }
}
