package glassworks.md;

import glassworks.schema.tables.ThermoTable;

/**
 * The MD engine of one run: particles, neighbour search, forces and the velocity-Verlet integrator with an optional
 * Nose-Hoover chain (NVT) and an optional isotropic MTK barostat on top of it (NPT, LAMMPS fix npt; see
 * {@link MtkBarostat}), which makes the box mutable. {@link MdRun} drives it through the protocol; tests drive it step
 * by step.
 */
final class Simulation implements AutoCloseable {
    /** Neighbour-list builds between spatial re-sorts of the particle arrays (cache locality). */
    static final int SORT_EVERY_BUILDS = 20;

    final PairModel model;
    /** the current box: fixed, except that an NPT barostat ({@link #setBarostat}) rescales it every step */
    Box box;
    final Particles p;
    /** grid and list for {@link #box}; rebuild() replaces both when the barostat has changed the box since */
    CellList cells;
    VerletList list;
    final ForceCompute forces;
    /** spatial dimension of model and box */
    final int dims;
    /** kinetic degrees of freedom, dims * N - dims (centre of mass removed), LAMMPS's default */
    final double dof;
    final double dt;
    private NoseHooverChain thermostat;
    /** NPT: the barostat (null: fixed box) and the list-validity check under box strain it needs */
    private MtkBarostat barostat;
    private AffineListCheck strainCheck;
    /** builds of the lists rebuild() has replaced (NPT), so that the re-sort keeps its every-20-builds rhythm */
    private int retiredListBuilds;
    /** twice the kinetic energy, tracked through the thermostat half steps as LAMMPS fix nvt does */
    private double twoKe;
    private String phase = "setup";
    private long step;

    /**
     * @param speciesById species of each particle id
     * @param x           start positions by particle id (wrapped or not)
     */
    Simulation(PairModel model, Box box, int[] speciesById, double[] x, double[] y, double[] z, double skin, int threads,
               double dt) {
        int n = speciesById.length;
        if (box.dims() != model.dims()) {
            throw new IllegalArgumentException("model '" + model.name() + "' is " + model.dims() + "D but the box is "
                    + box.dims() + "D");
        }
        this.model = model;
        this.box = box;
        this.dt = dt;
        this.dims = model.dims();
        this.dof = (double) dims * n - dims;
        p = new Particles(n);
        for (int i = 0; i < n; i++) {
            p.x[i] = x[i];
            p.y[i] = y[i];
            p.z[i] = dims == 2 ? 0.0 : z[i];
            p.species[i] = speciesById[i];
            p.id[i] = i;
            p.mass[i] = model.mass(speciesById[i]);
            p.invMass[i] = 1.0 / p.mass[i];
        }
        startVolume = box.volume();
        cells = new CellList(box, model.maxCutoff() + skin);
        list = new VerletList(model, skin, n, cells);
        forces = new ForceCompute(model, n, threads);
        // the first build already runs on the force computation's threads (later lists get them in forces.partition)
        list.lend(forces.team());
        rebuild();
    }

    /** Wraps positions, re-sorts them spatially every {@link #SORT_EVERY_BUILDS} builds, rebuilds the list. */
    void rebuild() {
        if (cells.box() != box) {
            replaceListsForBox();
        }
        p.wrap(box);
        if (listBuilds() % SORT_EVERY_BUILDS == 0) {
            cells.build(p.x, p.y, p.z, p.n);
            p.permute(cells.cellOrder());
        }
        cells.build(p.x, p.y, p.z, p.n);
        list.build(p.x, p.y, p.z, p.species, cells);
        forces.partition(list);
        if (strainCheck != null) {
            strainCheck.record(p, box);
        }
    }

    /**
     * List builds since the start, over every list this engine has had (NPT replaces the list when the box changed):
     * the counter whose multiples of {@link #SORT_EVERY_BUILDS} time the re-sorts. Equals list.builds() without NPT.
     */
    int listBuilds() {
        return retiredListBuilds + list.builds();
    }

