package glassworks.md;

/**
 * The two halves of a velocity-Verlet step, fused per particle: {@link #kickDrift} (v += dt/2 f/m; r += dt v) before
 * the force computation and {@link #kick} (v += dt/2 f/m) after it. The drift doubles as the blow-up detector: a
 * displacement that is not finite or exceeds half a box edge in one step can only come from an unstable integration.
 */
final class VelocityVerlet {
    private VelocityVerlet() {
    }

    static void kickDrift(Particles p, double dt, Box box, String phase, long step) {
        final double dtf = 0.5 * dt;
        final double hx = 0.5 * box.lx();
        final double hy = 0.5 * box.ly();
        final double hz = 0.5 * box.lz();
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
            if (!(Math.abs(dx) < hx && Math.abs(dy) < hy && Math.abs(dz) < hz)) {
                throw new SimulationBlowUpException(phase, step, p.id[i], String.format(java.util.Locale.ROOT,
                        "displacement (%.3g, %.3g, %.3g) in one step is not finite or exceeds half the box", dx, dy, dz));
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
