package glassworks.md;

import glassworks.schema.tables.ThermoTable;

/**
 * The MD engine of one run: particles, neighbour search, forces and the velocity-Verlet integrator with an optional
 * Nose-Hoover chain. {@link MdRun} drives it through the protocol; tests drive it step by step.
 */
final class Simulation implements AutoCloseable {
    /** Neighbour-list builds between spatial re-sorts of the particle arrays (cache locality). */
    static final int SORT_EVERY_BUILDS = 20;

    final PairModel model;
    final Box box;
    final Particles p;
    final CellList cells;
    final VerletList list;
    final ForceCompute forces;
    /** spatial dimension of model and box */
    final int dims;
    /** kinetic degrees of freedom, dims * N - dims (centre of mass removed), LAMMPS's default */
    final double dof;
    final double dt;
    private NoseHooverChain thermostat;
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
        cells = new CellList(box, model.maxCutoff() + skin);
        list = new VerletList(model, skin, n, cells);
        forces = new ForceCompute(model, n, threads);
        rebuild();
    }

    /** Wraps positions, re-sorts them spatially every {@link #SORT_EVERY_BUILDS} builds, rebuilds the list. */
    void rebuild() {
        p.wrap(box);
        if (list.builds() % SORT_EVERY_BUILDS == 0) {
            cells.build(p.x, p.y, p.z, p.n);
            p.permute(cells.cellOrder());
        }
        cells.build(p.x, p.y, p.z, p.n);
        list.build(p.x, p.y, p.z, p.species, cells);
        forces.partition(list);
    }

    /** Forces at the current positions (rebuilding the list when due); {@code tally} also gets energies and virial. */
    void computeForces(boolean tally) {
        if (list.needsRebuild(p.x, p.y, p.z)) {
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

    /** Total energy plus the thermostat's energy (just the total energy without one). */
    double conserved() {
        double e = potentialEnergy() + kineticEnergy();
        return thermostat == null ? e : e + thermostat.energy();
    }

    /** The thermo row of the current configuration (energies must have been tallied). */
    ThermoTable.Row thermoRow(String runId) {
        double n = p.n;
        double twoK = p.twiceKinetic();
        double ke = 0.5 * twoK;
        double pe = forces.potentialEnergy();
        double press = (twoK + forces.virial()) / (dims * box.volume());
        double conserved = pe + ke + (thermostat == null ? 0.0 : thermostat.energy());
        return new ThermoTable.Row(runId, phase, step, step * dt, twoK / dof, pe / n, ke / n, (pe + ke) / n, press,
                conserved / n);
    }

    @Override
    public void close() {
        forces.close();
    }
}