    /**
     * A new cell grid and Verlet list for the current box (the barostat changed it since the last build): a
     * {@link CellList} bins into the box it was made for. Happens only at builds of an NPT run, about every 10-20
     * steps; LAMMPS likewise re-bins on a box change.
     */
    /** Volume growth under NPT beyond which the run stops as boiling (see {@link #replaceListsForBox}). */
    static final double MAX_EXPANSION = 8.0;
    /** Box volume when this engine was made (the reference of the boiling check). */
    private double startVolume;

    private void replaceListsForBox() {
        double reach = model.maxCutoff() + list.skin();
        if (box.volume() > MAX_EXPANSION * startVolume) {
            // a condensed system does not expand 8-fold at fixed pressure: it is boiling or cavitating (e.g. a KA liquid
            // at T = 2 and P = 0), and left alone the box grows without bound while the run looks healthy
            throw new SimulationBlowUpException(phase, step, -1, String.format(java.util.Locale.ROOT,
                    "the barostat expanded the box %.1f-fold (density %.4g, started at %.4g): the system boiled or "
                            + "cavitated at this temperature and pressure", box.volume() / startVolume,
                    p.n / box.volume(), p.n / startVolume), "pressure too low for this temperature: cool at constant "
                    + "volume first (an NVT stage down to where the liquid holds at this pressure) or raise --pressure");
        }
        if (!(box.minEdge() > 2 * reach)) {
            throw new SimulationBlowUpException(phase, step, -1, String.format(java.util.Locale.ROOT,
                    "the barostat shrank the box edge to %.4f sigma, below 2 (cutoff + skin) = %.4f (minimum image)",
                    box.minEdge(), 2 * reach), "more particles, a smaller skin, or a slower barostat (barostatTau)");
        }
        retiredListBuilds += list.builds();
        cells = new CellList(box, reach);
        list = new VerletList(model, list.skin(), p.n, cells);
        // keep list builds parallel across the replacement: partition() would lend the team only after this build
        list.lend(forces.team());
    }

    /**
     * Points the list's periodic image shifts at the current box. Between builds an NPT step rescales positions and
     * box together; a stored pair's separation r_i - r_j + shift stays right only if the shift is +-L of the current
     * box (LAMMPS likewise updates its ghost atoms with the current box every step).
     */
    private void syncListShifts() {
        for (int code = 0; code < 27; code++) {
            list.shiftX[code] = Math.signum(cells.shiftX(code)) * box.lx();
            list.shiftY[code] = Math.signum(cells.shiftY(code)) * box.ly();
            list.shiftZ[code] = Math.signum(cells.shiftZ(code)) * box.lz();
        }
    }

    /** Forces at the current positions (rebuilding the list when due); {@code tally} also gets energies and virial. */
    void computeForces(boolean tally) {
        if (strainCheck == null ? list.needsRebuild(p.x, p.y, p.z) : strainCheck.needsRebuild(p, box)) {
            rebuild();
        }
        forces.compute(p, list, tally);
        if (tally) {
            double pe = forces.potentialEnergy();
            if (!Double.isFinite(pe) || !Double.isFinite(forces.virial())) {
                throw new SimulationBlowUpException(phase, step, -1, "potential energy became " + pe);
            }
            double perParticle = pe / p.n;
            if (checkEnergyJumps && Double.isFinite(lastPotentialPerParticle)
                    && perParticle - lastPotentialPerParticle > ENERGY_JUMP) {
                throw new SimulationBlowUpException(phase, step, -1, String.format(java.util.Locale.ROOT,
                        "potential energy per particle jumped from %.4g to %.4g since the last tally",
                        lastPotentialPerParticle, perParticle), "time step too large (dt = " + dt + ")");
            }
            lastPotentialPerParticle = perParticle;
        }
    }

