package glassworks.spark;

import glassworks.md.Models;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * Options of {@code glassworks dynamics}.
 *
 * @param model        model whose runs are analysed
 * @param temperatures temperatures (empty: every stored one)
 * @param runs         run ids (empty: every run at those temperatures)
 * @param k            wave number of F_s [1/sigma]; null: k* = first peak of S_AA(k) at each temperature
 * @param overlapA     cutoff a of the self-overlap Q(t) [sigma]
 * @param originStride every k-th time origin (linear frames) or block start (log frames)
 * @param bondBreaking also C_B(t) with seed 003's cutoffs 1.4 / 1.8 sigma_ab
 * @param overwrite    replace observables and time scales that exist
 * @param labels       per-particle labels written to the labels table: p_hop, csd (empty: none)
 * @param halfWindow   p_hop half window [frames] (seed 004: 5 frames of 1 tau)
 * @param csdWindow    CSD window [frames] (seed 004: 10)
 */
public record DynamicsOptions(String model, List<Double> temperatures, List<String> runs, Double k, double overlapA,
                              int originStride, boolean bondBreaking, boolean overwrite, List<String> labels,
                              int halfWindow, int csdWindow) implements java.io.Serializable {
    /** Per-particle labels the job writes. */
    public static final List<String> LABELS = List.of("p_hop", "csd");

    public DynamicsOptions {
        temperatures = temperatures == null ? List.of() : List.copyOf(temperatures);
        runs = runs == null ? List.of() : List.copyOf(runs);
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /** Without labels. */
    public DynamicsOptions(String model, List<Double> temperatures, List<String> runs, Double k, double overlapA,
                           int originStride, boolean bondBreaking, boolean overwrite) {
        this(model, temperatures, runs, k, overlapA, originStride, bondBreaking, overwrite, List.of(), 5, 10);
    }

    /** Refuses bad options with one message naming the option and the fix. */
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
        if (k != null && !(k > 0 && Double.isFinite(k))) {
            throw new IllegalArgumentException("--k must be a positive wave number in 1/sigma, e.g. 7.25, got " + k);
        }
        if (!(overlapA > 0 && Double.isFinite(overlapA))) {
            throw new IllegalArgumentException("--overlap-a must be a positive distance in sigma, e.g. 0.3, got " + overlapA);
        }
        for (String l : labels) {
            if (!LABELS.contains(l)) {
                throw new IllegalArgumentException("unknown label '" + l + "'; labels: " + String.join(", ", LABELS));
            }
        }
        if (halfWindow < 1 || csdWindow < 1) {
            throw new IllegalArgumentException("--half-window and --csd-window must be at least 1 frame, got "
                    + halfWindow + " and " + csdWindow);
        }
        if (originStride < 1) {
            throw new IllegalArgumentException("--origin-stride must be at least 1, got " + originStride);
        }
    }
}
