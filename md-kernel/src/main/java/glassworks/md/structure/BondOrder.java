package glassworks.md.structure;

import glassworks.md.FrameView;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Family {@code bo}: the bare Steinhardt bond order of seed 002 (Eqs. 4-6), one value per degree l:
 *
 * <pre>
 *   q_lm(i) = (1/N_b(i)) sum_{j in N_b(i)} Y_lm(r̂_ij),      Q_l(i) = sqrt( 4 pi/(2l+1) sum_{m=-l}^{l} |q_lm(i)|^2 )
 * </pre>
 * where the neighbours N_b(i) are every j != i with r_ij &lt; r^c_{alpha_i beta_j} (strictly; minimum image), the fixed
 * cutoff being the first minimum of g_ab(r) (seed 002 section 2.1). The same definition as LAMMPS {@code compute
 * orientorder/atom nnn NULL cutoff rc} (which also keeps r &lt; rc strictly, and also reports 0 for an atom without
 * neighbours).
 *
 * <p>Defaults follow the paper's tables: l = 1..8 (Q_0 = 1 for every particle, so it is left out; seed 002 section 3.1
 * "practical dimension"). Features are named {@code Q1 .. Q8}.
 *
 * <p>Conventions: a particle with no neighbour gets Q_l = 0 for every l (the paper does not define it; LAMMPS does the
 * same). A pair cutoff of 0 removes that species pair from the neighbours, which is how the SiO2 analysis keeps only O
 * around Si (rc_SiSi = 0). Two particles at distance 0 are refused (no bond direction). Three-dimensional frames only:
 * the 2D analogue (psi_l) is a different descriptor and is not provided.
 */
public final class BondOrder implements Descriptor {
    private static final long serialVersionUID = 1L;

    /** Family name. */
    public static final String FAMILY = "bo";
    /** Seed 002 default lowest degree (Q_0 is constant). */
    public static final int DEFAULT_L_MIN = 1;
    /** Seed 002 default highest degree. */
    public static final int DEFAULT_L_MAX = 8;

    private final Cutoffs cutoffs;
    private final int lMin;
    private final int lMax;
    private final SphericalHarmonics harmonics;

    /** One cutoff r^c for every species pair [sigma], l = 1..8. */
    public BondOrder(double cutoff) {
        this(Cutoffs.global(FAMILY, "cutoff", cutoff), DEFAULT_L_MIN, DEFAULT_L_MAX);
    }

    /**
     * Species-pair cutoffs r^c_ab [sigma] (symmetric, one row per species; 0 removes the pair), l = 1..8.
     */
    public BondOrder(double[][] cutoffs) {
        this(Cutoffs.perPair(FAMILY, "cutoffs", cutoffs), DEFAULT_L_MIN, DEFAULT_L_MAX);
    }

    /**
     * @param cutoff one cutoff r^c for every pair [sigma], at most half the shortest box edge of the frames
     * @param lMin   lowest degree, &gt;= 0
     * @param lMax   highest degree, lMin..{@value SphericalHarmonics#MAX_DEGREE}
     */
    public BondOrder(double cutoff, int lMin, int lMax) {
        this(Cutoffs.global(FAMILY, "cutoff", cutoff), lMin, lMax);
    }

    /**
     * @param cutoffs species-pair cutoffs r^c_ab [sigma] (symmetric; 0 removes the pair)
     * @param lMin    lowest degree, &gt;= 0
     * @param lMax    highest degree, lMin..{@value SphericalHarmonics#MAX_DEGREE}
     */
    public BondOrder(double[][] cutoffs, int lMin, int lMax) {
        this(Cutoffs.perPair(FAMILY, "cutoffs", cutoffs), lMin, lMax);
    }

    private BondOrder(Cutoffs cutoffs, int lMin, int lMax) {
        checkDegrees(FAMILY, lMin, lMax);
        this.cutoffs = cutoffs;
        this.lMin = lMin;
        this.lMax = lMax;
        this.harmonics = new SphericalHarmonics(lMax);
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        for (int l = lMin; l <= lMax; l++) {
            names.add("Q" + l);
        }
        return List.copyOf(names);
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new TreeMap<>();
        cutoffs.putInto(p);
        p.put("l_min", lMin);
        p.put("l_max", lMax);
        return java.util.Collections.unmodifiableMap(p);
    }

