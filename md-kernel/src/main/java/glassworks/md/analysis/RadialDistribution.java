package glassworks.md.analysis;

import glassworks.md.Box;
import glassworks.md.CellList;
import glassworks.md.FrameView;

/**
 * Partial and total radial distribution functions of one frame, from the kernel's periodic {@link CellList} (cost O(N)
 * per frame, memory O(N + bins); no N x N arrays). Pair (a, b) with a &le; b; the last "pair" is the total over all species.
 *
 * <p>Normalisation, so that an ideal gas gives exactly 1 in every bin: for unlike species
 * g_ab(r) = V c_ab(r) / (N_a N_b v(r)); for like species g_aa(r) = 2 V c_aa(r) / (N_a (N_a - 1) v(r)); total
 * g(r) = 2 V c(r) / (N (N - 1) v(r)), where c counts unordered pairs in the bin and v(r) is the bin's shell volume (area in
 * 2D). Partners per particle, the summand of the running coordination number, are c_ab / N_a (b partners of an a particle),
 * 2 c_aa / N_a and 2 c / N.
 */
public final class RadialDistribution {
    private final int species;
    private final double rMax;
    private final int bins;
    private final double binWidth;

    /**
     * @param species number of species in the model
     * @param rMax    largest distance histogrammed [sigma]; at most half the shortest box edge
     * @param bins    number of equal-width bins on [0, rMax)
     */
    public RadialDistribution(int species, double rMax, int bins) {
        if (species < 1) {
            throw new IllegalArgumentException("need at least one species, got " + species);
        }
        if (!(rMax > 0) || !Double.isFinite(rMax)) {
            throw new IllegalArgumentException("r_max must be a positive distance, got " + rMax + "; e.g. --r-max 3.0");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, got " + bins + "; e.g. --bins 150");
        }
        this.species = species;
        this.rMax = rMax;
        this.bins = bins;
        this.binWidth = rMax / bins;
    }

    /** Number of pair channels: species*(species+1)/2 partials plus the total. */
    public int pairs() {
        return species * (species + 1) / 2 + 1;
    }

    /** Index of the partial (a, b), a &le; b; {@code pairs() - 1} is the total. */
    public int pairIndex(int a, int b) {
        if (a > b) {
            int t = a;
            a = b;
            b = t;
        }
        return a * species - a * (a - 1) / 2 + (b - a);
    }

    /** Label of a pair channel: AA, AB, ... (species A, B, C ... in model order) or total. */
    public String pairLabel(int p) {
        if (p == pairs() - 1) {
            return "total";
        }
        for (int a = 0; a < species; a++) {
            for (int b = a; b < species; b++) {
                if (pairIndex(a, b) == p) {
                    return "" + (char) ('A' + a) + (char) ('A' + b);
                }
            }
        }
        throw new IllegalArgumentException("no pair " + p);
    }

    public int bins() {
        return bins;
    }

    public double binLo(int k) {
        return k * binWidth;
    }

    public double binHi(int k) {
        return (k + 1) * binWidth;
    }

    /**
     * One frame's result.
     *
     * @param counts   unordered pair counts [pair][bin]
     * @param g        g(r) [pair][bin] (0 where a species has too few particles)
     * @param partners mean partners per particle in the bin [pair][bin]
     */
    public record Frame(long[][] counts, double[][] g, double[][] partners) {
    }

    /** Computes the frame's histograms. Positions may be unwrapped: the shared {@link CellList} folds them into the box. */
    public Frame compute(FrameView f) {
        int dims = f.dims();
        double minEdge = dims == 3 ? Math.min(f.boxX(), Math.min(f.boxY(), f.boxZ())) : Math.min(f.boxX(), f.boxY());
        double volume = dims == 3 ? f.boxX() * f.boxY() * f.boxZ() : f.boxX() * f.boxY();
        if (rMax > 0.5 * minEdge + 1e-12) {
            throw new IllegalArgumentException("r_max " + rMax + " exceeds half the shortest box edge (" + 0.5 * minEdge
                    + "); choose --r-max <= " + Math.floor(0.5 * minEdge * 1000) / 1000);
        }
        int n = f.n();
        int[] sp = f.species();
        long[][] counts = new long[pairs()][bins];
        int total = pairs() - 1;
        // 2D frames get a planar box: one layer of cells, in-plane stencil, z ignored
        Box box = dims == 3 ? new Box(f.boxX(), f.boxY(), f.boxZ()) : Box.planar(f.boxX(), f.boxY());
        CellList cells = new CellList(box, Math.min(rMax, 0.5 * minEdge));
        cells.build(f.x(), f.y(), f.z(), n);
        double inverseWidth = 1.0 / binWidth;
        cells.forEachPair((i, j, dx, dy, dz, rsq) -> {
            int k = (int) (Math.sqrt(rsq) * inverseWidth);
            if (k < bins) {
                counts[pairIndex(sp[i], sp[j])][k]++;
                counts[total][k]++;
            }
        });
        int[] nSpecies = new int[species];
        for (int i = 0; i < n; i++) {
            nSpecies[sp[i]]++;
        }
        double[][] g = new double[pairs()][bins];
        double[][] partners = new double[pairs()][bins];
        for (int k = 0; k < bins; k++) {
            double shell = shellVolume(dims, binLo(k), binHi(k));
            for (int a = 0; a < species; a++) {
                for (int b = a; b < species; b++) {
                    int p = pairIndex(a, b);
                    double pairsExpected = a == b ? 0.5 * nSpecies[a] * (nSpecies[a] - 1.0) : (double) nSpecies[a] * nSpecies[b];
                    g[p][k] = pairsExpected > 0 ? counts[p][k] * volume / (pairsExpected * shell) : 0;
                    partners[p][k] = nSpecies[a] > 0 ? (a == b ? 2.0 : 1.0) * counts[p][k] / nSpecies[a] : 0;
                }
            }
            double all = 0.5 * n * (n - 1.0);
            g[total][k] = all > 0 ? counts[total][k] * volume / (all * shell) : 0;
            partners[total][k] = n > 0 ? 2.0 * counts[total][k] / n : 0;
        }
        return new Frame(counts, g, partners);
    }

    /** Volume of the shell lo &lt;= r &lt; hi in 3D, area of the ring in 2D [sigma^dims]; shared by every radial histogram. */
    public static double shellVolume(int dims, double lo, double hi) {
        return dims == 3 ? 4.0 / 3.0 * Math.PI * (hi * hi * hi - lo * lo * lo) : Math.PI * (hi * hi - lo * lo);
    }
}
