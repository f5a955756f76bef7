package glassworks.spark;

import glassworks.md.Ensemble;
import glassworks.md.Models;
import glassworks.md.RunConfig;
import glassworks.md.io.ParquetTables;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Options of {@code glassworks simulate}: a grid of temperatures times replicas of one model, each (T, replica) one run.
 *
 * @param model              model preset
 * @param particles          particles per run N
 * @param density            number density [sigma^-3]
 * @param temperatures       target temperatures [epsilon/k_B]
 * @param replicas           independent runs per temperature
 * @param timestep           dt [tau]
 * @param equilibrationSteps NVT steps before production
 * @param productionSteps    production steps
 * @param frameInterval      steps between saved frames
 * @param thermoInterval     steps between thermo rows
 * @param seed               campaign seed; each run's seed derives from it, its temperature and replica
 * @param ensemble           production ensemble
 * @param thermostatTau      Nose-Hoover relaxation time [tau]
 * @param skin               neighbour-list skin [sigma]
 * @param saveVelocities     store velocities in frames
 * @param saveEnergies       store per-particle potential energy in frames
 * @param overwrite          replace runs that already exist
 */
public record SimulateOptions(String model, int particles, double density, List<Double> temperatures, int replicas,
                              double timestep, long equilibrationSteps, long productionSteps, int frameInterval,
                              int thermoInterval, long seed, Ensemble ensemble, double thermostatTau, double skin,
                              boolean saveVelocities, boolean saveEnergies, boolean overwrite) {

    public SimulateOptions {
        temperatures = temperatures == null ? List.of() : List.copyOf(temperatures);
    }

    /** Refuses bad options with one message naming the option and the fix; nothing is touched. */
    public void validate() {
        Models.byName(model); // an unknown model is refused with the list of valid ones
        if (temperatures.isEmpty()) {
            throw new IllegalArgumentException("no temperatures given; pass --temperatures, e.g. --temperatures 2.0,1.0,0.8");
        }
        if (new LinkedHashSet<>(temperatures).size() != temperatures.size()) {
            throw new IllegalArgumentException("temperature list " + temperatures + " repeats a value; use --replicas for more runs per temperature");
        }
        if (replicas < 1) {
            throw new IllegalArgumentException("--replicas must be at least 1, got " + replicas);
        }
        for (int i = 0; i < temperatures.size(); i++) {
            config(i, 0, 1).validate(); // N, density, T, dt, intervals, skin, tau: one message per bad option
        }
    }

    /** Run id of (temperature, replica): stable, so re-running the same campaign finds its runs. */
    public String runId(double temperature, int replica) {
        return model + "-T" + ParquetTables.partitionValue(temperature) + "-r" + replica + "-s" + seed;
    }

    /**
     * Seed of one run: the campaign seed mixed with the temperature and replica (SplitMix64 finaliser), so runs are
     * independent yet every run is reproducible from the campaign seed alone.
     */
    public long runSeed(double temperature, int replica) {
        long z = seed ^ (Double.doubleToLongBits(temperature) * 0x9E3779B97F4A7C15L) ^ ((replica + 1L) * 0xC2B2AE3D27D4EB4FL);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The kernel configuration of temperature index {@code ti}, replica {@code replica}. */
    public RunConfig config(int ti, int replica, int threads) {
        double t = temperatures.get(ti);
        return new RunConfig(runId(t, replica), model, particles, density, t, timestep, equilibrationSteps, productionSteps,
                frameInterval, thermoInterval, runSeed(t, replica), ensemble, thermostatTau, skin, threads, saveVelocities,
                saveEnergies);
    }

    /** Every (temperature, replica) of the grid as kernel configurations. */
    public List<RunConfig> configs(int threads) {
        List<RunConfig> out = new ArrayList<>();
        for (int i = 0; i < temperatures.size(); i++) {
            for (int r = 0; r < replicas; r++) {
                out.add(config(i, r, threads));
            }
        }
        return out;
    }
}
