package glassworks.md.structure;

import glassworks.md.Box;
import glassworks.md.FrameView;

/**
 * The parameter-free solid-angle-based nearest neighbours (SANN) of van Meel, Filion, Valeriani and Frenkel,
 * J. Chem. Phys. 136, 234107 (2012).
 *
 * <p><b>3D rule (the paper's).</b> With particle i's candidates sorted by distance r_{i,1} &le; r_{i,2} &le; ..., the
 * SANN shell is the first m_i candidates, m_i being the smallest m &ge; 3 with
 * <pre>  R_i^(m) = sum_{j=1..m} r_ij / (m - 2)  &lt;  r_{i,m+1},</pre>
 * and R_i = R_i^(m_i) is the particle's shell radius. (Each neighbour j inside a sphere of radius R subtends the solid
 * angle 2 pi (1 - r_ij / R); R_i^(m) is where the m nearest fill 4 pi.) The minimal m always has r_{i,m} &le; R_i &lt;
 * r_{i,m+1}: if R^(m) &lt; r_{i,m} held, R^(m-1) &lt; r_{i,m} would already have closed the shell one step earlier.
 * Consequently a group of equidistant candidates is never split (the rule sees distances only), so the result does
 * not depend on how particles are labelled and perfect lattices are handled exactly. By hand, on perfect lattices:
 * fcc and hcp 12 (R = 1.2 d &lt; sqrt 2 d), bcc 14 (m = 8 fails: 4/3 d &gt; 2/sqrt 3 d; m = 14 closes with
 * R = 1.244 d &lt; 1.633 d), and simple cubic <b>18</b>, not 6: six at d give R^(6) = 1.5 d, which is not below the
 * second shell at sqrt 2 d, so the 12 second neighbours join and R^(18) = 1.436 d &lt; sqrt 3 d closes the shell.
 *
 * <p><b>2D rule.</b> The planar analogue used by 2D SANN codes: neighbour j covers the arc 2 arccos(r_ij / R) of the
 * circle of radius R and the arcs must fill 2 pi, so m_i is the smallest m &ge; 3 with
 * <pre>  sum_{j=1..m} arccos(r_ij / r_{i,m+1})  &gt;  pi,</pre>
 * and R_i in [r_{i,m}, r_{i,m+1}) solves sum_{j=1..m} arccos(r_ij / R) = pi (bisection to round-off). This is exactly
 * the 3D rule with the solid angle replaced by the arc (the 3D condition R^(m) &lt; r_{m+1} is
 * sum_j (1 - r_ij / r_{m+1}) &gt; 2). Triangular lattice: 6, R = d / cos(pi/6). The strict inequality, as in 3D, means
 * that a configuration whose arcs fill exactly pi at a shell distance (the perfect square lattice: four at d fill pi
 * exactly at sqrt 2 d) takes the next shell too; some codes use &ge; there.
 *
 * <p><b>Not symmetric.</b> As in the original, j in the shell of i does not imply i in the shell of j: since
 * r_{i,m} &le; R_i &lt; r_{i,m+1}, j is in i's shell exactly when r_ij &le; R_i, so the pair is one-sided exactly when
 * R_j &lt; r_ij &le; R_i. {@link Result#contains} and {@link Result#asymmetricPairs} let callers symmetrise (union
 * or intersection) or measure this; in a KA liquid about 2.5 % of the ordered pairs are one-sided.
 * Species are ignored: every particle is a candidate, as in the paper.
 *
 * <p><b>Cutoff growth.</b> Candidates come from a {@link Neighbours} list with a generous cutoff (default
 * {@link #DEFAULT_CUTOFF_FACTOR} times the mean spacing (V/N)^(1/dims), pyscal's choice). Pairs at or beyond the cutoff
 * are unknown, but all of them are at least the cutoff away, so a shell also closes when its R^(m) (or the arc sum at
 * R = cutoff in 2D) already decides the inequality against the cutoff. A particle whose shell is still open makes the
 * whole list rebuild with the cutoff times {@link #GROWTH}, up to half the shortest box edge; beyond that the
 * computation fails with a message naming the particle.
 */
