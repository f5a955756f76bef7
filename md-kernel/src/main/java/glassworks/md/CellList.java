package glassworks.md;

/**
 * Link-cell binning of particles in a periodic {@link Box}, 3D or planar (2D, {@code lz == 0}): the shared neighbour
 * search of the MD kernel's Verlet list and of per-frame analyses (g(r), bond orders, ...).
 *
 * <p>Use: {@code new CellList(box, cutoff)}, then {@link #build} with the positions of one frame (wrapped or not: they
 * are wrapped into the box internally; in 2D z is ignored and taken as 0), then {@link #forEachPair} to visit every
 * unordered pair closer than {@code cutoff} exactly once, with its minimum-image separation. The cutoff may be at most
 * half the shortest periodic edge (minimum image). Building is O(N), the pair sweep O(N * neighbours); no allocation
 * after the first build of a given N.
 *
 * <p>Cells have edges >= cutoff / reach, and a cell is paired with itself and with the half of the cells within
 * {@code reach} cells of it (a half stencil), so no pair is seen twice. Reach 2 (cells of half the cutoff) checks about
 * 40 % fewer candidate pairs than reach 1 and is used when the box holds at least 5 such cells per periodic edge; reach 1
 * needs 3. A 2D box has a single layer of cells and a half stencil in the plane only (no z images). A box narrower than
 * that would make the stencil wrap onto itself; there the list falls back to an O(N^2) minimum-image sweep (only small
 * systems hit it).
 *
 * <p>The half stencil is walked as rows along x: cells are numbered x fastest and particles are stored in cell order, so
 * the cells (x - reach .. x + reach, y', z') of one row hold one contiguous run of slots (two where the row wraps around
 * the box). {@link #candidateRanges} hands a particle its candidate slots as such runs, after dropping the rows and the
 * row ends that lie wholly beyond the cutoff from that particle. For the KA benchmark (N = 4000, cutoff 2.8, reach 2)
 * that is ~13 runs of ~11 candidates per particle instead of 62 cells of ~3.3, and 140 candidates instead of ~210: the
 * Verlet-list build got twice as fast, mostly from the longer loops and the stencil bookkeeping done once per row
 * rather than once per cell.
 */
public final class CellList {
    /** Receives one pair: particle indices i and j (as given to build), r_i - r_j under minimum image, and |r_i - r_j|^2. */
    @FunctionalInterface
    public interface PairVisitor {
        void accept(int i, int j, double dx, double dy, double dz, double rsq);
    }

    /** Shift code of the zero image shift: separation = r_i - r_j + shift(code). */
    static final int NO_SHIFT = 13;
    /** Most cells of a grid: more cells than particles only costs memory. */
    private static final long MAX_CELLS = 1L << 21;

    private final Box box;
    private final double cutoff;
    private final boolean planar;
    private final int reach;
    private final int ncx;
    private final int ncy;
    private final int ncz;
    private final boolean bruteForce;
    /** cell-index scale (cells per unit length) and cell edge along each axis */
    private final double scaleX;
    private final double scaleY;
    private final double scaleZ;
    private final double edgeX;
    private final double edgeY;
    private final double edgeZ;
    /** slack added to pruning radii: covers the rounding of the binning products x * scale (positions are O(L)) */
    private final double slack;
    /** the full rows of the half stencil, (dy, dz) with dx running -reach..reach; the forward row is extra */
    private final int[] rowDy;
    private final int[] rowDz;
    /** image shift of each code (0..26) along x, y, z: (code / 9 - 1) * lx etc. */
    private final double[] shiftX = new double[27];
    private final double[] shiftY = new double[27];
    private final double[] shiftZ = new double[27];

    private int n;
    private double[] wx = new double[0];
    private double[] wy = new double[0];
    private double[] wz = new double[0];
    private int[] cellOf = new int[0];
    private final int[] cellStart;
    private int[] cellAtoms = new int[0];
    /** scratch of forEachPair's candidate runs */
    private final int[] pairRanges;
    /** the wrapped positions in cell order */
    double[] sortedX = new double[0];
    double[] sortedY = new double[0];
    double[] sortedZ = new double[0];

    /**
     * @param box    the periodic box (3D, or planar with lz = 0)
     * @param cutoff largest pair distance of interest [sigma]; at most half the shortest periodic edge
     */
    public CellList(Box box, double cutoff) {
        this(box, cutoff, 2);
    }

