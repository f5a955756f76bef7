package glassworks.md;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Runs one molecular-dynamics simulation from a {@link RunConfig}, streaming frames and thermo rows to a sink.
 *
 * <p>Start: a fresh lattice ({@link LatticeStart}) in the box of the configured density, relaxed by FIRE ({@link Fire}),
 * or the positions of a {@link Snapshot} as they are (isoconfigurational replicas must start from the stored
 * configuration, not a relaxed one). Velocities: Maxwell-Boltzmann at the first stage's temperature with zero total
 * momentum, unless the snapshot carries velocities. Then the stages run in order, each continuing from the state the
 * previous one left (unwrapped positions, velocities and the Nose-Hoover chain when both stages are NVT).
 *
 * <p>Thermo rows at step 0 and every thermoInterval steps of each stage. Frames: the saving stages' steps are counted
 * together from 0 at the start of the first saving stage, and the frame schedule picks which of them are saved.
 *
 * <p>Particle ids 0..N_A-1 are species 0 (A), the next N_B species 1 (B), and so on in model order (a snapshot keeps its
 * own); which lattice sites they start on is random from the seed. Every random draw comes from one
 * {@link SplittableRandom} seeded with {@link RunConfig#seed()}, so a seed fixes the trajectory bit for bit (for a given
 * thread count).
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

    /** Runs the whole protocol (start configuration, then every stage) and returns its summary. */
    public static RunSummary run(RunConfig config, TrajectorySink sink) throws IOException {
        return run(config, sink, null);
    }

    /**
     * Runs the whole protocol with checkpoints every {@link Checkpointing#interval()} steps, resuming from the
     * directory's checkpoint when there is one; a run killed at any moment and started again with the same arguments
     * streams exactly what the uninterrupted run would have streamed after its last checkpoint, bit for bit (the sink
     * is told where to cut: {@link TrajectorySink#resume}, {@link TrajectorySink#checkpoint}). With
     * {@code checkpointing} null this is {@link #run(RunConfig, TrajectorySink)}.
     *
     * @throws CheckpointException when the directory's checkpoint is unreadable or belongs to another configuration
     */
    public static RunSummary run(RunConfig config, TrajectorySink sink, Checkpointing checkpointing)
            throws IOException {
        long t0 = System.nanoTime();
        Checkpoint from = null;
        if (checkpointing != null) {
            config.validate();
            from = Checkpoint.readIfPresent(checkpointing, config);
            sink.resume(from == null ? 0 : from.sequence());
        }
        Start start = from == null ? prepare(config) : resume(config, from);
        int frames;
        try (Simulation sim = start.simulation()) {
            Driver driver = new Driver(config, sim, sink);
            if (checkpointing != null) {
                driver.checkpointTo(checkpointing, start, from);
            }
            frames = driver.runStages();
        }
        double wall = (System.nanoTime() - t0) * 1e-9;
        Box box = start.simulation().box;
        return new RunSummary(box.dims(), box.lx(), box.ly(), box.lz(), start.composition(), start.kind(), frames, wall);
    }

    /** Executes the stages of one run on a prepared simulation. */
    static final class Driver {
        private final RunConfig config;
        private final Simulation sim;
        private final TrajectorySink sink;
        private final FrameWriter frameWriter;
        private final FrameSchedule.Cursor cursor;
        private final boolean tallyFrames;
        /** saved steps so far (-1 before the first saving stage) and frames written */
        private long savedStep = -1;
        private int frames;
        // checkpoints (checkpointing null: none): the stage under way, the steps before it, where a resumed stage
        // continues (-1: it starts normally) and the last checkpoint (the resumed one is not taken again)
        private Checkpointing checkpointing;
        private Start start;
        private long identity;
        private int sequence;
        private int stageIndex;
        private long stageFirstStep;
        private long resumeAfter = -1;
        private long lastCheckpointStep;

        Driver(RunConfig config, Simulation sim, TrajectorySink sink) {
            this.config = config;
            this.sim = sim;
            this.sink = sink;
            this.frameWriter = new FrameWriter(sim, config);
            if (config.savePerParticleVirial()) {
                sim.forces.tallyPerParticleVirial(true); // costs only on tallied steps, which frames then are
            }
            this.cursor = config.frames().cursor();
            this.tallyFrames = config.savePerParticleEnergy() || config.savePerParticleVirial();
        }

        int runStages() throws IOException {
            java.util.List<Stage> stages = config.stages();
            for (; stageIndex < stages.size(); stageIndex++) {
                Stage stage = stages.get(stageIndex);
                if (resumeAfter >= 0) {
                    long done = resumeAfter;
                    resumeAfter = -1;
                    runSteps(stage, done); // its start (thermostat, first thermo row, frame 0) preceded the checkpoint
                } else {
                    runStage(stage);
                }
                stageFirstStep += stage.steps();
            }
            return frames;
        }

        /** Checkpoints into {@code checkpointing}; with {@code from}, continues where that checkpoint stands. */
        void checkpointTo(Checkpointing checkpointing, Start start, Checkpoint from) {
            this.checkpointing = checkpointing;
            this.start = start;
            this.identity = Checkpoint.identity(config, checkpointing.interval());
            if (from != null) {
                sequence = from.sequence();
                stageIndex = from.stageIndex();
                resumeAfter = from.stepInStage();
                for (int k = 0; k < stageIndex; k++) {
                    stageFirstStep += config.stages().get(k).steps();
                }
                lastCheckpointStep = from.globalStep();
                savedStep = from.savedStep();
                frames = from.frames();
                for (long s = 0; s <= savedStep; s++) {
                    cursor.isFrame(s); // the cursor must have walked every saved step, as in the uninterrupted run
                }
            }
        }

        /**
         * Takes a checkpoint when the steps completed over the run are a positive multiple of the interval. Called
         * before a step (at a stage boundary: after the next stage's start), where nothing of the last force tally
         * is read again (NPT excepted: see {@link Simulation#prepareCheckpoint}), so forces, velocities and positions
         * are all the engine state there is. The forced rebuild makes the neighbour list a function of the saved
         * positions and their order, so a resumed run rebuilds the same list; the uninterrupted run rebuilds here too,
         * which is why the cadence belongs to the trajectory.
         */
        private void checkpointIfDue(long doneInStage) throws IOException {
            long global = stageFirstStep + doneInStage;
            if (global == 0 || global % checkpointing.interval() != 0 || global == lastCheckpointStep) {
                return;
            }
            sim.prepareCheckpoint();
            int next = sequence + 1;
            Checkpoint cp = new Checkpoint(config.runId(), identity, next, stageIndex, doneInStage, global, savedStep,
                    frames, start.kind(), start.composition(), sim.captureState());
            cp.commit(checkpointing.directory(), () -> sink.checkpoint(next));
            sequence = next;
            lastCheckpointStep = global;
        }

        private void runStage(Stage stage) throws IOException {
            sim.startPhase(stage.name());
            if (stage.ensemble() == Ensemble.NPT) {
                startNpt(stage);
            } else if (stage.ensemble() == Ensemble.NVT) {
                sim.setBarostat(null);
                if (sim.thermostat() == null) {
                    sim.setThermostat(new NoseHooverChain(stage.temperatureAt(0), config.thermostatTau(), sim.dof,
                            config.timestep()));
                } else {
                    sim.setTargetTemperature(stage.temperatureAt(0));
                }
            } else {
                sim.setBarostat(null);
                sim.setThermostat(null);
            }
            sim.ensureTallied();
            sink.thermo(sim.thermoRow(config.runId()));
            if (stage.save() && savedStep < 0) {
                savedStep = 0;
                if (cursor.isFrame(0)) {
                    sink.frame(frameWriter.view(frames++, 0));
                }
            }
            runSteps(stage, 0);
        }

        /** Steps {@code done + 1 ..} of a stage whose start is done. */
        private void runSteps(Stage stage, long done) throws IOException {
            boolean ramps = stage.ramps() && stage.ensemble() != Ensemble.NVE;
            int thermoInterval = config.thermoInterval();
            for (long s = done + 1; s <= stage.steps(); s++) {
                if (checkpointing != null) {
                    checkpointIfDue(s - 1);
                }
                if (ramps) {
                    sim.setTargetTemperature(stage.temperatureAt(s));
                }
                boolean frame = stage.save() && cursor.isFrame(++savedStep);
                boolean thermo = s % thermoInterval == 0;
                sim.step(thermo || (frame && tallyFrames));
                if (thermo) {
                    sink.thermo(sim.thermoRow(config.runId()));
                }
                if (frame) {
                    sink.frame(frameWriter.view(frames++, savedStep));
                }
            }
        }

        /**
         * An NPT stage starts as a LAMMPS {@code run} with {@code fix npt temp T0 T1 Tdamp iso P P Pdamp} does: the
         * thermostat (continued from a previous NVT or NPT stage, else fresh) and the barostat (continued from a
         * previous NPT stage, else fresh with the current volume as V_0) get FixNH::setup's masses and chain forces
         * at the stage's start temperature. The box the stage ends with stays for the following stages.
         */
        private void startNpt(Stage stage) {
            double t0 = stage.temperatureAt(0);
            if (sim.thermostat() == null) {
                sim.setThermostat(new NoseHooverChain(t0, config.thermostatTau(), sim.dof, config.timestep()));
            } else {
                sim.setTargetTemperature(t0);
            }
            sim.thermostat().setup();
            if (sim.barostat() == null) {
                sim.setBarostat(new MtkBarostat(config.pressure(), config.barostatTau(), sim.p.n, sim.dims,
                        config.timestep(), t0, sim.box.volume()));
            }
            sim.barostat().setup(t0);
        }
    }

    /** A ready-to-integrate start: positions, velocities and tallied forces. */
    record Start(Simulation simulation, String kind, String composition) {
    }

    /** The start of a resumed run: the engine as the checkpoint left it. The caller owns the simulation. */
    static Start resume(RunConfig config, Checkpoint from) {
        Simulation sim = Simulation.restore(config, from.state());
        return new Start(sim, from.kind(), from.composition());
    }

    /**
     * Validates the configuration and builds its start: box, species by id, lattice + FIRE or the snapshot, velocities.
     * The caller owns (and must close) the simulation.
     */
    static Start prepare(RunConfig config) {
        config.validate();
        PairModel model = config.model();
        int n = config.particles();
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom siteRng = root.split();
        SplittableRandom velocityRng = root.split();
        Snapshot snap = config.start();
        Box box = config.initialBox();
        int[] speciesById;
        double[] x;
        double[] y;
        double[] z;
        String kind;
        int[] counts = new int[model.speciesCount()];
        if (snap == null) {
            counts = model.composition(n);
            speciesById = new int[n];
            for (int s = 0, id = 0; s < counts.length; s++) {
                for (int c = 0; c < counts[s]; c++) {
                    speciesById[id++] = s;
                }
            }
            LatticeStart.Placement lattice = LatticeStart.place(n, box, siteRng);
            x = lattice.x();
            y = lattice.y();
            z = lattice.z();
            kind = lattice.kind() + "+FIRE";
        } else {
            speciesById = snap.species();
            for (int sp : speciesById) {
                counts[sp]++;
            }
            x = snap.x();
            y = snap.y();
            z = snap.z();
            kind = "snapshot:" + snap.parentRun() + "#" + snap.parentFrame();
        }
        Simulation sim = new Simulation(model, box, speciesById, x, y, z, config.skin(), config.threads(),
                config.timestep());
        try {
            if (snap == null) {
                sim.startPhase("minimisation");
                sim.checkEnergyJumps(false);
                Fire.minimize(sim, START_MINIMISATION_STEPS, START_FORCE_TOLERANCE);
                sim.checkEnergyJumps(true);
            } else if (snap.vx() != null) {
                Particles p = sim.p;
                for (int i = 0; i < n; i++) {
                    p.vx[i] = snap.vx()[p.id[i]];
                    p.vy[i] = snap.vy()[p.id[i]];
                    p.vz[i] = model.dims() == 2 ? 0.0 : snap.vz()[p.id[i]];
                }
            }
            if (snap == null || snap.vx() == null) {
                Stage first = config.stages().get(0);
                double t = first.ensemble() == Ensemble.NVE ? config.temperature() : first.temperatureAt(0);
                MaxwellBoltzmann.assign(sim.p, model.dims(), t, sim.dof, velocityRng);
            }
            sim.velocitiesChanged();
            sim.computeForces(true);
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
        return new Start(sim, kind, model.compositionLabel(counts));
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
        /** per-particle virial tensor by id, FrameView.VIRIAL_COMPONENTS order, or null */
        private final double[][] virial;

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
            virial = config.savePerParticleVirial() ? new double[6][n] : null;
        }

        /** The current configuration as frame {@code frameIndex} at saved step {@code savedStep}. */
        FrameView view(int frameIndex, long savedStep) {
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
            if (virial != null) {
                double[] w = sim.forces.perParticleVirial;
                for (int i = 0; i < p.n; i++) {
                    int id = p.id[i];
                    for (int c = 0; c < 6; c++) {
                        virial[c][id] = w[6 * i + c];
                    }
                }
            }
            return new FrameView(frameIndex, savedStep, savedStep * sim.dt, p.n, sim.dims, species, x, y, z, box.lx(),
                    box.ly(), box.lz(), vx, vy, vz, pe, virial);
        }
    }
}
