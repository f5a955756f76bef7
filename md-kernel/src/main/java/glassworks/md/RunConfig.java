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
                        boolean savePerParticleEnergy) implements java.io.Serializable {

    /** Number of production frames this configuration saves: steps 0, frameInterval, ... up to productionSteps. */
    public int frameCount() {
        return (int) (productionSteps / frameInterval) + 1;
    }

    /** Most particles one run can hold: neighbour-list entries pack a particle index into 26 bits. */
    public static final int MAX_PARTICLES = 1 << 26;

    /**
     * Checks every option before anything expensive starts (the CLI calls it before Spark). Throws an
     * {@link IllegalArgumentException} whose message names the first bad option, its value and the fix.
     *
     * @return this, for chaining
     */
    public RunConfig validate() {
        if (model == null) {
            throw bad("model is missing; valid models: " + String.join(", ", Models.names()));
        }
        PairModel pairModel = Models.byName(model); // unknown model -> message with the valid names
        if (particles <= 0) {
            throw bad("particles must be > 0, got " + particles + "; pass a positive particle count N");
        }
        if (particles > MAX_PARTICLES) {
            throw bad("particles must be <= " + MAX_PARTICLES + ", got " + particles + "; split the system");
        }
        requirePositive("density", density, "number density N/V in sigma^-3, e.g. 1.2");
        requirePositive("temperature", temperature, "temperature in epsilon/k_B, e.g. 0.45");
        requirePositive("timestep", timestep, "time step in tau, e.g. 0.005");
        requirePositive("thermostatTau", thermostatTau, "Nose-Hoover relaxation time in tau, e.g. 100 * timestep");
        if (equilibrationSteps < 0) {
            throw bad("equilibrationSteps must be >= 0, got " + equilibrationSteps);
        }
        if (productionSteps < 0) {
            throw bad("productionSteps must be >= 0, got " + productionSteps);
        }
        if (frameInterval <= 0) {
            throw bad("frameInterval must be > 0, got " + frameInterval + "; use a positive number of steps between frames");
        }
        if (thermoInterval <= 0) {
            throw bad("thermoInterval must be > 0, got " + thermoInterval + "; use a positive number of steps between thermo rows");
        }
        if (!(skin >= 0) || Double.isInfinite(skin)) {
            throw bad("skin must be >= 0, got " + skin + "; a Verlet skin of 0.3 sigma is usual");
        }
        if (threads < 1) {
            throw bad("threads must be >= 1, got " + threads + "; use 1 inside a Spark task");
        }
        if (ensemble == null) {
            throw bad("ensemble is missing; use NVE or NVT");
        }
        if (pairModel.dims() != 3) {
            throw bad("model '" + model + "' is " + pairModel.dims() + "D; this kernel runs 3D models only so far");
        }
        double edge = Box.cubicForDensity(particles, density).minEdge();
        double reach = pairModel.maxCutoff() + skin;
        if (edge <= 2 * reach) {
            // the smallest N whose box edge exceeds 2 (rc + skin) at this density
            long nMin = (long) Math.floor(density * Math.pow(2 * reach, 3)) + 1;
            throw bad(String.format(java.util.Locale.ROOT,
                    "box edge %.4f sigma (N=%d, density=%s) must exceed 2*(cutoff %.3f + skin %.3f) = %.4f for the "
                            + "minimum-image convention; use particles >= %d or a smaller skin",
                    edge, particles, density, pairModel.maxCutoff(), skin, 2 * reach, nMin));
        }
        return this;
    }

    private static void requirePositive(String option, double value, String what) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw bad(option + " must be finite and > 0, got " + value + "; pass the " + what);
        }
    }

    private static IllegalArgumentException bad(String message) {
        return new IllegalArgumentException("invalid run configuration: " + message);
    }
}
