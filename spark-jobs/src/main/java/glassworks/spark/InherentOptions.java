package glassworks.spark;

import glassworks.md.InherentStructures;
import glassworks.md.Models;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * Options of {@code glassworks inherent}.
 *
 * @param model          model whose frames are minimised
 * @param temperatures   temperatures to process (empty: every temperature stored for the model)
 * @param runs           run ids to process (empty: every run at the selected temperatures)
 * @param every          minimise every k-th frame of a run (frames 0, k, 2k, ...)
 * @param forceTolerance largest force component at convergence [epsilon/sigma]
 * @param maxIterations  FIRE iterations allowed per frame
 * @param overwrite      replace the inherent structures of runs that have them already
 */
public record InherentOptions(String model, List<Double> temperatures, List<String> runs, int every,
                              double forceTolerance, int maxIterations, boolean overwrite) {
    public InherentOptions {
        temperatures = temperatures == null ? List.of() : List.copyOf(temperatures);
        runs = runs == null ? List.of() : List.copyOf(runs);
    }

    /** The defaults for every option but the model. */
    public static InherentOptions defaults(String model) {
        return new InherentOptions(model, List.of(), List.of(), 1, InherentStructures.DEFAULT_FORCE_TOLERANCE,
                InherentStructures.DEFAULT_MAX_ITERATIONS, false);
    }

    /** Refuses bad options with one message naming the option and the fix; nothing is touched. */
    public void validate() {
        // a preset or a model declared in a campaign: either way its frames must be stored (checked by InherentJob)
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
        kernel(1).validate(); // --force-tolerance and --max-iterations, with the kernel's own messages
    }

    /** The kernel's options with {@code threads} force threads. */
    public InherentStructures.Options kernel(int threads) {
        return new InherentStructures.Options(forceTolerance, maxIterations, threads);
    }
}