    @Override
    public int featureCount() {
        return lMax - lMin + 1;
    }

    @Override
    public void compute(FrameView frame, double[] out) {
        require3d(FAMILY, frame);
        int f = featureCount();
        checkOut(FAMILY, frame, out, f);
        cutoffs.checkSpecies(frame);
        Neighbours nb = cutoffs.neighbours(frame, 1.0);
        int half = SphericalHarmonics.halfSize(lMax);
        double[] re = new double[half];
        double[] im = new double[half];
        for (int i = 0; i < frame.n(); i++) {
            Arrays.fill(re, 0.0);
            Arrays.fill(im, 0.0);
            int end = nb.start(i + 1);
            for (int k = nb.start(i); k < end; k++) {
                requireApart(FAMILY, nb, i, k);
                harmonics.addHalf(nb.dx(k), nb.dy(k), nb.dz(k), 1.0, re, im);
            }
            writeInvariants(re, im, 0, nb.count(i), lMin, lMax, out, i * f);
        }
    }

    /** Species-pair cutoffs as given (a copy), or null for one global cutoff. */
    double[][] cutoffMatrix() {
        return cutoffs.matrix();
    }

    @Override
    public String toString() {
        return FAMILY + parameters();
    }

    // ---- helpers shared by the bond-order families of this package ----

    /**
     * Q_l = sqrt(4 pi/(2l+1) sum_m |c_lm|^2) / weight for l = lMin..lMax from unnormalised half-layout sums c_lm
     * (block at {@code offset}) into out[at ..]; all 0 when the total weight is 0 (no neighbour).
     */
    static void writeInvariants(double[] re, double[] im, int offset, double weight, int lMin, int lMax, double[] out,
                                int at) {
        for (int l = lMin; l <= lMax; l++) {
            out[at + l - lMin] = weight > 0
                    ? Math.sqrt(4.0 * Math.PI / (2.0 * l + 1.0) * SphericalHarmonics.power(l, re, im, offset)) / weight
                    : 0.0;
        }
    }

    static void checkDegrees(String family, int lMin, int lMax) {
        if (lMin < 0 || lMax < lMin || lMax > SphericalHarmonics.MAX_DEGREE) {
            throw new IllegalArgumentException(family + ": degrees l_min = " + lMin + ", l_max = " + lMax
                    + " must satisfy 0 <= l_min <= l_max <= " + SphericalHarmonics.MAX_DEGREE
                    + " (seed 002 uses l_min = 1, l_max = 8)");
        }
    }

    static void require3d(String family, FrameView frame) {
        if (frame.dims() != 3) {
            throw new IllegalArgumentException("descriptor family '" + family + "' is three-dimensional (spherical "
                    + "harmonics of 3D bond vectors) but the frame is " + frame.dims() + "D: use a 3D run, or a family "
                    + "defined in 2D (the 2D bond-orientational psi_l is not provided)");
        }
    }

    static void checkOut(String family, FrameView frame, double[] out, int features) {
        long need = (long) frame.n() * features;
        if (out == null || out.length < need) {
            throw new IllegalArgumentException(family + ": output array holds " + (out == null ? 0 : out.length)
                    + " values but the frame needs n * features = " + frame.n() + " * " + features + " = " + need
                    + ": allocate a larger array (or use compute(frame))");
        }
    }

    static void requireApart(String family, Neighbours nb, int i, int k) {
        if (!(nb.distance(k) > 0)) {
            throw new IllegalArgumentException(family + ": particles " + i + " and " + nb.neighbour(k) + " sit on the "
                    + "same spot (distance 0), so their bond has no direction: the frame is corrupt or overlapping");
        }
    }

    static String num(double v) {
        String s = java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return s.contains(".") ? s : s + ".0";
    }

    /**
     * A neighbour cutoff: one value for every pair, or a symmetric species-pair matrix r^c_ab [sigma] where 0 removes
     * the pair. Validated at construction with messages naming the bad entry; renders itself as a parameter.
     */
    static final class Cutoffs implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final String family;
        private final String key;
        private final double global;
        private final double[][] matrix;

        private Cutoffs(String family, String key, double global, double[][] matrix) {
            this.family = family;
            this.key = key;
            this.global = global;
            this.matrix = matrix;
        }

