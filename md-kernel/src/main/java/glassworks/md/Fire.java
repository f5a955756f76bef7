package glassworks.md;

/**
 * FIRE energy minimisation (Bitzek et al., PRL 97, 170201 (2006)) with LAMMPS {@code min_style fire}'s classic
 * parameters. It only has to take the start lattice to a configuration without overlaps, so it runs a bounded number of
 * steps and caps every particle's displacement per step, which keeps even a badly overlapping start finite.
 */
final class Fire {
    static final double DT_START = 0.005;
    static final double DT_MAX = 0.05;
    static final int N_MIN = 5;
    static final double F_INC = 1.1;
    static final double F_DEC = 0.5;
    static final double ALPHA_START = 0.1;
    static final double F_ALPHA = 0.99;
    /** largest displacement of any particle in one step [sigma] (LAMMPS dmax) */
    static final double MAX_DISPLACEMENT = 0.1;

    private Fire() {
    }

    /**
     * Minimises until the largest force component is below {@code forceTolerance} or {@code maxSteps} are done.
     * Velocities are used as FIRE's and left at zero. Returns the steps taken.
     */
    static int minimize(Simulation sim, int maxSteps, double forceTolerance) {
        Particles p = sim.p;
        int n = p.n;
        double dt = DT_START;
        double alpha = ALPHA_START;
        int positive = 0;
        java.util.Arrays.fill(p.vx, 0.0);
        java.util.Arrays.fill(p.vy, 0.0);
        java.util.Arrays.fill(p.vz, 0.0);
        sim.computeForces(false);
        int it = 0;
        for (; it < maxSteps; it++) {
            double power = 0;
            double vv = 0;
            double ff = 0;
            double fmax = 0;
            for (int i = 0; i < n; i++) {
                power += p.fx[i] * p.vx[i] + p.fy[i] * p.vy[i] + p.fz[i] * p.vz[i];
                vv += p.vx[i] * p.vx[i] + p.vy[i] * p.vy[i] + p.vz[i] * p.vz[i];
                ff += p.fx[i] * p.fx[i] + p.fy[i] * p.fy[i] + p.fz[i] * p.fz[i];
                fmax = Math.max(fmax, Math.max(Math.abs(p.fx[i]), Math.max(Math.abs(p.fy[i]), Math.abs(p.fz[i]))));
            }
            if (!Double.isFinite(ff)) {
                throw new SimulationBlowUpException("minimisation", it, -1, "forces became non-finite");
            }
            if (fmax < forceTolerance) {
                break;
            }
            if (power > 0) {
                double mix = ff > 0 ? alpha * Math.sqrt(vv / ff) : 0;
                for (int i = 0; i < n; i++) {
                    p.vx[i] = (1 - alpha) * p.vx[i] + mix * p.fx[i];
                    p.vy[i] = (1 - alpha) * p.vy[i] + mix * p.fy[i];
                    p.vz[i] = (1 - alpha) * p.vz[i] + mix * p.fz[i];
                }
                if (++positive > N_MIN) {
                    dt = Math.min(dt * F_INC, DT_MAX);
                    alpha *= F_ALPHA;
                }
            } else {
                java.util.Arrays.fill(p.vx, 0.0);
                java.util.Arrays.fill(p.vy, 0.0);
                java.util.Arrays.fill(p.vz, 0.0);
                dt *= F_DEC;
                alpha = ALPHA_START;
                positive = 0;
            }
            // semi-implicit Euler with unit masses (a minimiser needs no dynamics), displacement capped
            double vmax = 0;
            for (int i = 0; i < n; i++) {
                p.vx[i] += dt * p.fx[i];
                p.vy[i] += dt * p.fy[i];
                p.vz[i] += dt * p.fz[i];
                vmax = Math.max(vmax, Math.max(Math.abs(p.vx[i]), Math.max(Math.abs(p.vy[i]), Math.abs(p.vz[i]))));
            }
            double h = dt;
            if (vmax * dt > MAX_DISPLACEMENT) {
                h = MAX_DISPLACEMENT / vmax;
            }
            for (int i = 0; i < n; i++) {
                p.x[i] += h * p.vx[i];
                p.y[i] += h * p.vy[i];
                p.z[i] += h * p.vz[i];
            }
            sim.computeForces(false);
        }
        java.util.Arrays.fill(p.vx, 0.0);
        java.util.Arrays.fill(p.vy, 0.0);
        java.util.Arrays.fill(p.vz, 0.0);
        return it;
    }
}
