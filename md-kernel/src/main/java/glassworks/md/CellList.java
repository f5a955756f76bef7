package glassworks.md;

/**
 * Link-cell binning of particles in a periodic 3D {@link Box}: the shared neighbour search of the MD kernel's Verlet list
 * and of per-frame analyses (g(r), bond orders, ...).
 *
 * <p>Use: {@code new CellList(box, cutoff)}, then {@link #build} with the positions of one frame (wrapped or not: they
 * are wrapped into the box internally), then {@link #forEachPair} to visit every unordered pair closer than
 * {@code cutoff} exactly once, with its minimum-image separation. The cutoff may be at most half the shortest box edge
 * (minimum image). Building is O(N), the pair sweep O(N * neighbours); no allocation after the first build of a
 * given N.
 *
 * <p>Cells have edges >= cutoff / reach, and a cell is paired with itself and with the half of the cells within
 * {@code reach} cells of it (a half stencil), so no pair is seen twice. Reach 2 (cells of half the cutoff) checks about
 * 40 % fewer candidate pairs than reach 1 and is used when the box holds at least 5 such cells per edge; reach 1 needs
 * 3 cells per edge. A box narrower than that would make the stencil wrap onto itself; there the list falls back to an
 * O(N^2) minimum-image sweep (only small systems hit it).
 */
public final class CellList {
    /** Receives one pair: particle indices i and j (as given to build), r_i - r_j under minimum image, and |r_i - r_j|^2. */
    @FunctionalInterface
    public interface PairVisitor {
        void accept(int i, int j, double dx, double dy, double dz, double rsq);
    }

    /** Shift code of the zero image shift: separation = r_i - r_j + shift(code). */
    static final int NO_SHIFT = 13;
    static final int STENCIL_CELL_MASK = (1 << 26) - 1;
    /** Most cells of a grid: more cells than particles only costs memory. */
    private static final long MAX_CELLS = 1L << 21;

    private final Box box;
    private final double cutoff;
    private final int reach;
    private final int ncx;
    private final int ncy;
    private final int ncz;
    private final boolean bruteForce;
    /** half-stencil offsets (x, y, z) lexicographically after (0, 0, 0), reach cells in each direction */
    private final int[] stencilX;
    private final int[] stencilY;
    private final int[] stencilZ;
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
    private final int[] cellFill;
    private int[] cellAtoms = new int[0];
    /** position of each particle in cell order, and the wrapped positions in cell order */
    int[] slotOf = new int[0];
    double[] sortedX = new double[0];
    double[] sortedY = new double[0];
    double[] sortedZ = new double[0];

    /**
     * @param box    the periodic box
     * @param cutoff largest pair distance of interest [sigma]; at most half the shortest box edge
     */
    public CellList(Box box, double cutoff) {
        if (!(cutoff > 0) || !(cutoff <= 0.5 * box.minEdge())) {
            throw new IllegalArgumentException("cell-list cutoff " + cutoff + " must be > 0 and <= half the shortest box edge "
                    + 0.5 * box.minEdge() + " (minimum image)");
        }
        this.box = box;
        this.cutoff = cutoff;
        int r = 2;
        int[] grid = grid(box, cutoff, r);
        if (grid == null) {
            r = 1;
            grid = grid(box, cutoff, r);
        }
        bruteForce = grid == null;
        reach = bruteForce ? 0 : r;
        ncx = bruteForce ? 1 : grid[0];
        ncy = bruteForce ? 1 : grid[1];
        ncz = bruteForce ? 1 : grid[2];
        int cells = ncx * ncy * ncz;
        cellStart = new int[cells + 1];
        cellFill = new int[cells];
        for (int code = 0; code < 27; code++) {
            shiftX[code] = (code / 9 - 1) * box.lx();
            shiftY[code] = (code / 3 % 3 - 1) * box.ly();
            shiftZ[code] = (code % 3 - 1) * box.lz();
        }
        int size = bruteForce ? 0 : ((2 * reach + 1) * (2 * reach + 1) * (2 * reach + 1) - 1) / 2;
        stencilX = new int[size];
        stencilY = new int[size];
        stencilZ = new int[size];
        int k = 0;
        for (int dz = -reach; dz <= reach && !bruteForce; dz++) {
            for (int dy = -reach; dy <= reach; dy++) {
                for (int dx = -reach; dx <= reach; dx++) {
                    if (dz > 0 || (dz == 0 && (dy > 0 || (dy == 0 && dx > 0)))) {
                        stencilX[k] = dx;
                        stencilY[k] = dy;
                        stencilZ[k] = dz;
                        k++;
                    }
                }
            }
        }
    }

