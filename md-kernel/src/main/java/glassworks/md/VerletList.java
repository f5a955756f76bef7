package glassworks.md;

import java.util.Arrays;

/**
 * A half Verlet neighbour list with skin: every pair (i, j) whose distance is below its species-pair cutoff plus the skin
 * is stored once (a half list: Newton's third law gives the partner its share).
 *
 * <p>Layout: CSR, {@code offsets[i] .. offsets[i+1]} index {@code entries}; an entry packs the neighbour index j in its
 * low 26 bits and, in the high bits, the periodic image shift (a {@link CellList} shift code) that makes
 * {@code r_i - r_j + shift} the minimum-image separation. The shift stays valid until the next build because positions
 * are only wrapped at builds. The list is rebuilt when any particle has moved more than skin/2 since the last build,
 * which guarantees no pair can have come from outside cutoff + skin to inside the cutoff in between.
 */
final class VerletList {
    static final int INDEX_BITS = 26;
    static final int INDEX_MASK = (1 << INDEX_BITS) - 1;

    private final int n;
    private final int ns;
    private final double skin;
    private final double halfSkinSq;
    /** per species pair: (cutoff_ab + skin)^2 */
    private final double[] listCutsq;
    final int[] offsets;
    int[] entries;
    /** shift vectors of the codes, copied from the cell list at construction */
    final double[] shiftX = new double[27];
    final double[] shiftY = new double[27];
    final double[] shiftZ = new double[27];
    private final double[] x0;
    private final int[] speciesInCellOrder;
    private final double[] y0;
    private final double[] z0;
    private int builds;

    VerletList(PairModel model, double skin, int n, CellList cells) {
        this.n = n;
        this.ns = model.speciesCount();
        this.skin = skin;
        this.halfSkinSq = 0.25 * skin * skin;
        listCutsq = new double[ns * ns];
        for (int a = 0; a < ns; a++) {
            for (int b = 0; b < ns; b++) {
                double r = model.cutoff(a, b) + skin;
                listCutsq[a * ns + b] = r * r;
            }
        }
        offsets = new int[n + 1];
        entries = new int[Math.max(1024, n * 48)];
        for (int code = 0; code < 27; code++) {
            shiftX[code] = cells.shiftX(code);
            shiftY[code] = cells.shiftY(code);
            shiftZ[code] = cells.shiftZ(code);
        }
        x0 = new double[n];
        speciesInCellOrder = new int[n];
        y0 = new double[n];
        z0 = new double[n];
    }

    /**
     * Rebuilds from a freshly built cell list over the same (wrapped) positions {@code x, y, z}. A pair in one cell is
     * stored under the particle that comes first in the cell's order; a pair across cells under the particle whose cell's
     * half stencil reaches the other. Entries of particle i are contiguous (CSR in index order), so force threads can
     * take contiguous i-ranges.
     */
    void build(double[] x, double[] y, double[] z, int[] species, CellList cells) {
        int count = 0;
        int[] e = entries;
        if (!cells.isBruteForce()) {
            int[] atoms = cells.cellOrder();
            for (int a = 0; a < n; a++) {
                speciesInCellOrder[a] = species[atoms[a]];
            }
        }
        for (int i = 0; i < n; i++) {
            offsets[i] = count;
            // worst case for this particle: everything; grow before the inner loops so they need no checks
            if (e.length - count < n) {
                e = Arrays.copyOf(e, Math.max(2 * e.length, count + n));
            }
            double xi = x[i];
            double yi = y[i];
            double zi = z[i];
            int ti = species[i] * ns;
            if (cells.isBruteForce()) {
                for (int j = i + 1; j < n; j++) {
                    int code = cells.minimumImageShift(i, j);
                    double dx = xi - x[j] + shiftX[code];
                    double dy = yi - y[j] + shiftY[code];
                    double dz = zi - z[j] + shiftZ[code];
                    if (dx * dx + dy * dy + dz * dz < listCutsq[ti + species[j]]) {
                        e[count++] = j | (code << INDEX_BITS);
                    }
                }
            } else {
                // candidates come from cell-ordered copies (contiguous per cell); i's own coordinates are the wrapped
                // positions, identical to x, y, z right after a wrap
                int c = cells.cellOf(i);
                double[] sx = cells.sortedX;
                double[] sy = cells.sortedY;
                double[] sz = cells.sortedZ;
                int[] atoms = cells.cellOrder();
                int[] sp = speciesInCellOrder;
                for (int a = cells.slotOf[i] + 1, end = cells.cellEnd(c); a < end; a++) {
                    double dx = xi - sx[a];
                    double dy = yi - sy[a];
                    double dz = zi - sz[a];
                    // branch-free append: ~1 candidate in 5 is kept, a branch would mispredict often
                    e[count] = atoms[a] | (CellList.NO_SHIFT << INDEX_BITS);
                    count += dx * dx + dy * dy + dz * dz < listCutsq[ti + sp[a]] ? 1 : 0;
                }
                int cx = cells.cellX(c);
                int cy = cells.cellY(c);
                int cz = cells.cellZ(c);
                for (int k = 0, ks = cells.stencilSize(); k < ks; k++) {
                    int packed = cells.stencilNeighbour(cx, cy, cz, k);
                    int c2 = packed & CellList.STENCIL_CELL_MASK;
                    int code = packed >>> 26;
                    double xs = xi + shiftX[code];
                    double ys = yi + shiftY[code];
                    double zs = zi + shiftZ[code];
                    for (int a = cells.cellStart(c2), end = cells.cellEnd(c2); a < end; a++) {
                        double dx = xs - sx[a];
                        double dy = ys - sy[a];
                        double dz = zs - sz[a];
                        e[count] = atoms[a] | (code << INDEX_BITS);
                        count += dx * dx + dy * dy + dz * dz < listCutsq[ti + sp[a]] ? 1 : 0;
                    }
                }
            }
        }
        offsets[n] = count;
        entries = e;
        System.arraycopy(x, 0, x0, 0, n);
        System.arraycopy(y, 0, y0, 0, n);
        System.arraycopy(z, 0, z0, 0, n);
        builds++;
    }

    /** True when some particle has moved more than skin/2 since the last build (NaN positions also say yes). */
    boolean needsRebuild(double[] x, double[] y, double[] z) {
        double limit = halfSkinSq;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - x0[i];
            double dy = y[i] - y0[i];
            double dz = z[i] - z0[i];
            if (!(dx * dx + dy * dy + dz * dz <= limit)) {
                return true;
            }
        }
        return false;
    }

    /** Stored pairs. */
    int pairCount() {
        return offsets[n];
    }

    int builds() {
        return builds;
    }

    double skin() {
        return skin;
    }

    static int index(int entry) {
        return entry & INDEX_MASK;
    }

    static int shift(int entry) {
        return entry >>> INDEX_BITS;
    }
}