    /** As {@link #CellList(Box, double)} with the largest reach to try (2 is the default; 1 for tests). */
    CellList(Box box, double cutoff, int maxReach) {
        if (!(cutoff > 0) || !(cutoff <= 0.5 * box.minEdge())) {
            throw new IllegalArgumentException("cell-list cutoff " + cutoff + " must be > 0 and <= half the shortest box edge "
                    + 0.5 * box.minEdge() + " (minimum image)");
        }
        this.box = box;
        this.cutoff = cutoff;
        this.planar = box.dims() == 2;
        int r = maxReach;
        int[] grid = grid(box, cutoff, r);
        while (grid == null && r > 1) {
            r--;
            grid = grid(box, cutoff, r);
        }
        bruteForce = grid == null;
        reach = bruteForce ? 0 : r;
        ncx = bruteForce ? 1 : grid[0];
        ncy = bruteForce ? 1 : grid[1];
        ncz = bruteForce ? 1 : grid[2];
        scaleX = ncx / box.lx();
        scaleY = ncy / box.ly();
        scaleZ = planar ? 0.0 : ncz / box.lz();
        edgeX = box.lx() / ncx;
        edgeY = box.ly() / ncy;
        edgeZ = planar ? 0.0 : box.lz() / ncz;
        slack = 1e-9 * (1.0 + box.lx() + box.ly() + box.lz());
        cellStart = new int[ncx * ncy * ncz + 1];
        for (int code = 0; code < 27; code++) {
            shiftX[code] = (code / 9 - 1) * box.lx();
            shiftY[code] = (code / 3 % 3 - 1) * box.ly();
            shiftZ[code] = (code % 3 - 1) * box.lz();
        }
        int rows = bruteForce ? 0 : planar ? reach : reach + reach * (2 * reach + 1);
        rowDy = new int[rows];
        rowDz = new int[rows];
        int k = 0;
        for (int dy = 1; dy <= reach && !bruteForce; dy++) {
            rowDy[k] = dy;
            rowDz[k++] = 0;
        }
        for (int dz = 1; dz <= reach && !bruteForce && !planar; dz++) {
            for (int dy = -reach; dy <= reach; dy++) {
                rowDy[k] = dy;
                rowDz[k++] = dz;
            }
        }
        pairRanges = new int[3 * maxRanges()];
    }

    /**
     * Cells per edge for cells of edge >= cutoff / reach, or null when some periodic edge has fewer than 2 reach + 1
     * (a planar box has one layer along z).
     */
    private static int[] grid(Box box, double cutoff, int reach) {
        double edge = cutoff / reach;
        boolean planar = box.dims() == 2;
        int cx = (int) Math.floor(box.lx() / edge);
        int cy = (int) Math.floor(box.ly() / edge);
        int cz = planar ? 1 : (int) Math.floor(box.lz() / edge);
        int min = 2 * reach + 1;
        if (cx < min || cy < min || (!planar && cz < min)) {
            return null;
        }
        while ((long) cx * cy * cz > MAX_CELLS) { // coarser cells stay >= cutoff / reach
            cx = Math.max(min, cx / 2);
            cy = Math.max(min, cy / 2);
            cz = planar ? 1 : Math.max(min, cz / 2);
        }
        return new int[]{cx, cy, cz};
    }

    static int shiftCode(int sx, int sy, int sz) {
        return (sx + 1) * 9 + (sy + 1) * 3 + (sz + 1);
    }

