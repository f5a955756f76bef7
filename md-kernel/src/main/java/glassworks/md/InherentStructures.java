package glassworks.md;

import java.util.Arrays;
import java.util.Locale;

/**
 * Inherent structures: the local minimum of the potential energy reached from a configuration by steepest-descent-like
 * minimisation (Stillinger and Weber). Given a {@link PairModel} and a {@link Snapshot}, {@link #minimize} relaxes the
 * positions at fixed box with FIRE until no force component exceeds a tight tolerance and returns the minimised
 * positions, the per-particle energies there and the energy per particle e_IS.
 *
 * <p><b>Why not {@link Fire}.</b> {@code Fire.minimize} exists to remove the overlaps of a start lattice: a handful of
 * steps down to |F| &lt; 5 with classic FIRE's parameters. Converging to |F|max ~ 1e-8 needs the safeguards of the later
 * algorithm, so this class carries its own: <b>FIRE 2.0</b> (Guenole et al., Comput. Mater. Sci. 175, 109584 (2020)) as
 * LAMMPS implements it in {@code min_style fire} (its defaults since 2020): semi-implicit Euler with the particles'
 * masses, velocity mixing after the kick, dt0 = 0.005 tau (LAMMPS's lj timestep), dtmax = 10 dt0, dtmin = 0.02 dt0,
 * N_delay = 20 (also no dt cut during the first 20 steps), f_inc = 1.1, f_dec = 0.5, alpha0 = 0.25, f_alpha = 0.99,
 * half step back when the power P = F.v turns non-positive, and no particle moving more than dmax = 0.1 sigma per step
 * (LAMMPS {@code min_modify dmax}). The minimum does not depend on these choices, only how fast it is reached and, for a
 * configuration near a saddle, which basin.
 *
 * <p><b>Stopping rule.</b> Converged once the largest force component max_i,a |F_i^a| is below the tolerance (LAMMPS
 * {@code min_modify norm inf}); the default 1e-8 epsilon/sigma puts e_IS within ~|F|^2/k ~ 1e-16 per particle of the
 * exact minimum for stiffnesses k ~ 1, far below anything a table is read for, while forces summed from pair terms of
 * order 10 carry rounding of only ~1e-14, so the tolerance is reachable. Failing to converge within the iteration budget
 * is reported ({@link Result#converged()} false), not thrown: the configuration is still lower in energy.
 *
 * <p>Positions come back unwrapped like the input: particle i's result is its input position plus its displacement,
 * whatever periodic image the input used, so frames and their inherent structures can be subtracted directly.
 */
public final class InherentStructures {
    /** FIRE 2.0 initial time step [tau] (LAMMPS's default lj timestep). */
    static final double DT0 = 0.005;
    static final double DT_MAX = 10 * DT0;
    static final double DT_MIN = 0.02 * DT0;
    static final int N_DELAY = 20;
    static final double F_INC = 1.1;
    static final double F_DEC = 0.5;
    static final double ALPHA0 = 0.25;
    static final double F_ALPHA = 0.99;
    /** Largest displacement of any particle in one step [sigma] (LAMMPS min_modify dmax default). */
    static final double DMAX = 0.1;
    /** Neighbour-list skin [sigma]: minimisation moves particles little, the MD default is fine. */
    static final double SKIN = 0.3;

    /** Default largest force component at convergence [epsilon/sigma]. */
    public static final double DEFAULT_FORCE_TOLERANCE = 1e-8;
    /** Default FIRE iteration budget (a KA liquid at T = 0.8, N = 1000 converges to 1e-8 in a few thousand). */
    public static final int DEFAULT_MAX_ITERATIONS = 100_000;

    private InherentStructures() {
    }

    /**
     * How to minimise.
     *
     * @param forceTolerance largest force component at convergence [epsilon/sigma], &gt; 0
     * @param maxIterations  FIRE iterations allowed, &gt;= 1
     * @param threads        force-loop threads (the result is reproducible for a given count)
     */
    public record Options(double forceTolerance, int maxIterations, int threads) implements java.io.Serializable {
        /** The defaults: 1e-8, 100000 iterations, 1 thread. */
        public static Options defaults() {
            return new Options(DEFAULT_FORCE_TOLERANCE, DEFAULT_MAX_ITERATIONS, 1);
        }

        public Options withForceTolerance(double tol) {
            return new Options(tol, maxIterations, threads);
        }

        public Options withMaxIterations(int n) {
            return new Options(forceTolerance, n, threads);
        }

        /** Refuses bad values with a message naming the option and a sensible value. */
        public void validate() {
            if (!(forceTolerance > 0) || !Double.isFinite(forceTolerance)) {
                throw new IllegalArgumentException("--force-tolerance must be a positive force in epsilon/sigma, got "
                        + forceTolerance + "; e.g. --force-tolerance 1e-8");
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("--max-iterations must be at least 1, got " + maxIterations
                        + "; e.g. --max-iterations " + DEFAULT_MAX_ITERATIONS);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
        }
    }

