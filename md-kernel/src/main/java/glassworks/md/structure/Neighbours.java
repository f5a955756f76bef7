package glassworks.md.structure;

import glassworks.md.Box;
import glassworks.md.CellList;
import glassworks.md.FrameView;

import java.util.Arrays;

/**
 * Full (both directions) neighbour lists of one frame in compressed-row form: the neighbours of particle i are entries
 * {@code start(i) .. start(i + 1) - 1}, each with the neighbour's index and the minimum-image separation vector
 * r_ij = r_j - r_i and its length. Built from the kernel's periodic {@link CellList} (O(N) per frame, memory
 * O(N * neighbours), never N x N), 2D or 3D; the shared neighbour query of every structural descriptor.
 *
 * <p>Within a particle's row the entries are sorted by increasing distance (ties by neighbour index), so that
 * parameter-free constructions (SANN, the k nearest) can read the row as a sorted shell, and so that results do not
 * depend on the cell list's visiting order.
 *
 * <p>Cutoffs: one global cutoff, or one per species pair (symmetric matrix; a pair is kept when r &lt; rc[a][b]). The
 * largest cutoff must be at most half the shortest box edge (minimum image); larger requests fail with that message.
 */
public final class Neighbours {
    private final int n;
    private final int[] start;
    private final int[] index;
    private final double[] dx;
    private final double[] dy;
    private final double[] dz;
    private final double[] r;

    private Neighbours(int n, int[] start, int[] index, double[] dx, double[] dy, double[] dz, double[] r) {
        this.n = n;
        this.start = start;
        this.index = index;
        this.dx = dx;
        this.dy = dy;
        this.dz = dz;
        this.r = r;
    }

    /** All pairs of the frame closer than {@code cutoff} [sigma]. */
    public static Neighbours within(FrameView frame, double cutoff) {
        return build(box(frame), frame.x(), frame.y(), frame.z(), frame.n(), null, null, cutoff);
    }

    /**
     * Pairs closer than the species-pair cutoff {@code cutoffs[a][b]} [sigma] (symmetric, one row per species of the
     * model; species indices as in {@code frame.species()}).
     */
    public static Neighbours within(FrameView frame, double[][] cutoffs) {
        double max = 0;
        for (double[] row : cutoffs) {
            for (double c : row) {
                max = Math.max(max, c);
            }
        }
        return build(box(frame), frame.x(), frame.y(), frame.z(), frame.n(), frame.species(), cutoffs, max);
    }

    /** All pairs closer than {@code cutoff} among n particles at (x, y, z) (wrapped or not; z ignored in 2D). */
    public static Neighbours within(Box box, double[] x, double[] y, double[] z, int n, double cutoff) {
        return build(box, x, y, z, n, null, null, cutoff);
    }

    /** The periodic box of a stored frame. */
    public static Box box(FrameView frame) {
        return frame.dims() == 2 ? Box.planar(frame.boxX(), frame.boxY()) : new Box(frame.boxX(), frame.boxY(), frame.boxZ());
    }