        static Cutoffs global(String family, String key, double cutoff) {
            if (!(cutoff > 0) || Double.isInfinite(cutoff)) {
                throw new IllegalArgumentException(family + ": " + key + " = " + cutoff + " sigma must be finite and "
                        + "> 0 (seed 002: the first minimum of g(r), e.g. 1.45 for KA AA)");
            }
            return new Cutoffs(family, key, cutoff, null);
        }

        static Cutoffs perPair(String family, String key, double[][] m) {
            if (m == null || m.length == 0) {
                throw new IllegalArgumentException(family + ": " + key + " matrix is missing or empty: give one row "
                        + "per species, e.g. {{1.45, 1.25}, {1.25, 1.075}} for KA");
            }
            int ns = m.length;
            double max = 0;
            double[][] c = new double[ns][];
            for (int a = 0; a < ns; a++) {
                if (m[a] == null || m[a].length != ns) {
                    throw new IllegalArgumentException(family + ": " + key + " must be a square " + ns + "x" + ns
                            + " matrix (one row and column per species); row " + a + " has "
                            + (m[a] == null ? 0 : m[a].length) + " entries");
                }
                c[a] = m[a].clone();
            }
            for (int a = 0; a < ns; a++) {
                for (int b = 0; b < ns; b++) {
                    double v = c[a][b];
                    if (!(v >= 0) || Double.isInfinite(v)) {
                        throw new IllegalArgumentException(family + ": " + key + "[" + a + "][" + b + "] = " + v
                                + " sigma must be finite and >= 0 (0 removes that species pair)");
                    }
                    if (v != c[b][a]) {
                        throw new IllegalArgumentException(family + ": " + key + " must be symmetric but [" + a + "]["
                                + b + "] = " + v + " and [" + b + "][" + a + "] = " + c[b][a] + ": give both the same");
                    }
                    max = Math.max(max, v);
                }
            }
            if (!(max > 0)) {
                throw new IllegalArgumentException(family + ": every entry of " + key + " is 0, so no particle has "
                        + "neighbours: give the first minimum of g_ab(r) for the pairs to keep");
            }
            return new Cutoffs(family, key, 0, c);
        }

        /** The neighbour rows with every cutoff multiplied by {@code scale} (SBO's enlargement). */
        Neighbours neighbours(FrameView frame, double scale) {
            if (matrix == null) {
                return Neighbours.within(frame, global * scale);
            }
            double[][] s = new double[matrix.length][matrix.length];
            for (int a = 0; a < matrix.length; a++) {
                for (int b = 0; b < matrix.length; b++) {
                    s[a][b] = matrix[a][b] * scale;
                }
            }
            return Neighbours.within(frame, s);
        }

        /** r^c of the pair (a, b). */
        double of(int a, int b) {
            return matrix == null ? global : matrix[a][b];
        }

        /** Largest cutoff. */
        double max() {
            if (matrix == null) {
                return global;
            }
            double m = 0;
            for (double[] row : matrix) {
                for (double v : row) {
                    m = Math.max(m, v);
                }
            }
            return m;
        }

        double[][] matrix() {
            if (matrix == null) {
                return null;
            }
            double[][] c = new double[matrix.length][];
            for (int a = 0; a < matrix.length; a++) {
                c[a] = matrix[a].clone();
            }
            return c;
        }

        /** Fails when a particle's species has no row in the matrix. */
        void checkSpecies(FrameView frame) {
            checkSpecies(family, frame, matrix == null ? Integer.MAX_VALUE : matrix.length, key);
        }

        static void checkSpecies(String family, FrameView frame, int known, String what) {
            int[] sp = frame.species();
            for (int i = 0; i < frame.n(); i++) {
                if (sp[i] < 0 || sp[i] >= known) {
                    throw new IllegalArgumentException(family + ": particle " + i + " has species " + sp[i] + " but "
                            + what + " covers species 0.." + (known - 1) + ": give one row per species of the model");
                }
            }
        }

        void putInto(Map<String, Object> p) {
            if (matrix == null) {
                p.put(key, global);
                return;
            }
            List<List<Double>> rows = new ArrayList<>();
            for (double[] row : matrix) {
                List<Double> r = new ArrayList<>();
                for (double v : row) {
                    r.add(v);
                }
                rows.add(List.copyOf(r));
            }
            p.put(key, List.copyOf(rows));
        }
    }
}
