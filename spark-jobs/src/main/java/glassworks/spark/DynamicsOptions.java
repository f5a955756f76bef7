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
 * @param dispLag      lag of the disp label [frames]
 * @param isoTimes     times from the shared start [tau] at which isoconfigurational propensities of the selected iso
 *                     replicas are taken (empty: none)
 * @param prEvent      what counts as an event for p_r: phop (p_hop above the threshold at t, seed 004), phop-any
 *                     (at any frame centre up to t) or displacement (|r(t) - r(0)| above the threshold)
 * @param prThreshold  p_r event threshold (p_hop in sigma^2, displacement in sigma); null: p_hop's 0.2
 */
public record DynamicsOptions(String model, List<Double> temperatures, List<String> runs, Double k, double overlapA,
                              int originStride, boolean bondBreaking, boolean overwrite, List<String> labels,
                              int halfWindow, int csdWindow, int dispLag, List<Double> isoTimes, String prEvent,
                              Double prThreshold) implements java.io.Serializable {
    /** Per-particle labels the job writes from each run. */
    public static final List<String> LABELS = List.of("p_hop", "csd", "disp");
    /** p_r event definitions. */
    public static final List<String> PR_EVENTS = List.of("phop", "phop-any", "displacement");

    public DynamicsOptions {
        temperatures = temperatures == null ? List.of() : List.copyOf(temperatures);
        runs = runs == null ? List.of() : List.copyOf(runs);
        labels = labels == null ? List.of() : List.copyOf(labels);
        isoTimes = isoTimes == null ? List.of() : List.copyOf(isoTimes);
        prEvent = prEvent == null ? "phop" : prEvent;
    }

    /** Without propensities. */
    public DynamicsOptions(String model, List<Double> temperatures, List<String> runs, Double k, double overlapA,
                           int originStride, boolean bondBreaking, boolean overwrite, List<String> labels,
                           int halfWindow, int csdWindow) {
        this(model, temperatures, runs, k, overlapA, originStride, bondBreaking, overwrite, labels, halfWindow, csdWindow,
                csdWindow, List.of(), "phop", null);
    }

    /** Without labels. */
    public DynamicsOptions(String model, List<Double> temperatures, List<String> runs, Double k, double overlapA,
                           int originStride, boolean bondBreaking, boolean overwrite) {
        this(model, temperatures, runs, k, overlapA, originStride, bondBreaking, overwrite, List.of(), 5, 10, 10, List.of(),
                "phop", null);
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
        if (halfWindow < 1 || csdWindow < 1 || dispLag < 1) {
            throw new IllegalArgumentException("--half-window, --csd-window and --disp-lag must be at least 1 frame, got "
                    + halfWindow + ", " + csdWindow + " and " + dispLag);
        }
        for (double t : isoTimes) {
            if (!(t > 0 && Double.isFinite(t))) {
                throw new IllegalArgumentException("--iso-times must be positive times in tau (stored frame times of the "
                        + "replicas, counted from their start), got " + t);
            }
        }
        if (new LinkedHashSet<>(isoTimes).size() != isoTimes.size()) {
            throw new IllegalArgumentException("--iso-times " + isoTimes + " repeats a time; name each once");
        }
        if (!PR_EVENTS.contains(prEvent)) {
            throw new IllegalArgumentException("--pr-event '" + prEvent + "' is not an event; choose from "
                    + String.join(", ", PR_EVENTS));
        }
        if (prThreshold != null && !(prThreshold > 0 && Double.isFinite(prThreshold))) {
            throw new IllegalArgumentException("--pr-threshold must be positive, got " + prThreshold);
        }
        if (prEvent.equals("displacement") && prThreshold == null && !isoTimes.isEmpty()) {
            throw new IllegalArgumentException("--pr-event displacement needs --pr-threshold (a distance in sigma, e.g. "
                    + "0.5); p_hop events default to seed 004's 0.2 sigma^2");
        }
        if (originStride < 1) {
            throw new IllegalArgumentException("--origin-stride must be at least 1, got " + originStride);
        }
    }

    /** The p_r threshold in force: the given one, or seed 004's p_hop threshold 0.2 sigma^2. */
    public double effectivePrThreshold() {
        return prThreshold != null ? prThreshold : glassworks.md.dynamics.ParticleLabels.P_HOP_THRESHOLD;
    }
}