    /** Cells per edge for cells of edge >= cutoff / reach, or null when some edge has fewer than 2 reach + 1. */
    private static int[] grid(Box box, double cutoff, int reach) {
        double edge = cutoff / reach;
        int cx = (int) Math.floor(box.lx() / edge);
        int cy = (int) Math.floor(box.ly() / edge);
        int cz = (int) Math.floor(box.lz() / edge);
        int min = 2 * reach + 1;
        if (cx < min || cy < min || cz < min) {
            return null;
        }
        while ((long) cx * cy * cz > MAX_CELLS) { // coarser cells stay >= cutoff / reach
            cx = Math.max(min, cx / 2);
            cy = Math.max(min, cy / 2);
            cz = Math.max(min, cz / 2);
        }
        return new int[]{cx, cy, cz};
    }

    int cellX(int c) {
        return c % ncx;
    }

    int cellY(int c) {
        return c / ncx % ncy;
    }

    int cellZ(int c) {
        return c / (ncx * ncy);
    }

    /** Number of half-stencil neighbour cells (13 for reach 1, 62 for reach 2, 0 in the O(N^2) fallback). */
    int stencilSize() {
        return stencilX.length;
    }

    /**
     * The k-th half-stencil neighbour of cell {@code c}, packed as {@code cell | shiftCode << 26}: particles there
     * are seen from c at r_j - shift, i.e. the separation is r_i - r_j + shift(code).
     */
    int stencilNeighbour(int c, int k) {
        return stencilNeighbour(c % ncx, c / ncx % ncy, c / (ncx * ncy), k);
    }

    /** {@link #stencilNeighbour(int, int)} for the cell at grid coordinates (ix, iy, iz): no divisions. */
    int stencilNeighbour(int ix, int iy, int iz, int k) {
        int jx = ix + stencilX[k];
        int jy = iy + stencilY[k];
        int jz = iz + stencilZ[k];
        // a neighbour cell beyond the upper face holds particles whose image is at +L: r_i - r_j - L
        int sx = 0;
        int sy = 0;
        int sz = 0;
        if (jx >= ncx) {
            jx -= ncx;
            sx = -1;
        } else if (jx < 0) {
            jx += ncx;
            sx = 1;
        }
        if (jy >= ncy) {
            jy -= ncy;
            sy = -1;
        } else if (jy < 0) {
            jy += ncy;
            sy = 1;
        }
        if (jz >= ncz) {
            jz -= ncz;
            sz = -1;
        } else if (jz < 0) {
            jz += ncz;
            sz = 1;
        }
        return (jx + ncx * (jy + ncy * jz)) | (shiftCode(sx, sy, sz) << 26);
    }

    static int shiftCode(int sx, int sy, int sz) {
        return (sx + 1) * 9 + (sy + 1) * 3 + (sz + 1);
    }

