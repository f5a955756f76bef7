package glassworks.md.structure;

import glassworks.md.FrameView;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Species-resolved radial structure functions (Behler–Parrinello radial symmetry functions as used for softness;
 * seed 004 §3.1), family {@code gx}:
 *
 * <pre>
 *   G_X(i; r, delta) = sum_{j in X, j != i} exp( -(r - R_ij)^2 / (2 delta^2) )
 * </pre>
 *
 * <p>with R_ij the minimum-image distance, evaluated on the uniform grid r_m = rMin + m * rStep (m = 0 .. rCount - 1),
 * one block of rCount features per neighbour species X in the order of {@code species}. Feature k = X * rCount + m is
 * named {@code G_X(r_m)}, e.g. {@code G_A(1.30)}. Every particle gets a row whatever its own species (training sets pick
 * their centres, A particles in the thesis). Works in 2D and 3D alike (nothing here depends on the dimension).
 *
 * <p>Paper defaults (Obadiya thesis, seed 004 §3.1; digest check D2): delta = 0.2 sigma, r = 0.0, 0.1, ..., 4.9 sigma
 * (50 values; Ch. 3's "0 <= r < 5 in increments of 0.1"), so 100 features for the binary KA mixture.
 *
 * <p><b>Truncation.</b> Pairs are taken from a {@link Neighbours} list of cutoff R_c = r_last + t * delta with
 * t = {@code truncationDeltas} (default {@value #DEFAULT_TRUNCATION_DELTAS}). A neighbour left out lies more than
 * t * delta beyond every grid point, so each omitted term is below exp(-t^2 / 2) = 6.1e-13 at t = 7.5 (the smallest
 * t with exp(-t^2/2) &lt; 1e-12 is 7.434), relative to the value 1 of a neighbour sitting on the grid point. Summed over
 * a dense liquid (KA, rho = 1.2) the omitted tail at the last grid point is about 4 pi R_c^2 rho (delta / t)
 * exp(-t^2/2) ~ 1e-11 absolute against G ~ 180 there, i.e. ~1e-13 relative; at smaller r it is smaller still. The
 * default cutoff is 4.9 + 1.5 = 6.4 sigma, which needs a box edge of at least 12.8 sigma (N = 4096 at rho = 1.2 has
 * 15.06); a smaller box fails with {@link Neighbours}' message, to be met by a larger system, a shorter grid or a
 * smaller t (each omitted term then below exp(-t^2/2)).
 *
 * <p><b>Evaluation.</b> The grid is uniform, so along the grid the Gaussian obeys g_{m+1} = g_m q_m with
 * q_{m+1} = q_m exp(-rStep^2 / delta^2): three exponentials per pair and one multiply per grid point instead of an
 * exponential per grid point. The recurrence starts at the grid point nearest R_ij and walks outwards (values only
 * shrink, so nothing underflows to a spurious 0 before the peak), and is re-anchored with exact exponentials every
 * {@value #ANCHOR} steps so that rounding stays near 1e-14 relative whatever the grid length.
 */
public final class RadialStructureFunctions implements Concatenation.SharedNeighbours {
    private static final long serialVersionUID = 1L;

    /** Gaussian width delta of the thesis [sigma]. */
    public static final double DEFAULT_DELTA = 0.2;
    /** First grid radius [sigma]. */
    public static final double DEFAULT_R_MIN = 0.0;
    /** Grid spacing [sigma]. */
    public static final double DEFAULT_R_STEP = 0.1;
    /** Number of grid radii (0.0 .. 4.9). */
    public static final int DEFAULT_R_COUNT = 50;
    /** Neighbours farther than this many deltas beyond the last grid radius are left out (each term &lt; 6.1e-13). */
    public static final double DEFAULT_TRUNCATION_DELTAS = 7.5;
    /** Smallest accepted truncation: at 3 deltas an omitted term is already up to 1.1 %. */
    public static final double MIN_TRUNCATION_DELTAS = 3.0;
    /** Recurrence steps between exact re-anchoring. */
    static final int ANCHOR = 16;

    private final List<String> species;
    private final double delta;
    private final double rMin;
    private final double rStep;
    private final int rCount;
    private final double truncationDeltas;
    private final double cutoff;
    private final List<String> names;

    /** The thesis's set for the given neighbour species (e.g. {@code List.of("A", "B")}): 50 radii x species. */
    public RadialStructureFunctions(List<String> species) {
        this(species, DEFAULT_DELTA, DEFAULT_R_MIN, DEFAULT_R_STEP, DEFAULT_R_COUNT, DEFAULT_TRUNCATION_DELTAS);
    }

    /**
     * @param species          names of the model's species in index order (frame species index s is {@code species.get(s)});
     *                         one block of features per species
     * @param delta            Gaussian width [sigma], &gt; 0 (thesis: 0.2)
     * @param rMin             first grid radius [sigma], &gt;= 0 (thesis: 0.0)
     * @param rStep            grid spacing [sigma], &gt; 0 (thesis: 0.1)
     * @param rCount           number of grid radii, &gt;= 1 (thesis: 50)
     * @param truncationDeltas neighbour cutoff beyond the last radius, in units of delta, &gt;= 3 (default 7.5: every
     *                         omitted term &lt; 6.1e-13)
     */
    public RadialStructureFunctions(List<String> species, double delta, double rMin, double rStep, int rCount,
                                    double truncationDeltas) {
        if (species == null || species.isEmpty()) {
            throw new IllegalArgumentException("gx needs the model's species names in index order, got " + species
                    + ": pass e.g. List.of(\"A\", \"B\") for Kob-Andersen");
        }
        if (species.stream().anyMatch(java.util.Objects::isNull) || new HashSet<>(species).size() != species.size()) {
            throw new IllegalArgumentException("gx species names must be distinct and non-null, got " + species);
        }
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("gx delta = " + delta + " sigma must be finite and > 0: the thesis uses "
                    + DEFAULT_DELTA);
        }
        if (!(rMin >= 0) || Double.isInfinite(rMin)) {
            throw new IllegalArgumentException("gx rMin = " + rMin + " sigma must be finite and >= 0: the thesis uses "
                    + DEFAULT_R_MIN);
        }
        if (!(rStep > 0) || Double.isInfinite(rStep)) {
            throw new IllegalArgumentException("gx rStep = " + rStep + " sigma must be finite and > 0: the thesis uses "
                    + DEFAULT_R_STEP);
        }
        if (rCount < 1) {
            throw new IllegalArgumentException("gx rCount = " + rCount + " must be >= 1: the thesis uses "
                    + DEFAULT_R_COUNT + " (r = 0.0 .. 4.9)");
        }
        if (!(truncationDeltas >= MIN_TRUNCATION_DELTAS) || Double.isInfinite(truncationDeltas)) {
            throw new IllegalArgumentException("gx truncationDeltas = " + truncationDeltas + " must be finite and >= "
                    + MIN_TRUNCATION_DELTAS + " (an omitted term is up to exp(-t^2/2)): use the default "
                    + DEFAULT_TRUNCATION_DELTAS + " for errors below 1e-12");
        }
        this.species = List.copyOf(species);
        this.delta = delta;
        this.rMin = rMin;
        this.rStep = rStep;
        this.rCount = rCount;
        this.truncationDeltas = truncationDeltas;
        this.cutoff = radius(rCount - 1) + truncationDeltas * delta;
        int decimals = Math.max(decimals(rMin), decimals(rStep));
        List<String> n = new ArrayList<>(species.size() * rCount);
        for (String s : species) {
            for (int m = 0; m < rCount; m++) {
                n.add("G_" + s + "(" + String.format(Locale.ROOT, "%." + decimals + "f", radius(m)) + ")");
            }
        }
        this.names = List.copyOf(n);
    }

    /** Decimals needed to print v (at least 2, at most 6) so that grid names stay distinct and short. */
    private static int decimals(double v) {
        for (int d = 2; d < 6; d++) {
            double scaled = v * Math.pow(10, d);
            if (Math.abs(scaled - Math.rint(scaled)) < 1e-6) {
                return d;
            }
        }
        return 6;
    }

    /** Grid radius m [sigma]: rMin + m * rStep (the value used in the sums). */
    public double radius(int m) {
        return rMin + m * rStep;
    }

    /** The grid radii [sigma]. */
    public double[] radii() {
        double[] r = new double[rCount];
        for (int m = 0; m < rCount; m++) {
            r[m] = radius(m);
        }
        return r;
    }

    public double delta() {
        return delta;
    }

    public List<String> species() {
        return species;
    }

    @Override
    public String family() {
        return "gx";
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
        p.put("delta", delta);
        p.put("r_min", rMin);
        p.put("r_step", rStep);
        p.put("r_count", rCount);
        p.put("species", species);
        p.put("truncation_deltas", truncationDeltas);
        return p;
    }

    /** Neighbour cutoff [sigma]: last radius + truncationDeltas * delta (6.4 with the defaults). */
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
        Concatenation.checkOutput(this, frame, out);
        int[] sp = frame.species();
        checkSpecies(sp, n);
        java.util.Arrays.fill(out, 0, n * f, 0.0);
        double inv2d2 = 1.0 / (2.0 * delta * delta);
        double h = rStep;
        // q_{m+1} / q_m = exp(-h^2 / delta^2), the same for every pair
        double c = Math.exp(-h * h / (delta * delta));
        int last = rCount - 1;
        for (int i = 0; i < n; i++) {
            int row = i * f;
            int end = nb.start(i + 1);
            for (int e = nb.start(i); e < end; e++) {
                double d = nb.distance(e);
                if (d >= cutoff) {
                    break; // rows are sorted: the rest belong to a longer shared list
                }
                int base = row + sp[nb.neighbour(e)] * rCount;
                // start at the grid point nearest d: the Gaussian's maximum on the grid
                int mStar = (int) Math.rint((d - rMin) / h);
                mStar = Math.max(0, Math.min(last, mStar));
                // upward: g_{m+1} = g_m * exp(-(2 u_m h + h^2) / (2 delta^2)), u_m = r_m - d
                double g = 0;
                double q = 0;
                int countdown = 0;
                for (int m = mStar; m <= last; m++) {
                    if (countdown == 0) {
                        double u = radius(m) - d;
                        g = Math.exp(-u * u * inv2d2);
                        q = Math.exp(-(2 * u * h + h * h) * inv2d2);
                        countdown = ANCHOR;
                    } else {
                        g *= q;
                        q *= c;
                    }
                    countdown--;
                    out[base + m] += g;
                }
                // downward: g_{m-1} = g_m * exp((2 u_m h - h^2) / (2 delta^2))
                countdown = 0;
                for (int m = mStar - 1; m >= 0; m--) {
                    if (countdown == 0) {
                        double u = radius(m) - d;
                        g = Math.exp(-u * u * inv2d2);
                        q = Math.exp((2 * u * h - h * h) * inv2d2);
                        countdown = ANCHOR;
                    } else {
                        g *= q;
                        q *= c;
                    }
                    countdown--;
                    out[base + m] += g;
                }
            }
        }
    }

    private void checkSpecies(int[] sp, int n) {
        for (int i = 0; i < n; i++) {
            if (sp[i] < 0 || sp[i] >= species.size()) {
                throw new IllegalArgumentException("gx: particle " + i + " has species index " + sp[i]
                        + " but the descriptor was built for " + species.size() + " species " + species
                        + ": build it with the model's full species list");
            }
        }
    }

    @Override
    public String toString() {
        return family() + parameters();
    }
}
