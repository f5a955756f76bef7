package glassworks.spark;

import glassworks.md.Models;

import java.util.List;

/**
 * Options of {@code glassworks rdf}.
 *
 * @param model        model whose frames are read
 * @param temperatures temperatures to compute (empty: every temperature stored for the model)
 * @param rMax         largest distance [sigma]; at most half the box edge
 * @param bins         number of bins on [0, rMax)
 * @param overwrite    replace rdf partitions that exist already
 */
public record RdfOptions(String model, List<Double> temperatures, double rMax, int bins, boolean overwrite) {
    public RdfOptions {
        temperatures = temperatures == null ? List.of() : List.copyOf(temperatures);
    }

    public void validate() {
        // a preset or a model declared in a campaign: either way its frames must be stored (checked by RdfJob)
        if (model == null || !model.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("--model '" + model + "' is not a model name; e.g. --model ka3d (presets: "
                    + String.join(", ", Models.names()) + ")");
        }
        if (!(rMax > 0) || !Double.isFinite(rMax)) {
            throw new IllegalArgumentException("--r-max must be a positive distance, got " + rMax + "; e.g. --r-max 3.0");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("--bins must be at least 1, got " + bins + "; e.g. --bins 150");
        }
    }
}