    /** Bins {@code n} particles. Positions are copied and wrapped into the box; the arrays are not kept. */
    public void build(double[] x, double[] y, double[] z, int n) {
        if (wx.length < n) {
            wx = new double[n];
            wy = new double[n];
            wz = new double[n];
            cellOf = new int[n];
            cellAtoms = new int[n];
            slotOf = new int[n];
            sortedX = new double[n];
            sortedY = new double[n];
            sortedZ = new double[n];
        }
        this.n = n;
        double lx = box.lx();
        double ly = box.ly();
        double lz = box.lz();
        double sx = ncx / lx;
        double sy = ncy / ly;
        double sz = ncz / lz;
        int[] start = cellStart;
        java.util.Arrays.fill(start, 0);
        for (int i = 0; i < n; i++) {
            double xi = Box.wrap(x[i], lx);
            double yi = Box.wrap(y[i], ly);
            double zi = Box.wrap(z[i], lz);
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
        // counting sort, stable: inside a cell particles keep increasing index order
        int[] fill = cellFill;
        java.util.Arrays.fill(fill, 0);
        for (int i = 0; i < n; i++) {
            int c = cellOf[i];
            int a = start[c] + fill[c]++;
            cellAtoms[a] = i;
            slotOf[i] = a;
        }
        // positions in cell order: the candidate loops stream through memory instead of gathering
        for (int a = 0; a < n; a++) {
            int i = cellAtoms[a];
            sortedX[a] = wx[i];
            sortedY[a] = wy[i];
            sortedZ[a] = wz[i];
        }
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
        int cells = cellStart.length - 1;
        for (int c = 0; c < cells; c++) {
            int cx = c % ncx;
            int cy = c / ncx % ncy;
            int cz = c / (ncx * ncy);
            for (int a = cellStart[c]; a < cellStart[c + 1]; a++) {
                int i = cellAtoms[a];
                for (int b = a + 1; b < cellStart[c + 1]; b++) {
                    int j = cellAtoms[b];
                    double dx = wx[i] - wx[j];
                    double dy = wy[i] - wy[j];
                    double dz = wz[i] - wz[j];
                    double rsq = dx * dx + dy * dy + dz * dz;
                    if (rsq < cutsq) {
                        visitor.accept(i, j, dx, dy, dz, rsq);
                    }
                }
                for (int k = 0, ks = stencilX.length; k < ks; k++) {
                    int packed = stencilNeighbour(cx, cy, cz, k);
                    int c2 = packed & STENCIL_CELL_MASK;
                    int code = packed >>> 26;
                    double xi = wx[i] + shiftX[code];
                    double yi = wy[i] + shiftY[code];
                    double zi = wz[i] + shiftZ[code];
                    for (int b = cellStart[c2]; b < cellStart[c2 + 1]; b++) {
                        int j = cellAtoms[b];
                        double dx = xi - wx[j];
                        double dy = yi - wy[j];
                        double dz = zi - wz[j];
                        double rsq = dx * dx + dy * dy + dz * dz;
                        if (rsq < cutsq) {
                            visitor.accept(i, j, dx, dy, dz, rsq);
                        }
                    }
                }
            }
        }
    }

    /** The shift code that puts j at its minimum image seen from i (wrapped positions). */
    int minimumImageShift(int i, int j) {
        return shiftCode(imageOffset(wx[i] - wx[j], box.lx()), imageOffset(wy[i] - wy[j], box.ly()),
                imageOffset(wz[i] - wz[j], box.lz()));
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

    /** Number of particles of the last build. */
    public int size() {
        return n;
    }

    /** Stencil reach in cells: 2 (cells of cutoff/2), 1 (cells of the cutoff) or 0 in the O(N^2) fallback. */
    public int reach() {
        return reach;
    }

    /** Cells along x, y, z (1 x 1 x 1 in the O(N^2) fallback). */
    public int[] gridShape() {
        return new int[]{ncx, ncy, ncz};
    }

    /** True when the box is too small for a 3x3x3 grid and pairs are found by an O(N^2) minimum-image sweep. */
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

    // ---- package-private access for the Verlet list build

    int cellOf(int i) {
        return cellOf[i];
    }

    int cellStart(int c) {
        return cellStart[c];
    }

    int cellEnd(int c) {
        return cellStart[c + 1];
    }

    int cellAtom(int a) {
        return cellAtoms[a];
    }

    double shiftX(int code) {
        return shiftX[code];
    }

    double shiftY(int code) {
        return shiftY[code];
    }

    double shiftZ(int code) {
        return shiftZ[code];
    }

    double wrappedX(int i) {
        return wx[i];
    }

    double wrappedY(int i) {
        return wy[i];
    }

    double wrappedZ(int i) {
        return wz[i];
    }
}
