package glassworks.md;

/**
 * Everything one molecular-dynamics run needs, in reduced Lennard-Jones units of the model's A species.
 *
 * @param runId                 run id written into the thermo rows
 * @param model                 model preset name (see {@link Models#names()})
 * @param particles             number of particles N
 * @param density               number density N/V [sigma^-3]
 * @param temperature           target temperature [epsilon/k_B]
 * @param timestep              integration time step dt [tau]
 * @param equilibrationSteps    NVT steps before production (not saved as frames)
 * @param productionSteps       production steps
 * @param frameInterval         steps between saved production frames; frame 0 is the first production configuration
 * @param thermoInterval        steps between thermo rows (both phases)
 * @param seed                  the one seed of the run: same seed, same trajectory bit for bit
 * @param ensemble              production ensemble
 * @param thermostatTau         Nose-Hoover relaxation time [tau] (LAMMPS Tdamp)
 * @param skin                  Verlet-list skin [sigma]
 * @param threads               force-loop threads inside this one run (1 inside a Spark task)
 * @param saveVelocities        write velocities into frames
 * @param savePerParticleEnergy write per-particle potential energy into frames
 */
public record RunConfig(String runId, String model, int particles, double density, double temperature, double timestep,
                        long equilibrationSteps, long productionSteps, int frameInterval, int thermoInterval, long seed,
                        Ensemble ensemble, double thermostatTau, double skin, int threads, boolean saveVelocities,
                        boolean savePerParticleEnergy) {

    /** Number of production frames this configuration saves: steps 0, frameInterval, ... up to productionSteps. */
    public int frameCount() {
        return (int) (productionSteps / frameInterval) + 1;
    }
}