    /**
     * A minimised configuration. Arrays are indexed by particle id, like the snapshot's.
     *
     * @param x                    minimised x, unwrapped as the input (input x + displacement) [sigma]
     * @param y                    minimised y [sigma]
     * @param z                    minimised z [sigma] (0 in 2D)
     * @param perParticleEnergy    per-particle potential energy at the minimum (half of each pair energy) [epsilon]
     * @param energyPerParticle    e_IS: total potential energy / N at the minimum [epsilon]
     * @param startEnergyPerParticle potential energy / N of the input configuration [epsilon]
     * @param maxForce             largest force component at the returned positions [epsilon/sigma]
     * @param iterations           FIRE iterations taken (0 if the input already met the tolerance)
     * @param converged            whether maxForce is below the tolerance
     */
    public record Result(double[] x, double[] y, double[] z, double[] perParticleEnergy, double energyPerParticle,
                         double startEnergyPerParticle, double maxForce, int iterations, boolean converged) {
        public int n() {
            return x.length;
        }

        /** One line for logs: e_IS, start energy, max force, iterations. */
        public String summary() {
            return String.format(Locale.ROOT, "e_IS %.10f (start %.6f), max |F| %.2e after %d FIRE iteration(s)%s",
                    energyPerParticle, startEnergyPerParticle, maxForce, iterations, converged ? "" : " (NOT converged)");
        }
    }

    /** {@link #minimize(PairModel, Snapshot, Options)} with the defaults. */
    public static Result minimize(PairModel model, Snapshot start) {
        return minimize(model, start, Options.defaults());
    }

    /**
     * Minimises the potential energy of {@code start} (positions, box and species; its velocities are ignored) at fixed
     * box and returns the inherent structure.
     *
     * @throws IllegalArgumentException   for a snapshot that does not fit the model or a box too small for its cutoff
     * @throws SimulationBlowUpException  if forces become non-finite (particles on top of each other)
     */
    public static Result minimize(PairModel model, Snapshot start, Options options) {
        options.validate();
        start.validate(model);
        Box box = start.box();
        try (Simulation sim = new Simulation(model, box, start.species(), start.x(), start.y(), start.z(),
                skinFor(model, box), options.threads(), DT0)) {
            sim.startPhase("inherent-structure minimisation");
            sim.checkEnergyJumps(false);
            sim.computeForces(true);
            double startEnergy = sim.potentialEnergy() / start.n();
            int iterations = fire2(sim, options.forceTolerance(), options.maxIterations());
            sim.computeForces(true);
            return collect(sim, start, startEnergy, iterations, options.forceTolerance());
        }
    }

    /**
     * Per-particle potential energies of a configuration as it is (no minimisation): half of each pair energy to each
     * partner, the kernel's convention, summing to U [epsilon]; indexed by particle id. The kernel's own force loop on
     * one thread.
     *
     * @throws IllegalArgumentException   for a snapshot that does not fit the model or a box too small for its cutoff
     * @throws SimulationBlowUpException  if particles sit on top of each other (infinite energies)
     */
    public static double[] perParticleEnergies(PairModel model, Snapshot config) {
        config.validate(model);
        Box box = config.box();
        try (Simulation sim = new Simulation(model, box, config.species(), config.x(), config.y(), config.z(),
                skinFor(model, box), 1, DT0)) {
            sim.startPhase("per-particle energies");
            sim.checkEnergyJumps(false);
            sim.computeForces(true);
            Particles p = sim.p;
            double[] pe = new double[p.n];
            for (int i = 0; i < p.n; i++) {
                pe[p.id[i]] = sim.forces.perParticleEnergy[i];
            }
            return pe;
        }
    }

    /** The neighbour-list skin for a fixed box: the default, or less where the box leaves less room (minimum image). */
    private static double skinFor(PairModel model, Box box) {
        double room = 0.5 * box.minEdge() - model.maxCutoff();
        if (!(room > 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "box edge %.4f sigma is too small for cutoff "
                    + "%.3f: it must exceed twice the cutoff (minimum image); use a larger system", box.minEdge(),
                    model.maxCutoff()));
        }
        return Math.min(SKIN, 0.99 * room);
    }

    /** Largest force component of the current forces. */
    static double maxForce(Particles p) {
        double m = 0;
        for (int i = 0; i < p.n; i++) {
            m = Math.max(m, Math.max(Math.abs(p.fx[i]), Math.max(Math.abs(p.fy[i]), Math.abs(p.fz[i]))));
        }
        return m;
    }