public final class Sann {
    /** Initial cutoff in units of the mean interparticle spacing (V/N)^(1/dims). */
    public static final double DEFAULT_CUTOFF_FACTOR = 2.0;
    /** Factor by which the candidate cutoff grows when a shell does not close. */
    public static final double GROWTH = 1.25;

    private Sann() {
    }

    /**
     * SANN shells of one frame (species ignored).
     *
     * @param rows    the candidate rows these shells are prefixes of (sorted by distance, see {@link Neighbours})
     * @param counts  m_i, number of SANN neighbours of each particle: the first {@code counts[i]} entries of row i
     * @param radii   R_i, the SANN shell radius of each particle [sigma]
     * @param cutoff  the candidate cutoff the rows were built with (after any growth) [sigma]
     * @param rebuilds how many times the candidate cutoff had to grow
     */
    public record Result(Neighbours rows, int[] counts, double[] radii, double cutoff, int rebuilds) {

        /** Number of particles. */
        public int size() {
            return counts.length;
        }

        /** m_i, the number of SANN neighbours of particle i. */
        public int count(int i) {
            return counts[i];
        }

        /** R_i [sigma]. */
        public double radius(int i) {
            return radii[i];
        }

        /**
         * Entry index into {@link #rows()} of particle i's k-th nearest SANN neighbour (0 &le; k &lt; count(i)): read
         * its index, separation vector and distance with {@code rows().neighbour(e)}, {@code dx(e)}, ...,
         * {@code distance(e)}.
         */
        public int entry(int i, int k) {
            if (k < 0 || k >= counts[i]) {
                throw new IndexOutOfBoundsException("particle " + i + " has " + counts[i] + " SANN neighbours, asked for "
                        + k);
            }
            return rows.start(i) + k;
        }

        /** Index of particle i's k-th nearest SANN neighbour. */
        public int neighbour(int i, int k) {
            return rows.neighbour(entry(i, k));
        }

        /** The SANN neighbours of i, nearest first. */
        public int[] neighboursOf(int i) {
            int[] out = new int[counts[i]];
            for (int k = 0; k < out.length; k++) {
                out[k] = rows.neighbour(rows.start(i) + k);
            }
            return out;
        }

        /** Whether j is in i's SANN shell (not the same as i in j's: the relation is not symmetric). O(m_i). */
        public boolean contains(int i, int j) {
            int s = rows.start(i);
            for (int k = 0; k < counts[i]; k++) {
                if (rows.neighbour(s + k) == j) {
                    return true;
                }
            }
            return false;
        }

        /** Ordered pairs (i, j) with j in the shell of i but i not in the shell of j. 0 for a symmetric result. */
        public long asymmetricPairs() {
            long bad = 0;
            for (int i = 0; i < counts.length; i++) {
                int s = rows.start(i);
                for (int k = 0; k < counts[i]; k++) {
                    if (!contains(rows.neighbour(s + k), i)) {
                        bad++;
                    }
                }
            }
            return bad;
        }

        /** Mean m_i. */
        public double meanCount() {
            long total = 0;
            for (int c : counts) {
                total += c;
            }
            return counts.length == 0 ? 0 : (double) total / counts.length;
        }
    }

    /** SANN shells of a frame, starting from the default candidate cutoff. */
    public static Result compute(FrameView frame) {
        return compute(Neighbours.box(frame), frame.x(), frame.y(), frame.z(), frame.n(), Double.NaN);
    }

    /**
     * SANN shells of a frame from an initial candidate cutoff [sigma] (NaN: the default); it grows as needed. A cutoff
     * above half the box is clipped to half the box.
     */
    public static Result compute(FrameView frame, double initialCutoff) {
        return compute(Neighbours.box(frame), frame.x(), frame.y(), frame.z(), frame.n(), initialCutoff);
    }

