package glassworks.spark;

import glassworks.md.Models;
import glassworks.md.structure.DescriptorCatalog;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Options of {@code glassworks descriptors}.
 *
 * @param model           model whose frames are described
 * @param temperatures    temperatures to process (empty: every temperature stored for the model)
 * @param runs            run ids to process (empty: every run at the selected temperatures)
 * @param every           describe every k-th frame of a run (frames 0, k, 2k, ...)
 * @param sets            the descriptor sets: name, family, parameter overrides
 * @param source          {@code thermal} (the stored frames) or {@code inherent} (their inherent structures)
 * @param referenceT      temperature whose structure (g(r)) sets the parameters found from it, for every temperature;
 *                        null: each temperature its own
 * @param referenceFrames frames sampled (evenly over the runs) for that structure
 * @param framesPerTask   frames per Spark task (0: chosen so there are about four tasks per core)
 * @param overwrite       replace descriptor sets that exist already
 */
public record DescriptorsOptions(String model, List<Double> temperatures, List<String> runs, int every,
                                 List<DescriptorCatalog.Request> sets, String source, Double referenceT,
                                 int referenceFrames, int framesPerTask, boolean overwrite) implements java.io.Serializable {
    /** Configurations: the stored frames, or their inherent structures (after {@code glassworks inherent}). */
    public static final List<String> SOURCES = List.of("thermal", "inherent");

    public DescriptorsOptions {
        temperatures = temperatures == null ? List.of() : List.copyOf(temperatures);
        runs = runs == null ? List.of() : List.copyOf(runs);
        sets = sets == null ? List.of() : List.copyOf(sets);
    }

    /** Refuses bad options with one message naming the option and the fix; nothing is touched. */
    public void validate() {
        if (model == null || !model.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("--model '" + model + "' is not a model name; e.g. --model ka3d (presets: "
                    + String.join(", ", Models.names()) + ")");
        }
        if (new LinkedHashSet<>(temperatures).size() != temperatures.size()) {
            throw new IllegalArgumentException("temperature list " + temperatures + " repeats a value; name each once");
        }
        if (new LinkedHashSet<>(runs).size() != runs.size()) {
            throw new IllegalArgumentException("run list " + runs + " repeats a run id; name each once");
        }
        if (every < 1) {
            throw new IllegalArgumentException("--every must be at least 1 (1 = every frame), got " + every);
        }
        if (sets.isEmpty()) {
            throw new IllegalArgumentException("no descriptor set; pass --family, e.g. --family wcn,bo (families: "
                    + String.join(", ", DescriptorCatalog.families()) + ")");
        }
        Set<String> names = new HashSet<>();
        for (DescriptorCatalog.Request r : sets) {
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("descriptor set name '" + r.name() + "' is used twice; give each set "
                        + "its own name (a set's name is its partition in the descriptors table)");
            }
            DescriptorCatalog.check(r);
        }
        if (!SOURCES.contains(source)) {
            throw new IllegalArgumentException("--source '" + source + "' is not one of " + SOURCES);
        }
        if (referenceT != null && !Double.isFinite(referenceT)) {
            throw new IllegalArgumentException("--reference-T must be a temperature, got " + referenceT);
        }
        if (referenceFrames < 1) {
            throw new IllegalArgumentException("--reference-frames must be at least 1, got " + referenceFrames);
        }
        if (framesPerTask < 0) {
            throw new IllegalArgumentException("--frames-per-task must be >= 0 (0: automatic), got " + framesPerTask);
        }
    }
}
