package glassworks.md.structure;

import glassworks.md.FrameView;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Family {@code qshell}: Steinhardt bond orders in radial shells, seed 004 section 3.2 (the angular block of the
 * 135 softness/regression features):
 *
 * <pre>
 *   q_lm(i; a, b) = (1/N_j) sum_{j: a &lt; r_ij &lt; b} Y_lm(r̂_ij)
 *   Q_l(i; a, b)  = sqrt( 4 pi/(2l+1) sum_m |q_lm(i; a, b)|^2 )
 * </pre>
 * with N_j the number of neighbours in the shell (the thesis's Eq. 3.2 prints a sum over i, a typo for j).
 *
 * <p>Seed 004 settings ({@link #ShellBondOrder()}): shells (1.0, 1.5), (1.5, 2.0), (2.0, 2.5), (2.5, 3.0), (3.0, 3.5)
 * [sigma_AA], degrees l = 2, 4, ..., 14: 35 features, ordered shell by shell (all degrees of the first shell, then the
 * second, ...), named {@code Q<l>(<a>,<b>)}, e.g. {@code Q6(1.0,1.5)}. Neighbours are every species (35 leaves no room
 * for a species split). An empty shell gives 0 (seed 004's recommendation). Both shell ends are strict, as printed
 * (r_min &lt; r &lt; r_max): a neighbour exactly on a shell boundary belongs to neither shell. Needs frames whose
 * shortest box edge is at least twice the largest r_max (7 sigma for the defaults). 3D only.
 */
public final class ShellBondOrder implements Concatenation.SharedNeighbours {
    private static final long serialVersionUID = 1L;

    /** Family name. */
    public static final String FAMILY = "qshell";

    /**
     * One radial shell, open at both ends.
     *
     * @param rMin inner radius [sigma], exclusive
     * @param rMax outer radius [sigma], exclusive
     */
    public record Shell(double rMin, double rMax) implements java.io.Serializable {
        public Shell {
            if (!(rMin >= 0) || !(rMax > rMin) || Double.isInfinite(rMax)) {
                throw new IllegalArgumentException(FAMILY + ": shell (" + rMin + ", " + rMax + ") sigma needs finite "
                        + "0 <= r_min < r_max, e.g. (1.0, 1.5)");
            }
        }

        boolean contains(double r) {
            return r > rMin && r < rMax;
        }
    }

    /** Seed 004 shells: (1.0, 1.5) ... (3.0, 3.5) sigma_AA. */
    public static final List<Shell> SEED004_SHELLS = List.of(new Shell(1.0, 1.5), new Shell(1.5, 2.0),
            new Shell(2.0, 2.5), new Shell(2.5, 3.0), new Shell(3.0, 3.5));
    /** Seed 004 degrees: 2, 4, ..., 14. */
    public static final List<Integer> SEED004_DEGREES = List.of(2, 4, 6, 8, 10, 12, 14);

    private final Shell[] shells;
    private final int[] degrees;
    private final SphericalHarmonics harmonics;

    /** Seed 004's 5 shells x 7 even degrees = 35 features. */
    public ShellBondOrder() {
        this(SEED004_SHELLS, SEED004_DEGREES);
    }

    /**
     * @param shells  radial shells, in feature order (they may overlap: a neighbour counts in every shell holding it)
     * @param degrees degrees l, in feature order, each 0..{@value SphericalHarmonics#MAX_DEGREE}, no repeats
     */
    public ShellBondOrder(List<Shell> shells, List<Integer> degrees) {
        if (shells == null || shells.isEmpty()) {
            throw new IllegalArgumentException(FAMILY + ": no shells given: pass at least one, e.g. "
                    + "ShellBondOrder.SEED004_SHELLS");
        }
        if (degrees == null || degrees.isEmpty()) {
            throw new IllegalArgumentException(FAMILY + ": no degrees given: pass at least one, e.g. "
                    + "ShellBondOrder.SEED004_DEGREES (2, 4, ..., 14)");
        }
        this.shells = shells.toArray(new Shell[0]);
        for (int s = 0; s < this.shells.length; s++) {
            if (this.shells[s] == null) {
                throw new IllegalArgumentException(FAMILY + ": shell " + s + " is null");
            }
            for (int t = 0; t < s; t++) {
                if (this.shells[t].equals(this.shells[s])) {
                    throw new IllegalArgumentException(FAMILY + ": shell " + this.shells[s] + " is listed twice: "
                            + "drop the repeat");
                }
            }
        }
        this.degrees = new int[degrees.size()];
        int top = 0;
        for (int d = 0; d < this.degrees.length; d++) {
            Integer l = degrees.get(d);
            if (l == null || l < 0 || l > SphericalHarmonics.MAX_DEGREE) {
                throw new IllegalArgumentException(FAMILY + ": degree " + l + " must be 0.."
                        + SphericalHarmonics.MAX_DEGREE + " (seed 004: 2, 4, ..., 14)");
            }
            for (int e = 0; e < d; e++) {
                if (this.degrees[e] == l) {
                    throw new IllegalArgumentException(FAMILY + ": degree " + l + " is listed twice: drop the repeat");
                }
            }
            this.degrees[d] = l;
            top = Math.max(top, l);
        }
        this.harmonics = new SphericalHarmonics(top);
    }

    /** The largest shell radius: the neighbour search's cutoff [sigma]. */
    public double reach() {
        double m = 0;
        for (Shell s : shells) {
            m = Math.max(m, s.rMax());
        }
        return m;
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        for (Shell s : shells) {
            for (int l : degrees) {
                names.add("Q" + l + "(" + BondOrder.num(s.rMin()) + "," + BondOrder.num(s.rMax()) + ")");
            }
        }
        return List.copyOf(names);
    }

    @Override
    public int featureCount() {
        return shells.length * degrees.length;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new TreeMap<>();
        List<List<Double>> sh = new ArrayList<>();
        for (Shell s : shells) {
            sh.add(List.of(s.rMin(), s.rMax()));
        }
        List<Integer> dg = new ArrayList<>();
        for (int l : degrees) {
            dg.add(l);
        }
        p.put("shells", List.copyOf(sh));
        p.put("degrees", List.copyOf(dg));
        return Collections.unmodifiableMap(p);
    }

    /** The outermost shell's radius [sigma]: a composite (seed004 = gx + qshell) hands this family its longer list. */
    @Override
    public double neighbourCutoff() {
        return reach();
    }

    @Override
    public void compute(FrameView frame, double[] out) {
        compute(frame, null, out);
    }

    /** From {@code nb} (a list of this frame with cutoff at least {@link #reach()}; null: builds its own). */
    @Override
    public void compute(FrameView frame, Neighbours nb, double[] out) {
        BondOrder.require3d(FAMILY, frame);
        int f = featureCount();
        BondOrder.checkOut(FAMILY, frame, out, f);
        double reach = reach();
        if (nb == null) {
            nb = Concatenation.neighboursFor(this, frame, reach);
        }
        int ns = shells.length;
        int half = SphericalHarmonics.halfSize(harmonics.lmax());
        double[] yRe = new double[half];
        double[] yIm = new double[half];
        double[] re = new double[ns * half];
        double[] im = new double[ns * half];
        int[] count = new int[ns];
        for (int i = 0; i < frame.n(); i++) {
            Arrays.fill(re, 0.0);
            Arrays.fill(im, 0.0);
            Arrays.fill(count, 0);
            int end = nb.start(i + 1);
            for (int k = nb.start(i); k < end; k++) {
                double r = nb.distance(k);
                if (r >= reach) {
                    break; // rows are sorted by distance: the rest of a longer shared row lies in no shell
                }
                boolean computed = false;
                for (int s = 0; s < ns; s++) {
                    if (!shells[s].contains(r)) {
                        continue;
                    }
                    if (!computed) { // one evaluation of Y_lm per neighbour, shared by the shells holding it
                        harmonics.computeHalf(nb.dx(k), nb.dy(k), nb.dz(k), yRe, yIm);
                        computed = true;
                    }
                    count[s]++;
                    int o = s * half;
                    for (int t = 0; t < half; t++) {
                        re[o + t] += yRe[t];
                        im[o + t] += yIm[t];
                    }
                }
            }
            int row = i * f;
            for (int s = 0; s < ns; s++) {
                for (int d = 0; d < degrees.length; d++) {
                    int l = degrees[d];
                    out[row + s * degrees.length + d] = count[s] == 0 ? 0.0
                            : Math.sqrt(4.0 * Math.PI / (2.0 * l + 1.0)
                            * SphericalHarmonics.power(l, re, im, s * half)) / count[s];
                }
            }
        }
    }

    @Override
    public String toString() {
        return FAMILY + parameters();
    }
}