    /**
     * SANN shells of n particles at (x, y, z) (wrapped or not; z ignored in 2D) in a periodic box.
     *
     * @param initialCutoff first candidate cutoff [sigma]; NaN for {@link #DEFAULT_CUTOFF_FACTOR} times (V/N)^(1/dims)
     * @throws IllegalArgumentException when some particle's shell is still open with candidates up to half the box
     *                                  (too few particles, or a very dilute or clustered configuration)
     */
    public static Result compute(Box box, double[] x, double[] y, double[] z, int n, double initialCutoff) {
        if (n < 4) {
            throw new IllegalArgumentException("SANN needs at least 4 particles (a shell of 3 plus the next candidate), "
                    + "got " + n);
        }
        int dims = box.dims();
        double half = 0.5 * box.minEdge();
        double cutoff = Double.isNaN(initialCutoff)
                ? DEFAULT_CUTOFF_FACTOR * Math.pow(box.volume() / n, 1.0 / dims)
                : initialCutoff;
        if (!(cutoff > 0)) {
            throw new IllegalArgumentException("SANN initial cutoff must be > 0, got " + initialCutoff);
        }
        cutoff = Math.min(cutoff, half);
        int[] counts = new int[n];
        double[] radii = new double[n];
        int rebuilds = 0;
        while (true) {
            Neighbours rows = Neighbours.within(box, x, y, z, n, cutoff);
            int open = -1;
            for (int i = 0; i < n && open < 0; i++) {
                if (!shell(rows, i, dims, cutoff, counts, radii)) {
                    open = i;
                }
            }
            if (open < 0) {
                return new Result(rows, counts, radii, cutoff, rebuilds);
            }
            if (cutoff >= half) {
                throw new IllegalArgumentException("SANN shell of particle " + open + " does not close within half the "
                        + "shortest box edge (" + half + " sigma, " + rows.count(open) + " candidates): the system is too "
                        + "small or too sparse for a solid-angle neighbour shell; use more particles");
            }
            cutoff = Math.min(cutoff * GROWTH, half);
            rebuilds++;
        }
    }

    /**
     * Closes particle i's shell from its sorted row if the row decides it; false when the candidates run out first.
     * Entries beyond the row are unknown but at distance &ge; cutoff, which is enough when the condition already
     * holds against the cutoff (the arc or solid-angle sum only grows with the outer radius).
     */
    private static boolean shell(Neighbours rows, int i, int dims, double cutoff, int[] counts, double[] radii) {
        int s = rows.start(i);
        int c = rows.count(i);
        if (dims == 3) {
            double sum = 0;
            for (int m = 1; m <= c; m++) {
                sum += rows.distance(s + m - 1);
                if (m < 3) {
                    continue;
                }
                double rm = sum / (m - 2);
                double next = m < c ? rows.distance(s + m) : cutoff;
                if (rm < next) {
                    counts[i] = m;
                    radii[i] = rm;
                    return true;
                }
            }
            return false;
        }
        for (int m = 3; m <= c; m++) {
            double next = m < c ? rows.distance(s + m) : cutoff;
            if (arcs(rows, s, m, next) > Math.PI) {
                counts[i] = m;
                radii[i] = arcRadius(rows, s, m, next);
                return true;
            }
        }
        return false;
    }

    /** sum_{j < m} arccos(r_j / R) over the first m entries from s, each term 0 when r_j &ge; R. */
    private static double arcs(Neighbours rows, int s, int m, double radius) {
        double sum = 0;
        for (int k = 0; k < m; k++) {
            double q = rows.distance(s + k) / radius;
            sum += q >= 1 ? 0 : Math.acos(q);
        }
        return sum;
    }

    /**
     * The R in [r_m, hi) where the first m arcs fill pi: the arc sum is continuous and increasing in R, at most pi at
     * r_m (else the shell would have closed with m - 1) and above pi at hi.
     */
    private static double arcRadius(Neighbours rows, int s, int m, double hi) {
        double lo = rows.distance(s + m - 1);
        if (arcs(rows, s, m, lo) > Math.PI) { // only for m = 3 with round-off; keeps the bracket valid
            return lo;
        }
        for (int it = 0; it < 200 && hi - lo > 1e-15 * hi; it++) {
            double mid = 0.5 * (lo + hi);
            if (arcs(rows, s, m, mid) > Math.PI) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