    /** Bins {@code n} particles. Positions are copied and wrapped into the box (z ignored in 2D); the arrays are not kept. */
    public void build(double[] x, double[] y, double[] z, int n) {
        if (wx.length < n) {
            wx = new double[n];
            wy = new double[n];
            wz = new double[n];
            cellOf = new int[n];
            cellAtoms = new int[n];
            sortedX = new double[n];
            sortedY = new double[n];
            sortedZ = new double[n];
        }
        this.n = n;
        double lx = box.lx();
        double ly = box.ly();
        double lz = box.lz();
        double sx = scaleX;
        double sy = scaleY;
        double sz = scaleZ;
        int[] start = cellStart;
        java.util.Arrays.fill(start, 0);
        for (int i = 0; i < n; i++) {
            double xi = Box.wrap(x[i], lx);
            double yi = Box.wrap(y[i], ly);
            double zi = planar ? 0.0 : Box.wrap(z[i], lz);
            wx[i] = xi;
            wy[i] = yi;
            wz[i] = zi;
            int cx = Math.min((int) (xi * sx), ncx - 1);
            int cy = Math.min((int) (yi * sy), ncy - 1);
            int cz = Math.min((int) (zi * sz), ncz - 1);
            int c = cx + ncx * (cy + ncy * cz);
            cellOf[i] = c;
            start[c + 1]++;
        }
        for (int c = 0; c < start.length - 1; c++) {
            start[c + 1] += start[c];
        }
        // counting sort, stable: inside a cell particles keep increasing index order. cellStart[c] serves as the fill
        // pointer of cell c and ends as the start of cell c + 1; shifting it back by one cell restores the starts.
        for (int i = 0; i < n; i++) {
            cellAtoms[start[cellOf[i]]++] = i;
        }
        System.arraycopy(start, 0, start, 1, start.length - 1);
        start[0] = 0;
        // positions in cell order: the candidate loops stream through memory instead of gathering
        for (int a = 0; a < n; a++) {
            int i = cellAtoms[a];
            sortedX[a] = wx[i];
            sortedY[a] = wy[i];
            sortedZ[a] = wz[i];
        }
    }

    /**
     * The candidate partners of the particle in cell-order slot {@code slot}: every particle in its half stencil that
     * can lie closer than {@code radius} (at most the list's cutoff), as runs of slots. Writes {@code start, end, code}
     * triples into {@code out} (room for {@link #maxRanges()} triples) and returns how many: slots start..end-1, seen
     * from the particle at r_j - shift(code). The first run begins right after the particle's own slot (the rest of its
     * own cell, then the cells after it along x); then come the other rows, a row dropped when its y-z distance from the
     * particle is already >= radius and trimmed at either end to the cells within the remaining x distance. Only the
     * O(N^2) fallback has no runs (do not call it there).
     */
    int candidateRanges(int slot, double radius, int[] out) {
        double r = radius + slack;
        double rsq = r * r;
        int c = cellOf[cellAtoms[slot]];
        int ix = c % ncx;
        int iy = c / ncx % ncy;
        int iz = c / (ncx * ncy);
        double xi = sortedX[slot];
        double yi = sortedY[slot];
        double zi = sortedZ[slot];
        int[] start = cellStart;
        int nx = ncx;
        int k = 0;
        // forward row: the rest of the own cell and the cells up to x + reach
        int hi = Math.min(reach, Math.max(0, (int) Math.floor((xi + r) * scaleX) - ix));
        int rowBase = c - ix;
        if (ix + hi < nx) {
            k = put(out, k, slot + 1, start[rowBase + ix + hi + 1], NO_SHIFT);
        } else {
            k = put(out, k, slot + 1, start[rowBase + nx], NO_SHIFT);
            k = put(out, k, start[rowBase], start[rowBase + ix + hi - nx + 1], shiftCode(-1, 0, 0));
        }
        for (int q = 0; q < rowDy.length; q++) {
            int dy = rowDy[q];
            int dz = rowDz[q];
            // distance along y and z from the particle to the (image) row, 0 for the particle's own y or z layer
            double gy = dy > 0 ? (iy + dy) * edgeY - yi : dy < 0 ? yi - (iy + dy + 1) * edgeY : 0.0;
            double gz = dz > 0 ? (iz + dz) * edgeZ - zi : 0.0;
            gy = Math.max(gy, 0.0);
            gz = Math.max(gz, 0.0);
            double rest = rsq - gy * gy - gz * gz;
            if (rest < 0) {
                continue;
            }
            double rx = Math.sqrt(rest);
            int lo = Math.max(-reach, (int) Math.floor((xi - rx) * scaleX) - ix);
            int up = Math.min(reach, Math.max(lo, (int) Math.floor((xi + rx) * scaleX) - ix));
            int jy = iy + dy;
            int sy = 0;
            if (jy >= ncy) {
                jy -= ncy;
                sy = -1;
            } else if (jy < 0) {
                jy += ncy;
                sy = 1;
            }
            int jz = iz + dz;
            int sz = 0;
            if (jz >= ncz) {
                jz -= ncz;
                sz = -1;
            }
            int base = nx * (jy + ncy * jz);
            int x0 = ix + lo;
            int x1 = ix + up;
            if (x0 < 0) {
                k = put(out, k, start[base + x0 + nx], start[base + nx], shiftCode(1, sy, sz));
                k = put(out, k, start[base], start[base + x1 + 1], shiftCode(0, sy, sz));
            } else if (x1 >= nx) {
                k = put(out, k, start[base + x0], start[base + nx], shiftCode(0, sy, sz));
                k = put(out, k, start[base], start[base + x1 - nx + 1], shiftCode(-1, sy, sz));
            } else {
                k = put(out, k, start[base + x0], start[base + x1 + 1], shiftCode(0, sy, sz));
            }
        }
        return k;
    }

