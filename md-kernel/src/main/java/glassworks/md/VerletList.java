package glassworks.md;

import java.util.Arrays;

/**
 * A half Verlet neighbour list with skin: every pair (i, j) whose distance is below its species-pair cutoff plus the skin
 * is stored once (a half list: Newton's third law gives the partner its share).
 *
 * <p>Layout: CSR over rows, one row per particle, rows in the cell list's cell order ({@link #rowAtom} gives the
 * particle of each row): {@code offsets[r] .. offsets[r+1]} index {@code entries}. An entry packs the neighbour index j
 * in its low 26 bits and, in the high bits, the periodic image shift (a {@link CellList} shift code) that makes
 * {@code r_i - r_j + shift} the minimum-image separation. Rows in cell order keep the force loop's particles spatially
 * coherent between the spatial re-sorts of the particle arrays, and let the build walk the cells' slot runs directly. The
 * shift stays valid until the next build because positions are only wrapped at builds. The list is rebuilt when any
 * particle has moved more than skin/2 since the last build, which guarantees no pair can have come from outside
 * cutoff + skin to inside the cutoff in between.
 *
 * <p>With a {@link WorkerTeam} lent by the force computation ({@link #lend}), the rows are split evenly among the members;
 * each fills its own chunk, and the chunks are then copied behind one another. The result does not depend on the number
 * of members: rows, and the entries inside a row, come out in the same order.
 */
final class VerletList {
    static final int INDEX_BITS = 26;
    static final int INDEX_MASK = (1 << INDEX_BITS) - 1;

    private final int n;
    private final int ns;
    private final double skin;
    private final double halfSkinSq;
    private final boolean planar;
    /** per species pair: (cutoff_ab + skin)^2 */
    private final double[] listCutsq;
    /** per species a: max over b of cutoff_ab + skin, the radius the candidate search of an a particle needs */
    private final double[] searchRadius;
    final int[] offsets;
    int[] entries;
    /** particle index of each row */
    final int[] rowAtom;
    /** shift vectors of the codes, copied from the cell list at construction */
    final double[] shiftX = new double[27];
    final double[] shiftY = new double[27];
    final double[] shiftZ = new double[27];
    private final double[] x0;
    private final double[] y0;
    private final double[] z0;
    private final int[] speciesInCellOrder;
    /** pairs a list of this density is expected to hold (sizes the arrays) */
    private final long expectedPairs;
    private int builds;

    // parallel build: the lent team, each member's chunk (member 0 writes entries itself) and scratch
    private WorkerTeam team;
    private int[][] chunks = new int[1][];
    private int[] chunkCount = new int[1];
    private int[][] ranges;
    private CellList buildCells;
    private final java.util.function.IntConsumer buildTask = this::buildTask;

