package glassworks.md;

/**
 * Link-cell binning of particles in a periodic 3D {@link Box}: the shared neighbour search of the MD kernel's Verlet list
 * and of per-frame analyses (g(r), bond orders, ...).
 *
 * <p>Use: {@code new CellList(box, cutoff)}, then {@link #build} with the positions of one frame (wrapped or not: they
 * are wrapped into the box internally), then {@link #forEachPair} to visit every unordered pair closer than
 * {@code cutoff} exactly once, with its minimum-image separation. The cutoff must be below half the shortest box edge
 * (minimum image). Building is O(N), the pair sweep O(N * neighbours); no allocation after the first build of a
 * given N.
 *
 * <p>Cells have edges >= cutoff and each cell is paired with itself and 13 of its 26 neighbours (a half stencil), so no
 * pair is seen twice. A box narrower than 3 cells in some direction would make the stencil wrap onto itself; there the
 * list falls back to an O(N^2) minimum-image sweep (only small systems hit it).
 */
public final class CellList {
    /** Receives one pair: particle indices i and j (as given to build), r_i - r_j under minimum image, and |r_i - r_j|^2. */
    @FunctionalInterface
    public interface PairVisitor {
        void accept(int i, int j, double dx, double dy, double dz, double rsq);
    }

    /** Shift code of the zero image shift: separation = r_i - r_j + shift(code). */
    static final int NO_SHIFT = 13;
    /** The 13 half-stencil offsets (dx, dy, dz) lexicographically after (0, 0, 0). */
    private static final int[][] HALF_STENCIL = halfStencil();

    private final Box box;
    private final double cutoff;
    private final int ncx;
    private final int ncy;
    private final int ncz;
    private final boolean bruteForce;
    /** per cell, the 13 neighbour cells of the half stencil and their image-shift codes */
    private final int[] stencilCell;
    private final int[] stencilShift;
    /** image shift of each code (0..26) along x, y, z: (code / 9 - 1) * lx etc. */
    private final double[] shiftX = new double[27];
    private final double[] shiftY = new double[27];
    private final double[] shiftZ = new double[27];

    private int n;
    private double[] wx = new double[0];
    private double[] wy = new double[0];
    private double[] wz = new double[0];
    private int[] cellOf = new int[0];
    private int[] cellStart;
    private int[] cellFill;
    private int[] cellAtoms = new int[0];

    /**
     * @param box    the periodic box
     * @param cutoff largest pair distance of interest [sigma]; must be &lt; half the shortest box edge
     */
    public CellList(Box box, double cutoff) {
        if (!(cutoff > 0) || !(cutoff <= 0.5 * box.minEdge())) {
            throw new IllegalArgumentException("cell-list cutoff " + cutoff + " must be > 0 and <= half the shortest box edge "
                    + 0.5 * box.minEdge() + " (minimum image)");
        }
        this.box = box;
        this.cutoff = cutoff;
        int cx = (int) Math.floor(box.lx() / cutoff);
        int cy = (int) Math.floor(box.ly() / cutoff);
        int cz = (int) Math.floor(box.lz() / cutoff);
        bruteForce = cx < 3 || cy < 3 || cz < 3;
        // cap the grid: more cells than ~particles only costs memory; 2^20 cells are plenty
        while (!bruteForce && (long) cx * cy * cz > (1L << 20)) {
            cx = Math.max(3, cx / 2);
            cy = Math.max(3, cy / 2);
            cz = Math.max(3, cz / 2);
        }
        ncx = bruteForce ? 1 : cx;
        ncy = bruteForce ? 1 : cy;
        ncz = bruteForce ? 1 : cz;
        int cells = ncx * ncy * ncz;
        cellStart = new int[cells + 1];
        cellFill = new int[cells];
        for (int code = 0; code < 27; code++) {
            shiftX[code] = (code / 9 - 1) * box.lx();
            shiftY[code] = (code / 3 % 3 - 1) * box.ly();
            shiftZ[code] = (code % 3 - 1) * box.lz();
        }
        if (bruteForce) {
            stencilCell = new int[0];
            stencilShift = new int[0];
        } else {
            stencilCell = new int[cells * 13];
            stencilShift = new int[cells * 13];
            for (int c = 0; c < cells; c++) {
                int ix = c % ncx;
                int iy = c / ncx % ncy;
                int iz = c / (ncx * ncy);
                for (int k = 0; k < 13; k++) {
                    int[] o = HALF_STENCIL[k];
                    int jx = ix + o[0];
                    int jy = iy + o[1];
                    int jz = iz + o[2];
                    // neighbour cell across the upper face holds particles whose image is at +L: r_i - r_j - L
                    int sx = jx >= ncx ? -1 : jx < 0 ? 1 : 0;
                    int sy = jy >= ncy ? -1 : jy < 0 ? 1 : 0;
                    int sz = jz >= ncz ? -1 : jz < 0 ? 1 : 0;
                    jx = Math.floorMod(jx, ncx);
                    jy = Math.floorMod(jy, ncy);
                    jz = Math.floorMod(jz, ncz);
                    stencilCell[c * 13 + k] = jx + ncx * (jy + ncy * jz);
                    stencilShift[c * 13 + k] = shiftCode(sx, sy, sz);
                }
            }
        }
    }

    private static int[][] halfStencil() {
        int[][] s = new int[13][];
        int k = 0;
        for (int dz = -1; dz <= 1; dz++) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    boolean after = dz > 0 || (dz == 0 && (dy > 0 || (dy == 0 && dx > 0)));
                    if (after) {
                        s[k++] = new int[]{dx, dy, dz};
                    }
                }
            }
        }
        return s;
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
            cellAtoms[start[c] + fill[c]++] = i;
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
                for (int k = 0; k < 13; k++) {
                    int c2 = stencilCell[c * 13 + k];
                    int code = stencilShift[c * 13 + k];
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

    int stencilCell(int c, int k) {
        return stencilCell[c * 13 + k];
    }

    int stencilShift(int c, int k) {
        return stencilShift[c * 13 + k];
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