    /**
     * FIRE 2.0 with LAMMPS min_style fire's defaults, semi-implicit Euler (see the class comment). Forces must be current
     * on entry; on return the positions are the last ones whose forces were computed. Returns the iterations taken.
     * The particle arrays are re-read after every force call, since a neighbour-list build may re-sort them.
     */
    static int fire2(Simulation sim, double tolerance, int maxIterations) {
        Particles p = sim.p;
        int n = p.n;
        Arrays.fill(p.vx, 0.0);
        Arrays.fill(p.vy, 0.0);
        Arrays.fill(p.vz, 0.0);
        double dt = DT0;
        double alpha = ALPHA0;
        double h = 0; // the step actually taken last (dt, or less where DMAX limited it)
        int lastNegative = 0;
        int it = 0;
        while (it < maxIterations) {
            double fmax = maxForce(p);
            if (!Double.isFinite(fmax)) {
                throw new SimulationBlowUpException(sim.phase(), it, -1, "forces became non-finite",
                        "particles on top of each other in the input configuration");
            }
            if (fmax < tolerance) {
                break;
            }
            it++;
            double vdotf = 0;
            for (int i = 0; i < n; i++) {
                vdotf += p.vx[i] * p.fx[i] + p.vy[i] * p.fy[i] + p.vz[i] * p.fz[i];
            }
            double scale1 = 1;
            double scale2 = 0;
            boolean resetV = false;
            if (vdotf > 0) {
                double vv = 0;
                double ff = 0;
                for (int i = 0; i < n; i++) {
                    vv += p.vx[i] * p.vx[i] + p.vy[i] * p.vy[i] + p.vz[i] * p.vz[i];
                    ff += p.fx[i] * p.fx[i] + p.fy[i] * p.fy[i] + p.fz[i] * p.fz[i];
                }
                scale1 = 1 - alpha;
                scale2 = ff <= 1e-20 ? 0 : alpha * Math.sqrt(vv / ff);
                if (it - lastNegative > N_DELAY) {
                    dt = Math.min(dt * F_INC, DT_MAX);
                    alpha *= F_ALPHA;
                }
            } else {
                lastNegative = it;
                if (it >= N_DELAY) { // no slowdown while the first steps accelerate from rest
                    alpha = ALPHA0;
                    if (dt * F_DEC >= DT_MIN) {
                        dt *= F_DEC;
                    }
                }
                // inertia correction: half a step back, then restart from rest
                for (int i = 0; i < n; i++) {
                    p.x[i] -= 0.5 * h * p.vx[i];
                    p.y[i] -= 0.5 * h * p.vy[i];
                    p.z[i] -= 0.5 * h * p.vz[i];
                }
                Arrays.fill(p.vx, 0.0);
                Arrays.fill(p.vy, 0.0);
                Arrays.fill(p.vz, 0.0);
                resetV = true;
                sim.computeForces(false);
            }
            // limit the step so that no particle moves further than DMAX (from rest: judged on the first kick)
            double vmax = 0;
            for (int i = 0; i < n; i++) {
                double vx = resetV ? dt * p.invMass[i] * p.fx[i] : p.vx[i];
                double vy = resetV ? dt * p.invMass[i] * p.fy[i] : p.vy[i];
                double vz = resetV ? dt * p.invMass[i] * p.fz[i] : p.vz[i];
                vmax = Math.max(vmax, Math.max(Math.abs(vx), Math.max(Math.abs(vy), Math.abs(vz))));
            }
            h = dt * vmax > DMAX ? DMAX / vmax : dt;
            for (int i = 0; i < n; i++) {
                double k = h * p.invMass[i];
                double vx = p.vx[i] + k * p.fx[i];
                double vy = p.vy[i] + k * p.fy[i];
                double vz = p.vz[i] + k * p.fz[i];
                if (vdotf > 0) {
                    vx = scale1 * vx + scale2 * p.fx[i];
                    vy = scale1 * vy + scale2 * p.fy[i];
                    vz = scale1 * vz + scale2 * p.fz[i];
                }
                p.vx[i] = vx;
                p.vy[i] = vy;
                p.vz[i] = vz;
                p.x[i] += h * vx;
                p.y[i] += h * vy;
                p.z[i] += h * vz;
            }
            sim.computeForces(false);
        }
        Arrays.fill(p.vx, 0.0);
        Arrays.fill(p.vy, 0.0);
        Arrays.fill(p.vz, 0.0);
        return it;
    }

    /** The result by particle id, unwrapped onto the input's images. */
    private static Result collect(Simulation sim, Snapshot start, double startEnergy, int iterations, double tolerance) {
        Particles p = sim.p;
        Box box = sim.box;
        int n = p.n;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        double[] pe = new double[n];
        double[] eatom = sim.forces.perParticleEnergy;
        for (int i = 0; i < n; i++) {
            int id = p.id[i];
            // the simulation wrapped the input at its first build, counting images, so this is input + displacement
            x[id] = p.x[i] + p.imageX[i] * box.lx();
            y[id] = p.y[i] + p.imageY[i] * box.ly();
            z[id] = sim.dims == 2 ? start.z()[id] : p.z[i] + p.imageZ[i] * box.lz();
            pe[id] = eatom[i];
        }
        double fmax = maxForce(p);
        return new Result(x, y, z, pe, sim.potentialEnergy() / n, startEnergy, fmax, iterations, fmax < tolerance);
    }
}
