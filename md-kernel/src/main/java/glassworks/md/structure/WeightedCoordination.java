package glassworks.md.structure;

import glassworks.md.FrameView;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Weighted coordination numbers (WCNs) of seed 000 (§II.B, after Rudzinski, Radu &amp; Bereau, J. Chem. Phys. 150,
 * 024102 (2019), its ref. [63]), family {@code wcn}. One Gaussian is placed at the centre c_k of each "solvation shell
 * feature" of g(r) (its maxima and minima), with width s_k, and
 *
 * <pre>
 *   WCN_k(i) = sum_{j != i} w_k(R_ij),   w_k(R) = exp( -(R - c_k)^2 / (2 s_k^2) )
 * </pre>
 *
 * <p>so that, in the paper's words, a particle "sitting at the center of the feature" counts as one and one further away
 * as a fraction ({@link Normalisation#PEAK}, the default). The paper calls these "normalized Gaussian distribution
 * functions"; as the unit-area reading 1 / (s_k sqrt(2 pi)) contradicts "counted as one" it is offered only as
 * {@link Normalisation#AREA} (a constant factor per column, which standardisation removes).
 *
 * <p><b>Species.</b> The paper ignores the A/B identity ("an effective one-component system"): one block of K
 * features counting every neighbour, computed for every particle. That is the default; passing the model's species
 * names gives one block of K features per neighbour species instead (an extension, not in the paper).
 *
 * <p><b>Shells.</b> Centres and widths are an explicit list ({@link Shell}); the paper uses K = {@value #PAPER_SHELL_COUNT}
 * shells covering the main features of g(r). Locating the extrema of g(r) is another class's job;
 * {@link #fromShellFeatures(double[])} turns their positions into shells with the paper's width rule.
 *
 * <p><b>Truncation.</b> A neighbour contributes to shell k only when |R - c_k| &lt; t s_k (t = {@code truncationWidths},
 * default {@value #DEFAULT_TRUNCATION_WIDTHS}); each omitted weight is below exp(-t^2/2) = 6.1e-13 (times the AREA
 * factor). The neighbour cutoff is max_k (c_k + t s_k).
 */
public final class WeightedCoordination implements Concatenation.SharedNeighbours {
    private static final long serialVersionUID = 1L;

    /** Number of shells used in seed 000 (its Fig. 1a). */
    public static final int PAPER_SHELL_COUNT = 12;
    /** Value at which consecutive Gaussians of largely overlapping features intersect in the paper ("roughly 0.25"). */
    public static final double PAPER_INTERSECTION = 0.25;
    /**
     * A stand-in for the paper's "intersection 0" between shells that do not largely overlap: Gaussians never reach 0,
     * and at 0.01 they meet at 2.6 widths from each centre.
     */
    public static final double SEPARATED_INTERSECTION = 0.01;
    /** Weights farther than this many widths from a centre are dropped (each &lt; 6.1e-13). */
    public static final double DEFAULT_TRUNCATION_WIDTHS = 7.5;
    /** Smallest accepted truncation (an omitted weight at 3 widths is up to 1.1 %). */
    public static final double MIN_TRUNCATION_WIDTHS = 3.0;

    /** How a shell's Gaussian is scaled. */
    public enum Normalisation {
        /** Height 1 at the centre: a neighbour on the centre counts as one (the paper's description). Default. */
        PEAK,
        /** Unit area over r: height 1 / (s sqrt(2 pi)) [1/sigma]. */
        AREA
    }

    /**
     * One shell: a Gaussian weight centred on a g(r) feature.
     *
     * @param centre centre c [sigma], &gt; 0 (a maximum or minimum of g(r))
     * @param width  standard deviation s [sigma], &gt; 0
     */
    public record Shell(double centre, double width) implements java.io.Serializable {
        public Shell {
            if (!(centre > 0) || Double.isInfinite(centre)) {
                throw new IllegalArgumentException("wcn shell centre " + centre + " sigma must be finite and > 0: use the "
                        + "position of a maximum or minimum of g(r)");
            }
            if (!(width > 0) || Double.isInfinite(width)) {
                throw new IllegalArgumentException("wcn shell width " + width + " sigma (at centre " + centre + ") must "
                        + "be finite and > 0: derive widths with WeightedCoordination.shellsFromFeatures");
            }
        }
    }

    private final List<Shell> shells;
    private final List<String> species;
    private final Normalisation normalisation;
    private final double truncationWidths;
    private final double cutoff;
    private final List<String> names;

    /** The paper's WCNs for the given shells: species-blind, peak-normalised, default truncation. */
    public WeightedCoordination(List<Shell> shells) {
        this(shells, List.of(), Normalisation.PEAK, DEFAULT_TRUNCATION_WIDTHS);
    }

    /**
     * @param shells           the shells, in feature order (normally by increasing centre); at least one
     * @param species          empty for the paper's species-blind counts; else the model's species names in index order,
     *                         giving one block of shells per neighbour species
     * @param normalisation    PEAK (paper, default) or AREA
     * @param truncationWidths weights beyond this many widths from a centre are dropped, &gt;= 3 (default 7.5)
     */
    public WeightedCoordination(List<Shell> shells, List<String> species, Normalisation normalisation,
                                double truncationWidths) {
        if (shells == null || shells.isEmpty() || shells.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("wcn needs at least one shell (centre, width), got " + shells
                    + ": the paper uses " + PAPER_SHELL_COUNT + ", see WeightedCoordination.fromShellFeatures");
        }
        if (species == null || species.stream().anyMatch(java.util.Objects::isNull)
                || new HashSet<>(species).size() != species.size()) {
            throw new IllegalArgumentException("wcn species must be a list of distinct names (empty for the paper's "
                    + "species-blind counts), got " + species);
        }
        if (normalisation == null) {
            throw new IllegalArgumentException("wcn normalisation is null: use Normalisation.PEAK (the paper)");
        }
        if (!(truncationWidths >= MIN_TRUNCATION_WIDTHS) || Double.isInfinite(truncationWidths)) {
            throw new IllegalArgumentException("wcn truncationWidths = " + truncationWidths + " must be finite and >= "
                    + MIN_TRUNCATION_WIDTHS + ": use the default " + DEFAULT_TRUNCATION_WIDTHS
                    + " for dropped weights below 1e-12");
        }
        this.shells = List.copyOf(shells);
        this.species = List.copyOf(species);
        this.normalisation = normalisation;
        this.truncationWidths = truncationWidths;
        double rc = 0;
        for (Shell s : shells) {
            rc = Math.max(rc, s.centre() + truncationWidths * s.width());
        }
        this.cutoff = rc;
        List<String> n = new ArrayList<>();
        List<String> blocks = species.isEmpty() ? java.util.Collections.singletonList(null) : species;
        for (String s : blocks) {
            for (int k = 0; k < shells.size(); k++) {
                n.add("WCN_" + (s == null ? "" : s + "_") + (k + 1) + "("
                        + String.format(Locale.ROOT, "%.3f", shells.get(k).centre()) + ")");
            }
        }
        this.names = List.copyOf(n);
    }

    /**
     * The paper's WCNs from the positions of consecutive g(r) features (alternating maxima and minima, strictly
     * increasing), every pair of neighbouring Gaussians set to intersect at {@value #PAPER_INTERSECTION}. See
     * {@link #shellsFromFeatures(double[], double[])} for the rule.
     */
    public static WeightedCoordination fromShellFeatures(double[] featurePositions) {
        if (featurePositions == null) {
            throw new IllegalArgumentException("wcn feature positions are null: pass the r of the maxima and minima of g(r)");
        }
        double[] v = new double[Math.max(0, featurePositions.length - 1)];
        java.util.Arrays.fill(v, PAPER_INTERSECTION);
        return new WeightedCoordination(shellsFromFeatures(featurePositions, v));
    }

    /**
     * Shells centred on the given g(r) features, with the paper's width rule: "the width of the Gaussian functions depends
     * on the area that the solvation feature covers and neighboring Gaussians such that the value of the intersection is
     * assigned to 0 or roughly 0.25 depending on whether or not the two shells are largely overlapping."
     *
     * <p>Made concrete: for the gap Delta_k = c_{k+1} - c_k and its intersection value v_k, two Gaussians of equal width
     * meet at the gap's midpoint at height v_k when s = (Delta_k / 2) / sqrt(2 ln(1 / v_k)) (= Delta_k / 3.330 for
     * v = 0.25). A feature covers the region up to the midpoints of its gaps; each Gaussian takes the smaller of the
     * widths its one or two gaps ask for, so it falls to exactly v at the midpoint of its tighter gap and no pair of
     * neighbouring Gaussians ever intersects above its v (at equal gaps the intersection is exactly v).
     *
     * @param featurePositions strictly increasing feature radii [sigma], at least 2 (the paper: 12)
     * @param intersections    one value per gap (length = positions - 1), each in (0, 1): {@value #PAPER_INTERSECTION}
     *                         for largely overlapping shells, {@value #SEPARATED_INTERSECTION} (say) for the paper's "0"
     */
    public static List<Shell> shellsFromFeatures(double[] featurePositions, double[] intersections) {
        if (featurePositions == null || featurePositions.length < 2) {
            throw new IllegalArgumentException("wcn widths come from the gaps between consecutive g(r) features: pass at "
                    + "least 2 feature positions (the paper uses " + PAPER_SHELL_COUNT + "), got "
                    + (featurePositions == null ? "null" : java.util.Arrays.toString(featurePositions)));
        }
        int k = featurePositions.length;
        if (intersections == null || intersections.length != k - 1) {
            throw new IllegalArgumentException("wcn needs one intersection value per gap between consecutive features ("
                    + (k - 1) + "), got " + (intersections == null ? "null" : intersections.length + " values")
                    + ": use " + PAPER_INTERSECTION + " for largely overlapping shells");
        }
        for (int i = 0; i < k; i++) {
            double c = featurePositions[i];
            if (!(c > 0) || Double.isInfinite(c) || (i > 0 && !(c > featurePositions[i - 1]))) {
                throw new IllegalArgumentException("wcn feature positions must be finite, > 0 and strictly increasing, got "
                        + java.util.Arrays.toString(featurePositions) + " (bad value " + c + " at index " + i
                        + "): pass the maxima and minima of g(r) sorted by r");
            }
        }
        double[] gapWidth = new double[k - 1];
        for (int g = 0; g < k - 1; g++) {
            double v = intersections[g];
            if (!(v > 0 && v < 1)) {
                throw new IllegalArgumentException("wcn intersection value " + v + " (gap " + g + ") must lie in (0, 1): "
                        + "use " + PAPER_INTERSECTION + " for overlapping shells or " + SEPARATED_INTERSECTION
                        + " for the paper's \"0\" (a Gaussian never reaches 0)");
            }
            double half = 0.5 * (featurePositions[g + 1] - featurePositions[g]);
            gapWidth[g] = half / Math.sqrt(2.0 * Math.log(1.0 / v));
        }
        List<Shell> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            double left = i > 0 ? gapWidth[i - 1] : Double.POSITIVE_INFINITY;
            double right = i < k - 1 ? gapWidth[i] : Double.POSITIVE_INFINITY;
            out.add(new Shell(featurePositions[i], Math.min(left, right)));
        }
        return out;
    }

    public List<Shell> shells() {
        return shells;
    }

    public Normalisation normalisation() {
        return normalisation;
    }

    @Override
    public String family() {
        return "wcn";
    }

    @Override
    public List<String> featureNames() {
        return names;
    }

    @Override
    public int featureCount() {
        return names.size();
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new TreeMap<>();
        List<Double> centres = new ArrayList<>();
        List<Double> widths = new ArrayList<>();
        for (Shell s : shells) {
            centres.add(s.centre());
            widths.add(s.width());
        }
        p.put("centres", centres);
        p.put("widths", widths);
        p.put("normalisation", normalisation.name().toLowerCase(Locale.ROOT));
        p.put("species", species);
        p.put("truncation_widths", truncationWidths);
        return p;
    }

    /** max_k (c_k + t s_k) [sigma]. */
    @Override
    public double neighbourCutoff() {
        return cutoff;
    }

    @Override
    public void compute(FrameView frame, double[] out) {
        compute(frame, Concatenation.neighboursFor(this, frame, cutoff), out);
    }

    @Override
    public void compute(FrameView frame, Neighbours nb, double[] out) {
        if (nb == null) {
            nb = Concatenation.neighboursFor(this, frame, cutoff);
        }
        int n = frame.n();
        int f = names.size();
        int kCount = shells.size();
        Concatenation.checkOutput(this, frame, out);
        int[] sp = frame.species();
        boolean resolved = !species.isEmpty();
        if (resolved) {
            for (int i = 0; i < n; i++) {
                if (sp[i] < 0 || sp[i] >= species.size()) {
                    throw new IllegalArgumentException("wcn: particle " + i + " has species index " + sp[i]
                            + " but the descriptor was built for species " + species
                            + ": pass the model's full species list, or none for species-blind counts");
                }
            }
        }
        // per-shell constants, hoisted out of the pair loop (a few doubles per shell, once per frame)
        double[] centre = new double[kCount];
        double[] inv2s2 = new double[kCount];
        double[] reach = new double[kCount];
        double[] height = new double[kCount];
        for (int k = 0; k < kCount; k++) {
            Shell s = shells.get(k);
            centre[k] = s.centre();
            inv2s2[k] = 1.0 / (2.0 * s.width() * s.width());
            reach[k] = truncationWidths * s.width();
            height[k] = normalisation == Normalisation.PEAK ? 1.0 : 1.0 / (s.width() * Math.sqrt(2.0 * Math.PI));
        }
        java.util.Arrays.fill(out, 0, n * f, 0.0);
        for (int i = 0; i < n; i++) {
            int row = i * f;
            int end = nb.start(i + 1);
            for (int e = nb.start(i); e < end; e++) {
                double d = nb.distance(e);
                if (d >= cutoff) {
                    break; // sorted rows: the rest belong to a longer shared list
                }
                int base = resolved ? row + sp[nb.neighbour(e)] * kCount : row;
                for (int k = 0; k < kCount; k++) {
                    double u = d - centre[k];
                    if (Math.abs(u) < reach[k]) {
                        out[base + k] += height[k] * Math.exp(-u * u * inv2s2[k]);
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return family() + parameters();
    }
}