    /** Most slot runs {@link #candidateRanges} can return: the forward row and every other row, each split once at the box edge. */
    int maxRanges() {
        return 2 * (1 + rowDy.length);
    }

    private static int put(int[] out, int k, int from, int to, int code) {
        if (from >= to) {
            return k;
        }
        out[3 * k] = from;
        out[3 * k + 1] = to;
        out[3 * k + 2] = code;
        return k + 1;
    }

    /** Visits each unordered pair with |r_i - r_j| &lt; cutoff exactly once (i and j in no particular order). */
    public void forEachPair(PairVisitor visitor) {
        double cutsq = cutoff * cutoff;
        if (bruteForce) {
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    int code = minimumImageShift(i, j);
                    double dx = wx[i] - wx[j] + shiftX[code];
                    double dy = wy[i] - wy[j] + shiftY[code];
                    double dz = wz[i] - wz[j] + shiftZ[code];
                    double rsq = dx * dx + dy * dy + dz * dz;
                    if (rsq < cutsq) {
                        visitor.accept(i, j, dx, dy, dz, rsq);
                    }
                }
            }
            return;
        }
        int[] ranges = pairRanges;
        for (int a = 0; a < n; a++) {
            int i = cellAtoms[a];
            int runs = candidateRanges(a, cutoff, ranges);
            for (int q = 0; q < runs; q++) {
                int code = ranges[3 * q + 2];
                double xi = sortedX[a] + shiftX[code];
                double yi = sortedY[a] + shiftY[code];
                double zi = sortedZ[a] + shiftZ[code];
                for (int b = ranges[3 * q], end = ranges[3 * q + 1]; b < end; b++) {
                    double dx = xi - sortedX[b];
                    double dy = yi - sortedY[b];
                    double dz = zi - sortedZ[b];
                    double rsq = dx * dx + dy * dy + dz * dz;
                    if (rsq < cutsq) {
                        visitor.accept(i, cellAtoms[b], dx, dy, dz, rsq);
                    }
                }
            }
        }
    }

    /** The shift code that puts j at its minimum image seen from i (wrapped positions). */
    int minimumImageShift(int i, int j) {
        return shiftCode(imageOffset(wx[i] - wx[j], box.lx()), imageOffset(wy[i] - wy[j], box.ly()),
                planar ? 0 : imageOffset(wz[i] - wz[j], box.lz()));
    }

    private static int imageOffset(double d, double edge) {
        return d > 0.5 * edge ? -1 : d < -0.5 * edge ? 1 : 0;
    }

    public Box box() {
        return box;
    }

    public double cutoff() {
        return cutoff;
    }

    /** Whether the box is planar (2D): one layer of cells, no z images. */
    public boolean planar() {
        return planar;
    }

    /** Number of particles of the last build. */
    public int size() {
        return n;
    }

    /** Stencil reach in cells: 2 (cells of cutoff/2), 1 (cells of the cutoff) or 0 in the O(N^2) fallback. */
    public int reach() {
        return reach;
    }

    /** Cells along x, y, z (1 x 1 x 1 in the O(N^2) fallback; z is 1 in 2D). */
    public int[] gridShape() {
        return new int[]{ncx, ncy, ncz};
    }

    /** True when the box is too small for a (2 reach + 1)-cell grid and pairs are found by an O(N^2) minimum-image sweep. */
    public boolean isBruteForce() {
        return bruteForce;
    }

    /**
     * Particle indices in cell order (cell by cell, x fastest): a spatially coherent order for sorting particle arrays
     * for cache locality. The returned array is internal and reused; its first {@link #size()} entries are valid.
     */
    public int[] cellOrder() {
        return cellAtoms;
    }

    // ---- package-private access for the Verlet list build (and Simulation's NPT shift update)

    double shiftX(int code) {
        return shiftX[code];
    }

    double shiftY(int code) {
        return shiftY[code];
    }

    double shiftZ(int code) {
        return shiftZ[code];
    }
}
