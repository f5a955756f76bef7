package glassworks.md;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Runs one molecular-dynamics simulation from a {@link RunConfig}, streaming frames and thermo rows to a sink.
 *
 * <p>Protocol: cubic box L = (N/rho)^(1/3); lattice start ({@link LatticeStart}) relaxed by FIRE ({@link Fire});
 * Maxwell-Boltzmann velocities at the target temperature; NVT equilibration (Nose-Hoover chain); production in the
 * configured ensemble, continuing from the last equilibration state (unwrapped positions and the chain carry over).
 * Thermo rows at step 0 and every thermoInterval steps of each phase; frames at production steps 0, frameInterval, ...
 *
 * <p>Particle ids 0..N_A-1 are species 0 (A), the next N_B species 1 (B), and so on in model order; which lattice sites
 * they start on is random from the seed. Every random draw comes from one {@link SplittableRandom} seeded with
 * {@link RunConfig#seed()}, so a seed fixes the trajectory bit for bit (for a given thread count).
 */
public final class MdRun {
    /** FIRE steps allowed for relaxing the start lattice. */
    static final int START_MINIMISATION_STEPS = 1000;
    /**
     * FIRE stops once no force component exceeds this [epsilon/sigma]. An overlap pushes with forces of 10^2 and more,
     * and the largest force in an equilibrium KA liquid is several tens even at T = 0.5, so below 5 no overlap is left;
     * relaxing further would only cost time that the NVT equilibration spends better (N = 4000: ~90 FIRE steps).
     */
    static final double START_FORCE_TOLERANCE = 5.0;

    private MdRun() {
    }

    /** Runs the whole protocol (start configuration, NVT equilibration, production) and returns its summary. */
    public static RunSummary run(RunConfig config, TrajectorySink sink) throws IOException {
        long t0 = System.nanoTime();
        int frames = 0;
        Start start = prepare(config);
        try (Simulation sim = start.simulation()) {
            sim.startPhase("equilibration");
            sim.setThermostat(newThermostat(config, sim));
            sink.thermo(sim.thermoRow(config.runId()));
            for (long s = 1; s <= config.equilibrationSteps(); s++) {
                boolean thermo = s % config.thermoInterval() == 0;
                sim.step(thermo);
                if (thermo) {
                    sink.thermo(sim.thermoRow(config.runId()));
                }
            }

            sim.startPhase("production");
            if (config.ensemble() == Ensemble.NVE) {
                sim.setThermostat(null);
            }
            sim.ensureTallied();
            FrameWriter frameWriter = new FrameWriter(sim, config);
            sink.thermo(sim.thermoRow(config.runId()));
            sink.frame(frameWriter.view(frames++));
            for (long s = 1; s <= config.productionSteps(); s++) {
                boolean thermo = s % config.thermoInterval() == 0;
                boolean frame = s % config.frameInterval() == 0;
                sim.step(thermo || (frame && config.savePerParticleEnergy()));
                if (thermo) {
                    sink.thermo(sim.thermoRow(config.runId()));
                }
                if (frame) {
                    sink.frame(frameWriter.view(frames++));
                }
            }
        }
        double wall = (System.nanoTime() - t0) * 1e-9;
        Box box = start.simulation().box;
        return new RunSummary(3, box.lx(), box.ly(), box.lz(), start.composition(), start.kind(), frames, wall);
    }

    /** A ready-to-integrate start: relaxed lattice with Maxwell-Boltzmann velocities and tallied forces. */
    record Start(Simulation simulation, String kind, String composition) {
    }

    /**
     * Validates the configuration and builds its start: box, species by id, lattice, FIRE, velocities. The caller owns
     * (and must close) the simulation.
     */
    static Start prepare(RunConfig config) {
        config.validate();
        PairModel model = Models.byName(config.model());
        int n = config.particles();
        Box box = Box.cubicForDensity(n, config.density());
        int[] counts = model.composition(n);
        int[] speciesById = new int[n];
        for (int s = 0, id = 0; s < counts.length; s++) {
            for (int c = 0; c < counts[s]; c++) {
                speciesById[id++] = s;
            }
        }
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom siteRng = root.split();
        SplittableRandom velocityRng = root.split();
        LatticeStart.Placement lattice = LatticeStart.place(n, box, siteRng);
        Simulation sim = new Simulation(model, box, speciesById, lattice.x(), lattice.y(), lattice.z(), config.skin(),
                config.threads(), config.timestep());
        try {
            sim.startPhase("minimisation");
            Fire.minimize(sim, START_MINIMISATION_STEPS, START_FORCE_TOLERANCE);
            MaxwellBoltzmann.assign(sim.p, config.temperature(), sim.dof, velocityRng);
            sim.velocitiesChanged();
            sim.computeForces(true);
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
        return new Start(sim, lattice.kind() + "+FIRE", model.compositionLabel(counts));
    }

    static NoseHooverChain newThermostat(RunConfig config, Simulation sim) {
        return new NoseHooverChain(config.temperature(), config.thermostatTau(), sim.dof, config.timestep());
    }

    /** Fills id-ordered arrays (reused frame to frame) from the internal state. */
    static final class FrameWriter {
        private final Simulation sim;
        private final int[] species;
        private final double[] x;
        private final double[] y;
        private final double[] z;
        private final double[] vx;
        private final double[] vy;
        private final double[] vz;
        private final double[] pe;

        FrameWriter(Simulation sim, RunConfig config) {
            this.sim = sim;
            int n = sim.p.n;
            species = new int[n];
            x = new double[n];
            y = new double[n];
            z = new double[n];
            vx = config.saveVelocities() ? new double[n] : null;
            vy = config.saveVelocities() ? new double[n] : null;
            vz = config.saveVelocities() ? new double[n] : null;
            pe = config.savePerParticleEnergy() ? new double[n] : null;
        }

        FrameView view(int frameIndex) {
            Particles p = sim.p;
            Box box = sim.box;
            for (int i = 0; i < p.n; i++) {
                int id = p.id[i];
                species[id] = p.species[i];
                x[id] = p.x[i] + p.imageX[i] * box.lx();
                y[id] = p.y[i] + p.imageY[i] * box.ly();
                z[id] = p.z[i] + p.imageZ[i] * box.lz();
                if (vx != null) {
                    vx[id] = p.vx[i];
                    vy[id] = p.vy[i];
                    vz[id] = p.vz[i];
                }
            }
            if (pe != null) {
                double[] eatom = sim.forces.perParticleEnergy;
                for (int i = 0; i < p.n; i++) {
                    pe[p.id[i]] = eatom[i];
                }
            }
            long step = sim.step();
            return new FrameView(frameIndex, step, step * sim.dt, p.n, 3, species, x, y, z, box.lx(), box.ly(),
                    box.lz(), vx, vy, vz, pe);
        }
    }
}