    VerletList(PairModel model, double skin, int n, CellList cells) {
        this.n = n;
        this.ns = model.speciesCount();
        this.skin = skin;
        this.halfSkinSq = 0.25 * skin * skin;
        this.planar = cells.planar();
        listCutsq = new double[ns * ns];
        searchRadius = new double[ns];
        for (int a = 0; a < ns; a++) {
            for (int b = 0; b < ns; b++) {
                double r = model.cutoff(a, b) + skin;
                listCutsq[a * ns + b] = r * r;
                searchRadius[a] = Math.max(searchRadius[a], r);
            }
            // the cell list was sized for the largest cutoff + skin; never search beyond it
            searchRadius[a] = Math.min(searchRadius[a], cells.cutoff());
        }
        offsets = new int[n + 1];
        // room for the expected pairs plus a quarter: N/2 times the mean number of particles within the list cutoff
        // of a particle (uniform density, the model's composition); a denser spot grows the array during a build
        Box box = cells.box();
        double within = 0;
        for (int a = 0; a < ns; a++) {
            for (int b = 0; b < ns; b++) {
                double rl = model.cutoff(a, b) + skin;
                double v = box.dims() == 2 ? Math.PI * rl * rl : 4.0 / 3.0 * Math.PI * rl * rl * rl;
                within += model.fraction(a) * model.fraction(b) * v * n / box.volume();
            }
        }
        expectedPairs = (long) (0.5 * n * Math.min(n, within));
        entries = new int[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(1024, expectedPairs + expectedPairs / 4))];
        rowAtom = new int[n];
        for (int code = 0; code < 27; code++) {
            shiftX[code] = cells.shiftX(code);
            shiftY[code] = cells.shiftY(code);
            shiftZ[code] = cells.shiftZ(code);
        }
        x0 = new double[n];
        y0 = new double[n];
        z0 = new double[n];
        speciesInCellOrder = new int[n];
        ranges = new int[1][3 * cells.maxRanges()];
    }

    /**
     * Lets builds split their rows over {@code team} (the force computation's; null: serial). Builds are then
     * parallel; the list they produce is the same.
     */
    void lend(WorkerTeam team) {
        if (team == this.team) {
            return;
        }
        this.team = team;
        int members = team == null ? 1 : team.size();
        int[][] r = new int[members][];
        for (int t = 0; t < members; t++) {
            r[t] = new int[ranges[0].length];
        }
        ranges = r;
        chunks = new int[members][];
        long share = expectedPairs / members;
        for (int t = 1; t < members; t++) {
            chunks[t] = new int[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(1024, share + share / 4))];
        }
        chunkCount = new int[members];
    }

    /**
     * Rebuilds from a freshly built cell list over the same (wrapped) positions {@code x, y, z}. A pair in one cell is
     * stored under the particle that comes first in the cell's order; a pair across cells under the particle whose
     * cell's half stencil reaches the other. Entries of a row are contiguous (CSR), so force threads can take
     * contiguous row ranges.
     */
    void build(double[] x, double[] y, double[] z, int[] species, CellList cells) {
        if (cells.isBruteForce()) {
            buildBruteForce(x, y, z, species, cells);
        } else {
            int[] atoms = cells.cellOrder();
            System.arraycopy(atoms, 0, rowAtom, 0, n);
            for (int a = 0; a < n; a++) {
                speciesInCellOrder[a] = species[atoms[a]];
            }
            if (team == null || n < 64 * team.size()) {
                chunkCount[0] = 0;
                buildRows(0, 0, n, cells);
                offsets[n] = chunkCount[0];
            } else {
                buildCells = cells;
                team.run(buildTask);
                buildCells = null;
            }
        }
        System.arraycopy(x, 0, x0, 0, n);
        System.arraycopy(y, 0, y0, 0, n);
        System.arraycopy(z, 0, z0, 0, n);
        builds++;
    }

    /** Member t: its rows into its chunk; then member 0 makes room and every member appends its chunk and offsets. */
    private void buildTask(int t) {
        int members = team.size();
        buildRows(t, (int) ((long) n * t / members), (int) ((long) n * (t + 1) / members), buildCells);
        team.sync();
        if (t == 0) {
            long total = 0;
            for (int s = 0; s < members; s++) {
                total += chunkCount[s];
            }
            if (total > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("neighbour list of " + total + " entries does not fit an int array");
            }
            if (entries.length < total) {
                entries = Arrays.copyOf(entries, (int) Math.min(Integer.MAX_VALUE - 16, total + total / 8));
            }
            offsets[n] = (int) total;
        }
        team.sync();
        if (t > 0) {
            int base = 0;
            for (int s = 0; s < t; s++) {
                base += chunkCount[s];
            }
            System.arraycopy(chunks[t], 0, entries, base, chunkCount[t]);
            for (int a = (int) ((long) n * t / members), end = (int) ((long) n * (t + 1) / members); a < end; a++) {
                offsets[a] += base;
            }
        }
    }

    /**
     * Rows lo..hi-1 into member t's chunk (member 0: {@link #entries}), offsets relative to the chunk. Candidates come
     * from the cell list's slot runs over its cell-ordered position copies; i's own coordinates are the wrapped
     * positions, identical to x, y, z right after a wrap. The append is branch-free (a store, then the count advances
     * by the comparison's 0 or 1): about 1 candidate in 3 is kept, a branch would mispredict often.
     */
    private void buildRows(int t, int lo, int hi, CellList cells) {
        int[] e = t == 0 ? entries : chunks[t];
        if (ranges[t].length < 3 * cells.maxRanges()) {
            ranges[t] = new int[3 * cells.maxRanges()];
        }
        int[] rg = ranges[t];
        int count = 0;
        final double[] sx = cells.sortedX;
        final double[] sy = cells.sortedY;
        final double[] sz = cells.sortedZ;
        final int[] atoms = cells.cellOrder();
        final int[] sp = speciesInCellOrder;
        final double[] cut = listCutsq;
        final int ns = this.ns;
        for (int a = lo; a < hi; a++) {
            offsets[a] = count;
            int si = sp[a];
            int runs = cells.candidateRanges(a, searchRadius[si], rg);
            int candidates = 0;
            for (int q = 0; q < runs; q++) {
                candidates += rg[3 * q + 1] - rg[3 * q];
            }
            if (e.length - count < candidates) {
                e = Arrays.copyOf(e, Math.max(2 * e.length, count + candidates));
            }
            final int ti = si * ns;
            final double xi = sx[a];
            final double yi = sy[a];
            final double zi = sz[a];
            for (int q = 0; q < runs; q++) {
                final int code = rg[3 * q + 2];
                final int bits = code << INDEX_BITS;
                final double xs = xi + shiftX[code];
                final double ys = yi + shiftY[code];
                if (planar) {
                    for (int b = rg[3 * q], end = rg[3 * q + 1]; b < end; b++) {
                        final double dx = xs - sx[b];
                        final double dy = ys - sy[b];
                        e[count] = atoms[b] | bits;
                        count += dx * dx + dy * dy < cut[ti + sp[b]] ? 1 : 0;
                    }
                } else {
                    final double zs = zi + shiftZ[code];
                    for (int b = rg[3 * q], end = rg[3 * q + 1]; b < end; b++) {
                        final double dx = xs - sx[b];
                        final double dy = ys - sy[b];
                        final double dz = zs - sz[b];
                        e[count] = atoms[b] | bits;
                        count += dx * dx + dy * dy + dz * dz < cut[ti + sp[b]] ? 1 : 0;
                    }
                }
            }
        }
        if (t == 0) {
            entries = e;
        } else {
            chunks[t] = e;
        }
        chunkCount[t] = count;
    }

    /** The O(N^2) minimum-image fallback of boxes too small for a cell grid: rows in index order, serial. */
    private void buildBruteForce(double[] x, double[] y, double[] z, int[] species, CellList cells) {
        int count = 0;
        int[] e = entries;
        for (int i = 0; i < n; i++) {
            rowAtom[i] = i;
            offsets[i] = count;
            if (e.length - count < n) {
                e = Arrays.copyOf(e, Math.max(2 * e.length, count + n));
            }
            double xi = x[i];
            double yi = y[i];
            double zi = z[i];
            int ti = species[i] * ns;
            for (int j = i + 1; j < n; j++) {
                int code = cells.minimumImageShift(i, j);
                double dx = xi - x[j] + shiftX[code];
                double dy = yi - y[j] + shiftY[code];
                double dz = zi - z[j] + shiftZ[code];
                if (dx * dx + dy * dy + dz * dz < listCutsq[ti + species[j]]) {
                    e[count++] = j | (code << INDEX_BITS);
                }
            }
        }
        offsets[n] = count;
        entries = e;
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

    /** Rows (= particles). */
    int rows() {
        return n;
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
