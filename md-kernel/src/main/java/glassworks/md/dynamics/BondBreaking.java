package glassworks.md.dynamics;

import glassworks.md.Box;
import glassworks.md.structure.Neighbours;

/**
 * The bond-breaking correlation of seed 003 (Jung, Biroli &amp; Berthier, GlassMLP; digest section 2.1), per particle:
 *
 * <pre>
 *   n_0^i = #{ j != i : R_ij(0) &lt; r_cut^0 = 1.4 sigma_{a_i b_j} }                    (initial neighbours)
 *   n_t^i = #{ j among the n_0^i initial neighbours : R_ij(t) &lt; r_cut^t = 1.8 sigma_{a_i b_j} }
 *   C_B^i(t) = n_t^i / n_0^i   in [0, 1]
 * </pre>
 *
 * with minimum-image distances R_ij in the box of each frame (the positions may be unwrapped), from the thermal
 * positions at times 0 and t. The cutoffs are a symmetric species-pair matrix ({@link Cutoffs}); {@link Cutoffs#ka2d()}
 * is the digest's KA2D table (1.4 sigma_ab and 1.8 sigma_ab). A particle with n_0 = 0 has no C_B (NaN) and is left out of
 * averages.
 */
public final class BondBreaking {
    private BondBreaking() {
    }

    /**
     * Species-pair cutoffs [sigma]: {@code inner[a][b]} defines the initial neighbours (strictly closer), {@code
     * outer[a][b]} the surviving ones at time t (strictly closer). Symmetric, outer &ge; inner.
     */
    public record Cutoffs(double[][] inner, double[][] outer) implements java.io.Serializable {
        /** The seed-003 factors: r_cut^0 = 1.4 sigma_ab, r_cut^t = 1.8 sigma_ab. */
        public static final double INNER_FACTOR = 1.4;
        public static final double OUTER_FACTOR = 1.8;

        public Cutoffs {
            int s = inner.length;
            if (s == 0 || outer.length != s) {
                throw new IllegalArgumentException("inner and outer cutoff matrices must be square with one row per species");
            }
            for (int a = 0; a < s; a++) {
                if (inner[a].length != s || outer[a].length != s) {
                    throw new IllegalArgumentException("cutoff matrices must be " + s + " x " + s);
                }
                for (int b = 0; b < s; b++) {
                    if (inner[a][b] != inner[b][a] || outer[a][b] != outer[b][a]) {
                        throw new IllegalArgumentException("cutoff matrices must be symmetric (pair " + a + "," + b + ")");
                    }
                    if (!(inner[a][b] > 0) || !(outer[a][b] >= inner[a][b]) || Double.isInfinite(outer[a][b])) {
                        throw new IllegalArgumentException("cutoffs of pair " + a + "," + b + " must satisfy 0 < inner <= "
                                + "outer < infinity, got " + inner[a][b] + ", " + outer[a][b]);
                    }
                }
            }
        }

        /** inner = innerFactor sigma_ab, outer = outerFactor sigma_ab. */
        public static Cutoffs scaled(double[][] sigma, double innerFactor, double outerFactor) {
            int s = sigma.length;
            double[][] in = new double[s][s];
            double[][] out = new double[s][s];
            for (int a = 0; a < s; a++) {
                for (int b = 0; b < s; b++) {
                    in[a][b] = innerFactor * sigma[a][b];
                    out[a][b] = outerFactor * sigma[a][b];
                }
            }
            return new Cutoffs(in, out);
        }

        /** Seed 003's rule: 1.4 sigma_ab and 1.8 sigma_ab. */
        public static Cutoffs seed003(double[][] sigma) {
            return scaled(sigma, INNER_FACTOR, OUTER_FACTOR);
        }

        /**
         * KA2D (seed 003's ternary mixture): sigma_11 = 1, sigma_12 = 0.8, sigma_22 = 0.88, sigma_13 = 0.9,
         * sigma_23 = 0.8, sigma_33 = 0.94, so inner 1.400 / 1.120 / 1.232 / 1.260 / 1.120 / 1.316 and outer 1.800 /
         * 1.440 / 1.584 / 1.620 / 1.440 / 1.692 (the digest's table).
         */
        public static Cutoffs ka2d() {
            return seed003(new double[][]{{1.0, 0.8, 0.9}, {0.8, 0.88, 0.8}, {0.9, 0.8, 0.94}});
        }

        /** 3D Kob-Andersen (sigma_AA = 1, sigma_AB = 0.8, sigma_BB = 0.88) with the seed-003 factors. */
        public static Cutoffs ka3d() {
            return seed003(new double[][]{{1.0, 0.8}, {0.8, 0.88}});
        }

        /** Number of species the matrices cover. */
        public int species() {
            return inner.length;
        }

        public double maxInner() {
            return max(inner);
        }

        public double maxOuter() {
            return max(outer);
        }

        private static double max(double[][] m) {
            double v = 0;
            for (double[] row : m) {
                for (double c : row) {
                    v = Math.max(v, c);
                }
            }
            return v;
        }
    }

