package glassworks.spark;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * Options of {@code glassworks meso} (seed 000's meso-states).
 *
 * @param model             model whose descriptors are classified
 * @param temperatures      temperatures (empty: every temperature with the descriptor set)
 * @param runs              run ids (empty: every described run)
 * @param descriptor        descriptor set name (descriptors.descriptor), seed 000: neighbour-averaged WCN (wcn-avg)
 * @param varianceThreshold PCA keeps the fewest components with cumulative explained variance at least this
 * @param maxComponents     components computed at most
 * @param k                 number of meso-states (K-means clusters)
 * @param kMax              the elbow test tries K = 1 .. kMax
 * @param cutoff            bond cutoff of the nano-domains' neighbour graph [sigma] (about the first minimum of g(r))
 * @param tolerance         co-learning stops when fewer than this fraction of particles change state in an iteration
 * @param maxIterations     co-learning iterations at most
 * @param spatialPrior      the PC-space step weighs each particle's states by its real-space posterior (see README)
 * @param frameStride       classify every k-th described frame
 * @param rMax              largest r of the state g(r) and C(r) [sigma] (clipped to half the box)
 * @param bins              bins of g(r), C(r) and the feature histograms
 * @param seed              seed of K-means and the elbow's subsample
 * @param overwrite         replace meso-states that exist
 */
public record MesoOptions(String model, List<Double> temperatures, List<String> runs, String descriptor,
                          double varianceThreshold, int maxComponents, int k, int kMax, double cutoff, double tolerance,
                          int maxIterations, boolean spatialPrior, int frameStride, double rMax, int bins, long seed,
                          boolean overwrite) implements java.io.Serializable {
    /** The analysis name of the pca and clustering partitions. */
    public static final String ANALYSIS = "meso";

    /**
     * Fewest core particles of a domain (of a run's first analysed frame) for its own diffusion constant
     * (meso_profiles domain_diffusion): the particles' own D scatter by about their mean in a glass (cage rattling and
     * rare hops), so 10 particles give a standard error of roughly a third of D, enough to tell domains apart by
     * factors, and smaller domains are mostly interface.
     */
    public static final int DOMAIN_DIFFUSION_MIN_CORE = 10;

    /**
     * Fewest analysed frames a domain track must live for its population fluctuation (std / mean of its size;
     * meso_profiles domain_population_fluctuation): with 2 frames the sample std is one difference and says nothing
     * about a fluctuation around a mean.
     */
    public static final int FLUCTUATION_MIN_FRAMES = 3;

    public MesoOptions {
        temperatures = temperatures == null ? List.of() : List.copyOf(temperatures);
        runs = runs == null ? List.of() : List.copyOf(runs);
    }

    /** Refuses bad options with one message naming the option and the fix. */
    public void validate() {
        if (model == null || !model.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("--model '" + model + "' is not a model name; e.g. --model ka3d");
        }
        if (descriptor == null || !descriptor.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("--descriptor '" + descriptor + "' is not a descriptor set name; e.g. "
                    + "--descriptor wcn-avg (see `glassworks sql \"SELECT DISTINCT descriptor FROM descriptor_sets\"`)");
        }
        if (new LinkedHashSet<>(temperatures).size() != temperatures.size()) {
            throw new IllegalArgumentException("temperature list " + temperatures + " repeats a value; name each once");
        }
        if (!(varianceThreshold > 0 && varianceThreshold <= 1)) {
            throw new IllegalArgumentException("--variance must be a fraction in (0, 1], e.g. 0.95, got " + varianceThreshold);
        }
        if (maxComponents < 1) {
            throw new IllegalArgumentException("--max-components must be at least 1, got " + maxComponents);
        }
        if (k < 2 || kMax < k) {
            throw new IllegalArgumentException("need --k >= 2 meso-states and --k-max >= --k (the elbow test tries "
                    + "K = 1 .. k-max), got k = " + k + ", k-max = " + kMax);
        }
        if (!(cutoff > 0 && Double.isFinite(cutoff))) {
            throw new IllegalArgumentException("--cutoff must be a positive distance in sigma (about the first minimum of "
                    + "g(r), 1.45 for KA), got " + cutoff);
        }
        if (!(tolerance >= 0 && tolerance < 1) || maxIterations < 1) {
            throw new IllegalArgumentException("--tolerance must be in [0, 1) and --max-iterations >= 1, got "
                    + tolerance + " and " + maxIterations);
        }
        if (frameStride < 1) {
            throw new IllegalArgumentException("--frame-stride must be at least 1, got " + frameStride);
        }
        if (!(rMax > 0 && Double.isFinite(rMax)) || bins < 1) {
            throw new IllegalArgumentException("--r-max must be a positive distance and --bins >= 1, got " + rMax
                    + " and " + bins);
        }
    }
}