    /**
     * Rise of the potential energy per particle between two tallies that counts as a blow-up [epsilon]. Thermal
     * fluctuations of U/N are ~sqrt(T/N) and a melt from a glass raises it by ~1; only an integration that has lost
     * control (two particles driven into each other's core) rises by more than this.
     */
    static final double ENERGY_JUMP = 5.0;
    private double lastPotentialPerParticle = Double.NaN;
    private boolean checkEnergyJumps = true;

    /** Turns the energy-jump check off (minimisers start from overlaps whose energy falls, never rises, anyway). */
    void checkEnergyJumps(boolean on) {
        checkEnergyJumps = on;
        lastPotentialPerParticle = Double.NaN;
    }

    /** One velocity-Verlet step (Trotter: chain half, kick, drift, forces, kick, chain half). */
    void step(boolean tally) {
        if (barostat != null) {
            stepNpt();
            return;
        }
        step++;
        if (thermostat != null) {
            double f = thermostat.halfStep(twoKe);
            p.scaleVelocities(f);
        }
        VelocityVerlet.kickDrift(p, dt, box, phase, step);
        computeForces(tally);
        twoKe = VelocityVerlet.kick(p, dt);
        if (thermostat != null) {
            double f = thermostat.halfStep(twoKe);
            p.scaleVelocities(f);
            twoKe *= f * f;
        }
    }

    /**
     * One NPT step in LAMMPS FixNH's order (initial_integrate, forces, final_integrate; see {@link MtkBarostat}). The
     * forces are always tallied: both omega_dot half steps need the pressure, hence the virial.
     */
    private void stepNpt() {
        step++;
        final MtkBarostat b = barostat;
        b.chainHalfStep(); // nhc_press_integrate runs before compute_temp_target: still the previous step's target
        b.setTemperature(thermostat.target());
        double f = thermostat.halfStep(twoKe);
        p.scaleVelocities(f);
        twoKe *= f * f;
        double volume = box.volume();
        b.omegaHalfStep((twoKe + forces.virial()) / (dims * volume), volume, twoKe);
        final double fv = b.velocityFactor();
        final double e = b.boxFactor();
        MtkBarostat.kickDrift(p, dt, fv, e, Math.min(VelocityVerlet.MAX_STEP_DISPLACEMENT, 0.5 * box.minEdge()), phase,
                step);
        box = new Box(box.lx() * e * e, box.ly() * e * e, box.lz() * e * e); // lz = 0 stays 0 in 2D
        syncListShifts();
        computeForces(true);
        twoKe = MtkBarostat.kick(p, dt, fv);
        volume = box.volume();
        b.omegaHalfStep((twoKe + forces.virial()) / (dims * volume), volume, twoKe);
        f = thermostat.halfStep(twoKe);
        p.scaleVelocities(f);
        twoKe *= f * f;
        b.chainHalfStep();
    }

    /**
     * Runs NPT with {@code b} from now on, or with a fixed box again (null). NPT needs the thermostat set first. The
     * list is rebuilt (the strain check needs its reference; after NPT the plain displacement check needs a list built
     * in the current box) and the forces recomputed, as LAMMPS's setup at the start of a run does.
     */
    void setBarostat(MtkBarostat b) {
        if (b != null && thermostat == null) {
            throw new IllegalStateException("NPT needs a thermostat: call setThermostat first");
        }
        if (b != null && b.dims() != dims) {
            throw new IllegalArgumentException("a " + b.dims() + "D barostat on a " + dims + "D system");
        }
        if (b == barostat) {
            return;
        }
        barostat = b;
        strainCheck = b == null ? null : new AffineListCheck(p.n, model.maxCutoff(), list.skin());
        rebuild();
        computeForces(true);
        twoKe = p.twiceKinetic();
    }

    MtkBarostat barostat() {
        return barostat;
    }

