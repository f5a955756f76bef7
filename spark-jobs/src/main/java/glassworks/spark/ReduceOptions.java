package glassworks.spark;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * Options of {@code glassworks reduce} (seed 002: dimensionality reduction of local structure).
 *
 * @param model        model whose descriptors are analysed
 * @param temperatures temperatures (empty: every temperature with the descriptor set)
 * @param runs         run ids (empty: every described run that is not an isoconfigurational replica)
 * @param descriptor   descriptor set analysed (descriptors.descriptor), seed 002: sbo (also bo, rbo, soap)
 * @param analysis     analysis name of the output partitions (null: reduce-&lt;descriptor&gt;)
 * @param species      species groups: species names, or all for every particle together (empty: each species alone)
 * @param standardise  PCA of z-scored features (the correlation matrix; seed 002 z-scores SOAP) instead of centred ones
 * @param components   principal components analysed (correlations, maps, dip tests, single-PC regressions)
 * @param bins         bins per axis of the PC maps
 * @param measures     descriptor set of local measures to correlate with (default zu: z and u); none to skip
 * @param label        isoconfigurational label regressed (labels.label, default propensity_msd); none to skip
 * @param regressPcs   P, the leading components of the principal-component regression
 * @param dipRows      rows of the seeded subsample each dip test uses at most
 * @param seed         seed of that subsample
 * @param overwrite    replace an analysis that exists
 */
public record ReduceOptions(String model, List<Double> temperatures, List<String> runs, String descriptor,
                            String analysis, List<String> species, boolean standardise, int components, int bins,
                            String measures, String label, int regressPcs, int dipRows, long seed, boolean overwrite)
        implements java.io.Serializable {
    /** Value of --measures / --label that skips that part. */
    public static final String NONE = "none";
    /** Species group of every particle together. */
    public static final String ALL = "all";
    /** Components whose explained variance is stored at most (seed 002's Fig. 8 shows 60 of SOAP's). */
    public static final int EVR_COMPONENTS = 60;

    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.-]*";

    public ReduceOptions {
        temperatures = temperatures == null ? List.of() : List.copyOf(temperatures);
        runs = runs == null ? List.of() : List.copyOf(runs);
        species = species == null ? List.of() : List.copyOf(species);
    }

    /** The analysis name: the one given, else reduce-&lt;descriptor&gt;. */
    public String analysisName() {
        return analysis == null || analysis.isBlank() ? "reduce-" + descriptor : analysis;
    }

    /** Whether correlations with local measures are asked for. */
    public boolean wantsMeasures() {
        return !NONE.equals(measures);
    }

    /** Whether the regression of a label is asked for. */
    public boolean wantsLabel() {
        return !NONE.equals(label);
    }

    /** Refuses bad options with one message naming the option and the fix. */
    public void validate() {
        if (model == null || !model.matches(NAME)) {
            throw new IllegalArgumentException("--model '" + model + "' is not a model name; e.g. --model ka3d");
        }
        if (descriptor == null || !descriptor.matches(NAME)) {
            throw new IllegalArgumentException("--descriptor '" + descriptor + "' is not a descriptor set name; e.g. "
                    + "--descriptor sbo (see `glassworks sql \"SELECT DISTINCT descriptor FROM descriptor_sets\"`)");
        }
        if (!analysisName().matches(NAME) || analysisName().equals(MesoOptions.ANALYSIS)) {
            throw new IllegalArgumentException("--analysis '" + analysisName() + "' is not a usable name (letters, "
                    + "digits, _ . -; not '" + MesoOptions.ANALYSIS + "', which glassworks meso writes)");
        }
        if (measures == null || !measures.matches(NAME)) {
            throw new IllegalArgumentException("--measures '" + measures + "' is not a descriptor set name; e.g. "
                    + "--measures zu, or --measures none");
        }
        if (measures.equals(descriptor)) {
            throw new IllegalArgumentException("--measures names the analysed set itself (" + descriptor + "); give "
                    + "the set of local measures, e.g. zu, or none");
        }
        if (label == null || !label.matches(NAME)) {
            throw new IllegalArgumentException("--label '" + label + "' is not a label name; e.g. --label "
                    + "propensity_msd, or --label none");
        }
        if (new LinkedHashSet<>(temperatures).size() != temperatures.size()) {
            throw new IllegalArgumentException("temperature list " + temperatures + " repeats a value; name each once");
        }
        if (new LinkedHashSet<>(species).size() != species.size()) {
            throw new IllegalArgumentException("--species " + species + " repeats a group; name each once");
        }
        if (components < 1 || components > EVR_COMPONENTS) {
            throw new IllegalArgumentException("--components must be in 1.." + EVR_COMPONENTS + ", got " + components);
        }
        if (regressPcs < 1 || regressPcs > components) {
            throw new IllegalArgumentException("--regress-pcs must be in 1..--components (" + components + "), got "
                    + regressPcs);
        }
        if (bins < 2 || bins > 1000) {
            throw new IllegalArgumentException("--bins must be in 2..1000 per axis, got " + bins);
        }
        if (dipRows < 4) {
            throw new IllegalArgumentException("--dip-rows must be at least 4 (the dip test needs n > 3), got " + dipRows);
        }
    }
}