    private static Neighbours build(Box box, double[] x, double[] y, double[] z, int n, int[] species, double[][] rc,
                                    double cutoff) {
        if (!(cutoff > 0) || !(cutoff <= 0.5 * box.minEdge())) {
            throw new IllegalArgumentException("neighbour cutoff " + cutoff + " sigma must be > 0 and at most half the "
                    + "shortest box edge (" + 0.5 * box.minEdge() + " sigma, minimum image): use a smaller cutoff or a "
                    + "larger system");
        }
        CellList cells = new CellList(box, cutoff);
        cells.build(x, y, z, n);
        double[][] rcsq = null;
        if (rc != null) {
            rcsq = new double[rc.length][];
            for (int a = 0; a < rc.length; a++) {
                rcsq[a] = new double[rc[a].length];
                for (int b = 0; b < rc[a].length; b++) {
                    if (rc[a][b] != rc[b][a]) {
                        throw new IllegalArgumentException("species-pair cutoffs must be symmetric: rc[" + a + "][" + b
                                + "] = " + rc[a][b] + " but rc[" + b + "][" + a + "] = " + rc[b][a]);
                    }
                    rcsq[a][b] = rc[a][b] * rc[a][b];
                }
            }
        }
        final double[][] cut = rcsq;
        // pass 1: count per particle
        int[] count = new int[n + 1];
        cells.forEachPair((i, j, ddx, ddy, ddz, rsq) -> {
            if (cut == null || rsq < cut[species[i]][species[j]]) {
                count[i]++;
                count[j]++;
            }
        });
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + count[i];
        }
        int total = start[n];
        int[] index = new int[total];
        double[] dx = new double[total];
        double[] dy = new double[total];
        double[] dz = new double[total];
        double[] r = new double[total];
        int[] fill = Arrays.copyOf(start, n);
        // pass 2: fill; the visitor's separation is r_i - r_j, we store r_j - r_i from i
        cells.forEachPair((i, j, ddx, ddy, ddz, rsq) -> {
            if (cut == null || rsq < cut[species[i]][species[j]]) {
                double d = Math.sqrt(rsq);
                int a = fill[i]++;
                index[a] = j;
                dx[a] = -ddx;
                dy[a] = -ddy;
                dz[a] = -ddz;
                r[a] = d;
                int b = fill[j]++;
                index[b] = i;
                dx[b] = ddx;
                dy[b] = ddy;
                dz[b] = ddz;
                r[b] = d;
            }
        });
        Neighbours nb = new Neighbours(n, start, index, dx, dy, dz, r);
        nb.sortRows();
        return nb;
    }

    /** Sorts each row by (distance, index): insertion sort for short rows, a merge sort of a permutation otherwise. */
    private void sortRows() {
        int widest = 0;
        for (int i = 0; i < n; i++) {
            widest = Math.max(widest, start[i + 1] - start[i]);
        }
        int[] perm = new int[widest];
        int[] work = new int[widest];
        int[] ti = new int[widest];
        double[] tx = new double[widest];
        double[] ty = new double[widest];
        double[] tz = new double[widest];
        double[] tr = new double[widest];
        for (int i = 0; i < n; i++) {
            int s = start[i];
            int m = start[i + 1] - s;
            for (int k = 0; k < m; k++) {
                perm[k] = s + k;
            }
            sort(perm, work, 0, m);
            for (int k = 0; k < m; k++) {
                int from = perm[k];
                ti[k] = index[from];
                tx[k] = dx[from];
                ty[k] = dy[from];
                tz[k] = dz[from];
                tr[k] = r[from];
            }
            System.arraycopy(ti, 0, index, s, m);
            System.arraycopy(tx, 0, dx, s, m);
            System.arraycopy(ty, 0, dy, s, m);
            System.arraycopy(tz, 0, dz, s, m);
            System.arraycopy(tr, 0, r, s, m);
        }
    }

    /** Stable sort of entry ids a[lo, hi) by {@link #before}. */
    private void sort(int[] a, int[] work, int lo, int hi) {
        if (hi - lo <= 24) {
            for (int k = lo + 1; k < hi; k++) {
                int key = a[k];
                int p = k;
                while (p > lo && before(key, a[p - 1])) {
                    a[p] = a[p - 1];
                    p--;
                }
                a[p] = key;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        sort(a, work, lo, mid);
        sort(a, work, mid, hi);
        System.arraycopy(a, lo, work, lo, hi - lo);
        int p = lo;
        int q = mid;
        for (int k = lo; k < hi; k++) {
            if (q >= hi || (p < mid && !before(work[q], work[p]))) {
                a[k] = work[p++];
            } else {
                a[k] = work[q++];
            }
        }
    }

    private boolean before(int a, int b) {
        return r[a] < r[b] || (r[a] == r[b] && index[a] < index[b]);
    }

    /** Number of particles. */
    public int size() {
        return n;
    }

    /** First entry of particle i's row; {@code start(i + 1)} is one past its last (i may be n). */
    public int start(int i) {
        return start[i];
    }

    /** Number of neighbours of particle i. */
    public int count(int i) {
        return start[i + 1] - start[i];
    }

    /** Total number of entries (twice the number of pairs). */
    public int entries() {
        return start[n];
    }

    /** Neighbour index of entry k. */
    public int neighbour(int k) {
        return index[k];
    }

    /** x component of r_j - r_i (minimum image) of entry k [sigma]. */
    public double dx(int k) {
        return dx[k];
    }

    public double dy(int k) {
        return dy[k];
    }

    /** z component (0 in 2D). */
    public double dz(int k) {
        return dz[k];
    }

    /** |r_j - r_i| of entry k [sigma]. */
    public double distance(int k) {
        return r[k];
    }
}