    /** Uses a thermostat from now on (null: NVE). */
    void setThermostat(NoseHooverChain chain) {
        thermostat = chain;
        twoKe = p.twiceKinetic();
    }

    /** Moves the thermostat target (ramps); no effect without a thermostat. */
    void setTargetTemperature(double temperature) {
        if (thermostat != null) {
            thermostat.setTarget(temperature);
        }
    }

    NoseHooverChain thermostat() {
        return thermostat;
    }

    /** Names the phase and resets the step counter (used in thermo rows and blow-up messages). */
    void startPhase(String name) {
        phase = name;
        step = 0;
    }

    String phase() {
        return phase;
    }

    long step() {
        return step;
    }

    /** Call after changing velocities from outside the integrator. */
    void velocitiesChanged() {
        twoKe = p.twiceKinetic();
    }

    /** Makes sure energies and virial describe the current configuration (recomputes forces if the last call did not tally). */
    void ensureTallied() {
        if (!forces.tallied()) {
            computeForces(true);
        }
    }

    // ---- observables (extensive unless said)

    double kineticEnergy() {
        return 0.5 * p.twiceKinetic();
    }

    /** Kinetic temperature 2 KE / (dims N - dims). */
    double temperature() {
        return p.twiceKinetic() / dof;
    }

    double potentialEnergy() {
        return forces.potentialEnergy();
    }

    double virial() {
        return forces.virial();
    }

    /** LAMMPS compute pressure: (dof k T + W) / (d V) = (2 KE + W) / (d V), V the area in 2D. */
    double pressure() {
        return (p.twiceKinetic() + forces.virial()) / (dims * box.volume());
    }

    /** Total energy plus the thermostat's and barostat's energies (LAMMPS econserve = etotal + ecouple). */
    double conserved() {
        double e = potentialEnergy() + kineticEnergy();
        if (barostat != null) {
            e += barostat.energy(box.volume());
        }
        return thermostat == null ? e : e + thermostat.energy();
    }

    /** The thermo row of the current configuration (energies must have been tallied). */
    ThermoTable.Row thermoRow(String runId) {
        double n = p.n;
        double twoK = p.twiceKinetic();
        double ke = 0.5 * twoK;
        double pe = forces.potentialEnergy();
        double press = (twoK + forces.virial()) / (dims * box.volume());
        double conserved = pe + ke + (thermostat == null ? 0.0 : thermostat.energy())
                + (barostat == null ? 0.0 : barostat.energy(box.volume()));
        return new ThermoTable.Row(runId, phase, step, step * dt, twoK / dof, pe / n, ke / n, (pe + ke) / n, press,
                conserved / n, n / box.volume());
    }

    // ---- checkpoints

    /**
     * Brings the engine into the state a checkpoint saves and {@link #restore} reproduces: a fresh neighbour-list
     * build (wrap, re-sort when due, list), after which the list is a function of the positions and their order. The
     * forces of the old list are kept (the next half kick uses them). Under a barostat the forces are recomputed,
     * tallied, with the new list: the next NPT step reads the last tally's virial, which ForceCompute cannot take
     * back from a file, so both the checkpointing run and the resumed one recompute it here, from the same state.
     */
    void prepareCheckpoint() {
        rebuild();
        if (barostat != null) {
            computeForces(true);
        }
    }

    /**
     * The state to continue from, as live views of the engine's arrays (see {@link SimulationState}). Call right after
     * {@link #prepareCheckpoint()}.
     */
    SimulationState captureState() {
        double[] baro = null;
        if (barostat != null) { // V_0 first: it is fixed at the barostat's creation, not by the configuration
            double[] b = barostat.state();
            baro = new double[b.length + 1];
            baro[0] = barostat.referenceVolume();
            System.arraycopy(b, 0, baro, 1, b.length);
        }
        return new SimulationState(box.lx(), box.ly(), box.lz(), baro, p.x, p.y, p.z, p.vx, p.vy, p.vz, p.fx, p.fy,
                p.fz, p.imageX, p.imageY, p.imageZ, p.species, p.id, p.mass, p.invMass,
                retiredListBuilds + list.builds(), thermostat == null ? Double.NaN : thermostat.target(),
                thermostat == null ? null : thermostat.state(), twoKe, phase, step, lastPotentialPerParticle,
                checkEnergyJumps);
    }