    /** Initial neighbour lists of one configuration (compressed rows: neighbours of i at start(i) .. start(i+1)-1). */
    public static final class Bonds {
        private final int n;
        private final int[] start;
        private final int[] neighbour;

        Bonds(int n, int[] start, int[] neighbour) {
            this.n = n;
            this.start = start;
            this.neighbour = neighbour;
        }

        public int size() {
            return n;
        }

        /** n_0^i. */
        public int count(int i) {
            return start[i + 1] - start[i];
        }

        public int start(int i) {
            return start[i];
        }

        /** Neighbour index of entry {@code k}. */
        public int neighbour(int k) {
            return neighbour[k];
        }

        /** Total entries (each bond twice). */
        public int entries() {
            return start[n];
        }
    }

    /** The initial neighbours (r &lt; inner[a][b]) of a configuration; positions wrapped or not. */
    public static Bonds initial(Box box, double[] x, double[] y, double[] z, int n, int[] species, Cutoffs c) {
        checkSpecies(species, n, c);
        double maxIn = c.maxInner();
        if (c.maxOuter() > 0.5 * box.minEdge()) {
            throw new IllegalArgumentException("bond-breaking outer cutoff " + c.maxOuter() + " exceeds half the shortest "
                    + "box edge " + 0.5 * box.minEdge() + " (minimum image)");
        }
        Neighbours nb = Neighbours.within(box, x, y, z, n, maxIn);
        double[][] in = c.inner();
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            int kept = 0;
            for (int k = nb.start(i), e = k + nb.count(i); k < e; k++) {
                if (nb.distance(k) < in[species[i]][species[nb.neighbour(k)]]) {
                    kept++;
                }
            }
            start[i + 1] = start[i] + kept;
        }
        int[] nbr = new int[start[n]];
        int q = 0;
        for (int i = 0; i < n; i++) {
            for (int k = nb.start(i), e = k + nb.count(i); k < e; k++) {
                int j = nb.neighbour(k);
                if (nb.distance(k) < in[species[i]][species[j]]) {
                    nbr[q++] = j;
                }
            }
        }
        return new Bonds(n, start, nbr);
    }

    private static void checkSpecies(int[] species, int n, Cutoffs c) {
        for (int i = 0; i < n; i++) {
            if (species[i] >= c.species()) {
                throw new IllegalArgumentException("particle " + i + " has species " + species[i] + " but the bond "
                        + "cutoffs cover " + c.species() + " species");
            }
        }
    }

    /**
     * n_t^i for every particle: how many of its initial neighbours are closer than outer[a][b] (minimum image in
     * {@code box}) at the positions given. Writes {@code survivors[i]}.
     */
    public static void survivors(Bonds bonds, Box box, double[] x, double[] y, double[] z, int[] species, Cutoffs c,
                                 int[] survivors) {
        double lx = box.lx();
        double ly = box.ly();
        double lz = box.lz();
        boolean three = box.dims() == 3;
        if (c.maxOuter() > 0.5 * box.minEdge()) {
            throw new IllegalArgumentException("bond-breaking outer cutoff " + c.maxOuter() + " exceeds half the shortest "
                    + "box edge " + 0.5 * box.minEdge() + " (minimum image)");
        }
        double[][] out = c.outer();
        int n = bonds.n;
        for (int i = 0; i < n; i++) {
            int kept = 0;
            double[] rowOut = out[species[i]];
            double xi = x[i];
            double yi = y[i];
            double zi = three ? z[i] : 0;
            for (int k = bonds.start[i], e = bonds.start[i + 1]; k < e; k++) {
                int j = bonds.neighbour[k];
                double dx = x[j] - xi;
                dx -= lx * Math.rint(dx / lx);
                double dy = y[j] - yi;
                dy -= ly * Math.rint(dy / ly);
                double r2 = dx * dx + dy * dy;
                if (three) {
                    double dz = z[j] - zi;
                    dz -= lz * Math.rint(dz / lz);
                    r2 += dz * dz;
                }
                double rc = rowOut[species[j]];
                if (r2 < rc * rc) {
                    kept++;
                }
            }
            survivors[i] = kept;
        }
    }

    /** C_B^i = n_t^i / n_0^i per particle (NaN where n_0 = 0), written into {@code out}. */
    public static void perParticle(Bonds bonds, Box box, double[] x, double[] y, double[] z, int[] species, Cutoffs c,
                                   int[] scratch, double[] out) {
        survivors(bonds, box, x, y, z, species, c, scratch);
        for (int i = 0; i < bonds.n; i++) {
            int n0 = bonds.count(i);
            out[i] = n0 > 0 ? (double) scratch[i] / n0 : Double.NaN;
        }
    }

    /** C_B^i between two frames of a trajectory (NaN where n_0 = 0). */
    public static double[] perParticle(Trajectory t, int origin, int target, Cutoffs c) {
        Bonds b = initial(t.box(origin), t.x(origin), t.y(origin), t.z(origin), t.n(), t.species(), c);
        double[] out = new double[t.n()];
        perParticle(b, t.box(target), t.x(target), t.y(target), t.z(target), t.species(), c, new int[t.n()], out);
        return out;
    }
}
