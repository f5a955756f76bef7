package glassworks.md.structure;

import glassworks.md.FrameView;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Family {@code rbo}: the radial bond order of Boattini et al. as used by seed 002 (section 3.4, Eqs. 16-19): bond
 * orders in Gaussian radial shells centred on a grid d_1 &lt; ... &lt; d_K, each shell normalised by its own weight:
 *
 * <pre>
 *   G_n(r) = exp( -(d_n - r)^2 / (2 delta^2) ) H(R_max - r),   R_max = d_K + skin * delta
 *   q^R_lmn(i) = (1/Z_n(i)) sum_j G_n(r_ij) Y_lm(r̂_ij),   Z_n(i) = sum_j G_n(r_ij)
 *   Q^R_ln(i) = sqrt( 4 pi/(2l+1) sum_m |q^R_lmn(i)|^2 )
 * </pre>
 *
 * <p>Species-blind (every j counts, whatever its species) and without smearing of the density. Features are ordered
 * as partycls does: all grid points for l = lMin, then all for lMin + 1, and so on; named {@code Q<l>(<d_n>)}, e.g.
 * {@code Q6(1.1)}.
 *
 * <p>Seed 002 settings: delta = {@value #DEFAULT_DELTA}, l = 1..8, skin {@value #DEFAULT_SKIN} (R_max = d_K + 2.5
 * delta, Eq. 18); grids {@link #firstShell()} (0.9 .. 1.3, 40 features) and {@link #upToSecondShell()} (0.9 .. 2.1,
 * 104 features: the paper's stated count, which its "0.9 to 2.2" wording would make 112, see the digest section 3.4).
 * A shell without weight (no neighbour within R_max) gives 0. Neighbours r &lt; R_max strictly. 3D only.
 */
public final class RadialBondOrder implements Descriptor {
    private static final long serialVersionUID = 1L;

    /** Family name. */
    public static final String FAMILY = "rbo";
    /** Seed 002 shell width [sigma]. */
    public static final double DEFAULT_DELTA = 0.2;
    /** Seed 002 truncation beyond the last grid point, in units of delta. */
    public static final double DEFAULT_SKIN = 2.5;

    private final double[] grid;
    private final double delta;
    private final double skin;
    private final int lMin;
    private final int lMax;
    private final SphericalHarmonics harmonics;

    /** Seed 002 first-shell grid (0.9, 1.0, 1.1, 1.2, 1.3), delta 0.2, l = 1..8: 40 features, R_max = 1.8. */
    public static RadialBondOrder firstShell() {
        return new RadialBondOrder(grid(0.9, 1.3, 0.1), DEFAULT_DELTA);
    }

    /** Seed 002 regression grid "up to the second shell": 0.9 .. 2.1 step 0.1 (13 points), delta 0.2: 104 features. */
    public static RadialBondOrder upToSecondShell() {
        return new RadialBondOrder(grid(0.9, 2.1, 0.1), DEFAULT_DELTA);
    }

    /**
     * The points first, first + step, ... up to last inclusive (within step/1000), each rounded to 12 decimals so that
     * 0.1-steps give 0.3 rather than 0.30000000000000004.
     */
    public static double[] grid(double first, double last, double step) {
        if (!(step > 0) || !(last >= first) || Double.isInfinite(first) || Double.isInfinite(last)) {
            throw new IllegalArgumentException(FAMILY + ": grid from " + first + " to " + last + " step " + step
                    + " needs finite first <= last and step > 0, e.g. 0.9 to 1.3 step 0.1");
        }
        int count = (int) Math.floor((last - first) / step + 1e-3) + 1;
        double[] g = new double[count];
        for (int k = 0; k < count; k++) {
            g[k] = Math.round((first + k * step) * 1e12) / 1e12;
        }
        return g;
    }

    /** Grid and width with seed 002's skin 2.5 and l = 1..8. */
    public RadialBondOrder(double[] grid, double delta) {
        this(grid, delta, DEFAULT_SKIN, BondOrder.DEFAULT_L_MIN, BondOrder.DEFAULT_L_MAX);
    }

    /**
     * @param grid  shell centres d_n [sigma], finite, &gt;= 0, strictly increasing
     * @param delta shell width [sigma], finite and &gt; 0 (seed 002: 0.2)
     * @param skin  R_max = last d_n + skin * delta, finite and &gt; 0 (seed 002: 2.5)
     * @param lMin  lowest degree, &gt;= 0 (seed 002: 1)
     * @param lMax  highest degree (seed 002: 8)
     */
    public RadialBondOrder(double[] grid, double delta, double skin, int lMin, int lMax) {
        if (grid == null || grid.length == 0) {
            throw new IllegalArgumentException(FAMILY + ": the grid of shell centres is empty: give at least one "
                    + "distance, e.g. RadialBondOrder.grid(0.9, 1.3, 0.1)");
        }
        for (int n = 0; n < grid.length; n++) {
            if (!(grid[n] >= 0) || Double.isInfinite(grid[n])) {
                throw new IllegalArgumentException(FAMILY + ": grid[" + n + "] = " + grid[n] + " sigma must be finite "
                        + "and >= 0");
            }
            if (n > 0 && !(grid[n] > grid[n - 1])) {
                throw new IllegalArgumentException(FAMILY + ": grid must increase strictly but grid[" + n + "] = "
                        + grid[n] + " follows " + grid[n - 1] + ": sort it and drop repeats");
            }
        }
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException(FAMILY + ": delta = " + delta + " sigma must be finite and > 0 "
                    + "(seed 002: " + DEFAULT_DELTA + ")");
        }
        if (!(skin > 0) || Double.isInfinite(skin)) {
            throw new IllegalArgumentException(FAMILY + ": skin = " + skin + " (in units of delta) must be finite and "
                    + "> 0 (seed 002: " + DEFAULT_SKIN + ", i.e. R_max = last grid point + 2.5 delta)");
        }
        BondOrder.checkDegrees(FAMILY, lMin, lMax);
        this.grid = grid.clone();
        this.delta = delta;
        this.skin = skin;
        this.lMin = lMin;
        this.lMax = lMax;
        this.harmonics = new SphericalHarmonics(lMax);
    }

    /** The truncation radius R_max = last grid point + skin * delta [sigma]. */
    public double rMax() {
        return grid[grid.length - 1] + skin * delta;
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        for (int l = lMin; l <= lMax; l++) {
            for (double d : grid) {
                names.add("Q" + l + "(" + BondOrder.num(d) + ")");
            }
        }
        return List.copyOf(names);
    }

    @Override
    public int featureCount() {
        return (lMax - lMin + 1) * grid.length;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new TreeMap<>();
        List<Double> g = new ArrayList<>();
        for (double d : grid) {
            g.add(d);
        }
        p.put("grid", List.copyOf(g));
        p.put("delta", delta);
        p.put("skin", skin);
        p.put("l_min", lMin);
        p.put("l_max", lMax);
        return Collections.unmodifiableMap(p);
    }

    @Override
    public void compute(FrameView frame, double[] out) {
        BondOrder.require3d(FAMILY, frame);
        int f = featureCount();
        BondOrder.checkOut(FAMILY, frame, out, f);
        Neighbours nb = Neighbours.within(frame, rMax());
        int shells = grid.length;
        int half = SphericalHarmonics.halfSize(lMax);
        double[] yRe = new double[half];
        double[] yIm = new double[half];
        double[] re = new double[shells * half];
        double[] im = new double[shells * half];
        double[] z = new double[shells];
        double[] q = new double[lMax - lMin + 1];
        double twoDelta2 = 2.0 * delta * delta;
        for (int i = 0; i < frame.n(); i++) {
            Arrays.fill(re, 0.0);
            Arrays.fill(im, 0.0);
            Arrays.fill(z, 0.0);
            int end = nb.start(i + 1);
            for (int k = nb.start(i); k < end; k++) {
                BondOrder.requireApart(FAMILY, nb, i, k);
                double r = nb.distance(k);
                harmonics.computeHalf(nb.dx(k), nb.dy(k), nb.dz(k), yRe, yIm);
                for (int n = 0; n < shells; n++) {
                    double e = grid[n] - r;
                    double w = Math.exp(-e * e / twoDelta2);
                    z[n] += w;
                    int o = n * half;
                    for (int t = 0; t < half; t++) {
                        re[o + t] += w * yRe[t];
                        im[o + t] += w * yIm[t];
                    }
                }
            }
            int row = i * f;
            for (int n = 0; n < shells; n++) {
                BondOrder.writeInvariants(re, im, n * half, z[n], lMin, lMax, q, 0);
                for (int l = lMin; l <= lMax; l++) {
                    out[row + (l - lMin) * shells + n] = q[l - lMin];
                }
            }
        }
    }

    @Override
    public String toString() {
        return FAMILY + parameters();
    }
}