    /**
     * An engine continuing from {@code s} exactly as the captured one would have: same particle order, same neighbour
     * list, same forces, same thermostat and barostat, same count of list builds (which times the next re-sort). The
     * list is rebuilt from the stored (wrapped, sorted) positions without a re-sort, as {@link #prepareCheckpoint} left
     * it.
     */
    static Simulation restore(RunConfig config, SimulationState s) {
        PairModel model = config.model();
        // the constructor's own ordering and list are replaced below; any positions inside the box would do
        Simulation sim = new Simulation(model, new Box(s.lx(), s.ly(), s.lz()), s.species(), s.x(), s.y(), s.z(),
                config.skin(), config.threads(), config.timestep());
        Particles p = sim.p;
        int n = p.n;
        System.arraycopy(s.x(), 0, p.x, 0, n);
        System.arraycopy(s.y(), 0, p.y, 0, n);
        System.arraycopy(s.z(), 0, p.z, 0, n);
        System.arraycopy(s.vx(), 0, p.vx, 0, n);
        System.arraycopy(s.vy(), 0, p.vy, 0, n);
        System.arraycopy(s.vz(), 0, p.vz, 0, n);
        System.arraycopy(s.fx(), 0, p.fx, 0, n);
        System.arraycopy(s.fy(), 0, p.fy, 0, n);
        System.arraycopy(s.fz(), 0, p.fz, 0, n);
        System.arraycopy(s.imageX(), 0, p.imageX, 0, n);
        System.arraycopy(s.imageY(), 0, p.imageY, 0, n);
        System.arraycopy(s.imageZ(), 0, p.imageZ, 0, n);
        System.arraycopy(s.species(), 0, p.species, 0, n);
        System.arraycopy(s.id(), 0, p.id, 0, n);
        System.arraycopy(s.mass(), 0, p.mass, 0, n);
        System.arraycopy(s.invMass(), 0, p.invMass, 0, n);
        sim.phase = s.phase();
        sim.step = s.step();
        sim.lastPotentialPerParticle = s.lastPotentialPerParticle();
        sim.checkEnergyJumps = s.checkEnergyJumps();
        // what rebuild() does after its wrap and re-sort, both already reflected in the stored arrays
        sim.cells.build(p.x, p.y, p.z, n);
        sim.list.build(p.x, p.y, p.z, p.species, sim.cells);
        sim.retiredListBuilds = s.listBuilds() - sim.list.builds();
        sim.forces.partition(sim.list);
        if (s.hasThermostat()) {
            NoseHooverChain chain = new NoseHooverChain(s.thermostatTarget(), config.thermostatTau(), sim.dof,
                    config.timestep());
            chain.restore(s.chain());
            sim.thermostat = chain;
        }
        sim.twoKe = s.twoKe();
        double[] baro = s.barostat();
        if (baro != null) {
            MtkBarostat b = new MtkBarostat(config.pressure(), config.barostatTau(), n, sim.dims, config.timestep(),
                    baro[1], baro[0]);
            b.restore(java.util.Arrays.copyOfRange(baro, 1, baro.length));
            sim.barostat = b;
            sim.strainCheck = new AffineListCheck(n, model.maxCutoff(), config.skin());
            sim.strainCheck.record(p, sim.box);
            sim.computeForces(true); // as prepareCheckpoint did: same positions, list and order give the same bits
        }
        return sim;
    }

    @Override
    public void close() {
        forces.close();
    }
}
