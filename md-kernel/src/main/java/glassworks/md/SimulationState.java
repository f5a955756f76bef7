package glassworks.md;

/**
 * Everything a {@link Simulation} needs to continue bit for bit where it stopped: the particle arrays in the engine's
 * internal (spatially sorted) order, the neighbour-list build counter that times the next spatial re-sort, the
 * thermostat chain, the kinetic-energy bookkeeping of the Trotter splitting, phase and step, and the energy-jump
 * check's last tally. Captured at a checkpoint right after a forced neighbour-list rebuild, so the list itself need not
 * be stored: rebuilding it from the same positions in the same order gives the same list.
 *
 * <p>Arrays are the engine's live arrays when captured ({@link Simulation#captureState}), valid until its next step:
 * a checkpoint writes them out at once instead of copying them (a copy would double the memory of a large run).
 *
 * <p>NPT: {@code lx, ly, lz} are the box edges at capture and {@code barostat} the barostat's own state (null without
 * one), so a mutable box and a barostat fit without a format change.
 *
 * @param lx                       box edge x [sigma]
 * @param ly                       box edge y [sigma]
 * @param lz                       box edge z [sigma] (0 in 2D)
 * @param barostat                 the barostat's reference volume V_0 followed by {@link MtkBarostat#state()}, or
 *                                 null when the run has none
 * @param x                        wrapped positions (internal order), likewise y, z
 * @param vx                       velocities, likewise vy, vz
 * @param fx                       forces of the last force computation (with the list before the rebuild: they are
 *                                 what the next half kick uses, so they are kept, not recomputed; NPT recomputes
 *                                 them, see {@link Simulation#prepareCheckpoint}), likewise fy, fz
 * @param imageX                   image counters, likewise imageY, imageZ
 * @param species                  species per internal index
 * @param id                       particle id per internal index
 * @param mass                     mass per internal index
 * @param invMass                  1 / mass per internal index (stored, not recomputed, so it is the same double)
 * @param listBuilds               neighbour-list builds so far over every list the engine had (its
 *                                 {@code listBuilds()}), including the checkpoint's own rebuild
 * @param thermostatTarget         target temperature of the Nose-Hoover chain, NaN without a thermostat
 * @param chain                    {@link NoseHooverChain#state()}, or null without a thermostat
 * @param twoKe                    twice the kinetic energy as tracked through the thermostat half steps
 * @param phase                    phase name of the current stage
 * @param step                     step counter of the phase
 * @param lastPotentialPerParticle potential energy per particle of the last tally (energy-jump check), NaN if none
 * @param checkEnergyJumps         whether the energy-jump check is on
 */
record SimulationState(double lx, double ly, double lz, double[] barostat,
                       double[] x, double[] y, double[] z, double[] vx, double[] vy, double[] vz,
                       double[] fx, double[] fy, double[] fz, int[] imageX, int[] imageY, int[] imageZ,
                       int[] species, int[] id, double[] mass, double[] invMass, int listBuilds,
                       double thermostatTarget, double[] chain, double twoKe, String phase, long step,
                       double lastPotentialPerParticle, boolean checkEnergyJumps) {

    /** Number of particles. */
    int n() {
        return id.length;
    }

    /** Whether a Nose-Hoover chain was running. */
    boolean hasThermostat() {
        return chain != null;
    }
}
