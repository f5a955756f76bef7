package glassworks.md.structure;

import glassworks.md.FrameView;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Family {@code sbo}: the smoothed bond order of seed 002 (Eqs. 7-9), which weights each neighbour instead of cutting
 * it off, so that particles do not band by coordination number:
 *
 * <pre>
 *   f(r_ij) = exp[ -(r_ij / r^c_ab)^gamma ] H(xi r^c_ab - r_ij)        (a = species of i, b = species of j)
 *   q^S_lm(i) = (1/Z(i)) sum_j f(r_ij) Y_lm(r̂_ij),   Z(i) = sum_j f(r_ij)
 *   Q^S_l(i) = sqrt( 4 pi/(2l+1) sum_m |q^S_lm(i)|^2 )
 * </pre>
 *
 * <p>Parameters and seed 002 defaults: r^c_ab the first minimum of g_ab(r) [sigma] (no default: it is measured);
 * gamma = {@value #DEFAULT_GAMMA} for close-packed mixtures (18 for SiO2); the truncation at xi r^c_ab with
 * xi = {@value #DEFAULT_ENLARGEMENT} (partycls {@code cutoff_enlargement}), where f = exp(-1.3^8) = 2.9e-4, so the step
 * is nearly continuous; l = 1..8. The truncation keeps r &lt; xi r^c strictly (H(0) = 0). As gamma grows f tends to
 * the step H(r^c - r) and SBO to {@link BondOrder} with the same cutoffs.
 *
 * <p>Conventions as {@link BondOrder}: Z = 0 (no neighbour) gives 0; a pair cutoff of 0 removes the pair (SiO2: O-only
 * neighbours around Si); 3D only.
 */
public final class SmoothBondOrder implements Descriptor {
    private static final long serialVersionUID = 1L;

    /** Family name. */
    public static final String FAMILY = "sbo";
    /** Seed 002 exponent for the close-packed mixtures (Wahn, KA, Ni33Y67, Cu64Zr36); SiO2 uses 18. */
    public static final double DEFAULT_GAMMA = 8.0;
    /** Seed 002 truncation radius in units of r^c (R^c = 1.3 r^c). */
    public static final double DEFAULT_ENLARGEMENT = 1.3;

    private final BondOrder.Cutoffs cutoffs;
    private final double gamma;
    private final double enlargement;
    private final int lMin;
    private final int lMax;
    private final SphericalHarmonics harmonics;

    /** Seed 002 settings (gamma 8, xi 1.3, l = 1..8) with species-pair scales r^c_ab [sigma]. */
    public SmoothBondOrder(double[][] cutoffs) {
        this(cutoffs, DEFAULT_GAMMA, DEFAULT_ENLARGEMENT, BondOrder.DEFAULT_L_MIN, BondOrder.DEFAULT_L_MAX);
    }

    /**
     * @param cutoffs     species-pair scales r^c_ab [sigma], symmetric; 0 removes the pair
     * @param gamma       exponent of the weight, finite and &gt; 0 (seed 002: 8, or 18 for SiO2)
     * @param enlargement truncation radius xi in units of r^c, finite and &gt;= 1 (seed 002: 1.3)
     * @param lMin        lowest degree, &gt;= 0 (seed 002: 1)
     * @param lMax        highest degree (seed 002: 8)
     */
    public SmoothBondOrder(double[][] cutoffs, double gamma, double enlargement, int lMin, int lMax) {
        this(BondOrder.Cutoffs.perPair(FAMILY, "cutoffs", cutoffs), gamma, enlargement, lMin, lMax);
    }

    /** As {@link #SmoothBondOrder(double[][], double, double, int, int)} with one scale r^c for every pair. */
    public SmoothBondOrder(double cutoff, double gamma, double enlargement, int lMin, int lMax) {
        this(BondOrder.Cutoffs.global(FAMILY, "cutoff", cutoff), gamma, enlargement, lMin, lMax);
    }

    private SmoothBondOrder(BondOrder.Cutoffs cutoffs, double gamma, double enlargement, int lMin, int lMax) {
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException(FAMILY + ": gamma = " + gamma + " must be finite and > 0 (seed 002: "
                    + DEFAULT_GAMMA + " for close-packed mixtures, 18 for SiO2)");
        }
        if (!(enlargement >= 1) || Double.isInfinite(enlargement)) {
            throw new IllegalArgumentException(FAMILY + ": enlargement = " + enlargement + " must be finite and >= 1 "
                    + "(the weights are truncated at enlargement * r^c; seed 002: " + DEFAULT_ENLARGEMENT + ")");
        }
        BondOrder.checkDegrees(FAMILY, lMin, lMax);
        this.cutoffs = cutoffs;
        this.gamma = gamma;
        this.enlargement = enlargement;
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
    public int featureCount() {
        return lMax - lMin + 1;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new TreeMap<>();
        cutoffs.putInto(p);
        p.put("gamma", gamma);
        p.put("enlargement", enlargement);
        p.put("l_min", lMin);
        p.put("l_max", lMax);
        return Collections.unmodifiableMap(p);
    }

    /** The weight f(r) of a neighbour at distance r for scale r^c (without the truncation). */
    public double weight(double r, double rc) {
        return Math.exp(-Math.pow(r / rc, gamma));
    }

    @Override
    public void compute(FrameView frame, double[] out) {
        BondOrder.require3d(FAMILY, frame);
        int f = featureCount();
        BondOrder.checkOut(FAMILY, frame, out, f);
        cutoffs.checkSpecies(frame);
        Neighbours nb = cutoffs.neighbours(frame, enlargement);
        int[] species = frame.species();
        int half = SphericalHarmonics.halfSize(lMax);
        double[] re = new double[half];
        double[] im = new double[half];
        for (int i = 0; i < frame.n(); i++) {
            Arrays.fill(re, 0.0);
            Arrays.fill(im, 0.0);
            double z = 0;
            int si = species[i];
            int end = nb.start(i + 1);
            for (int k = nb.start(i); k < end; k++) {
                BondOrder.requireApart(FAMILY, nb, i, k);
                double w = weight(nb.distance(k), cutoffs.of(si, species[nb.neighbour(k)]));
                z += w;
                harmonics.addHalf(nb.dx(k), nb.dy(k), nb.dz(k), w, re, im);
            }
            BondOrder.writeInvariants(re, im, 0, z, lMin, lMax, out, i * f);
        }
    }

    @Override
    public String toString() {
        return FAMILY + parameters();
    }
}
